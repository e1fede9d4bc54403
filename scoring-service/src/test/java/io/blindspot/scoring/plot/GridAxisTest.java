package io.blindspot.scoring.plot;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GridAxisTest {
    @Test
    void smallGridsLabelEveryBlockWithItsValue() {
        GridAxis axis = new GridAxis(new double[] {0.0, 0.5, 1.0, 2.0, 5.0});
        assertThat(axis.ticks()).containsExactly(new GridAxis.Tick(0, "0"), new GridAxis.Tick(1, "0.5"),
                new GridAxis.Tick(2, "1"), new GridAxis.Tick(3, "2"), new GridAxis.Tick(4, "5"));
    }

    @Test
    void largeGridsPutRoundValuesWhereTheyFall() {
        // linspace(0, 5, 100): value v sits at position v * 99 / 5, so 1 -> 19.8, 5 -> 99
        double[] sigmas = IntStream.range(0, 100).mapToDouble(i -> 5.0 * i / 99).toArray();
        List<GridAxis.Tick> ticks = new GridAxis(sigmas).ticks();
        assertThat(ticks).extracting(GridAxis.Tick::label).containsExactly("0", "1", "2", "3", "4", "5");
        assertThat(ticks.get(1).position()).isCloseTo(19.8, within(1e-9));
        assertThat(ticks.get(5).position()).isCloseTo(99.0, within(1e-9));
    }

    @Test
    void intensityGridTicksEveryPointTwo() {
        double[] intensities = IntStream.range(0, 100).mapToDouble(i -> i / 99.0).toArray();
        assertThat(new GridAxis(intensities).ticks()).extracting(GridAxis.Tick::label)
                .containsExactly("0", "0.2", "0.4", "0.6", "0.8", "1");
    }

    @Test
    void valuesListedInAnyOrderAreLaidOutAscending() {
        GridAxis axis = new GridAxis(new double[] {1.0, 0.0, 0.5});
        assertThat(axis.position(0)).isEqualTo(2);
        assertThat(axis.position(1)).isEqualTo(0);
        assertThat(axis.position(2)).isEqualTo(1);
        assertThat(axis.positionOf(0.25)).isEqualTo(0.5);
        assertThat(axis.positionOf(2.0)).isNaN();
    }

    @Test
    void formatsThreeSignificantDigits() {
        assertThat(GridAxis.format(5.0 / 99)).isEqualTo("0.0505");
        assertThat(GridAxis.format(0.2)).isEqualTo("0.2");
        assertThat(GridAxis.format(2.0)).isEqualTo("2");
        assertThat(GridAxis.format(0.0)).isEqualTo("0");
    }

    @Test
    void aNamedAxisIsOneBlockLabelledWithTheName() {
        GridAxis axis = GridAxis.named("pixel-shuffle");
        assertThat(axis.size()).isEqualTo(1);
        assertThat(axis.position(0)).isZero();
        assertThat(axis.ticks()).containsExactly(new GridAxis.Tick(0, "pixel-shuffle"));
    }
}
