package io.blindspot.scoring.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The edge of a match and the grid suggested instead: the rule of {@link GridEdge}, case by case. */
class GridEdgeTest {

    /** numpy.linspace(start, stop, num) as the specs write it: i * step + start, the last value exactly stop. */
    private static double[] linspace(double start, double stop, int num) {
        double[] y = new double[num];
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            y[i] = i * step + start;
        }
        y[num - 1] = stop;
        return y;
    }

    @Test
    void insideTheGridThereIsNoEdge() {
        assertThat(GridEdge.of(Curve.SIGMA, 1, new double[] {0, 1, 2})).isNull();
        assertThat(GridEdge.of(Curve.SIGMA, 98, linspace(0, 5, 100))).isNull();
    }

    @Test
    void thePapersSigmaGridMatchedAt5SuggestsLinspace0To10() {
        // The shipped AE, VAE and Spatial-AE in normal-rec: matched sigma 5, the last of linspace(0, 5, 100).
        double[] sigmas = linspace(0, 5, 100);
        GridEdge e = GridEdge.of(Curve.SIGMA, 99, sigmas);
        assertThat(e.side()).isEqualTo(GridEdge.LAST);
        assertThat(e.note()).isEqualTo("above the largest σ tried");
        assertThat(e.suggestedSpec()).isEqualTo("{\"linspace\": [0, 10, 199]}");
        assertThat(e.suggestedGrid()).hasSize(199);
        // the reference's own values first, unchanged, then its step onwards
        for (int i = 0; i < 100; i++) {
            assertThat(e.suggestedGrid()[i]).isEqualTo(sigmas[i]);
        }
        double[] wider = linspace(0, 10, 199);
        for (int i = 100; i < 199; i++) {
            assertThat(e.suggestedGrid()[i]).isCloseTo(wider[i], within(1e-12));
        }
    }

    @Test
    void aGeometricGridContinuesWithItsRatio() {
        GridEdge high = GridEdge.of(Curve.SIGMA, 3, new double[] {0.5, 1, 2, 4});
        assertThat(high.suggestedGrid()).containsExactly(0.5, 1, 2, 4, 8, 16, 32);
        assertThat(high.suggestedSpec()).isEqualTo("[0.5, 1, 2, 4, 8, 16, 32]");
        GridEdge low = GridEdge.of(Curve.SIGMA, 0, new double[] {0.5, 1, 2, 4});
        assertThat(low.side()).isEqualTo(GridEdge.FIRST);
        assertThat(low.note()).isEqualTo("below the smallest σ tried");
        assertThat(low.suggestedGrid()).containsExactly(0.0625, 0.125, 0.25, 0.5, 1, 2, 4);
    }

    @Test
    void anIrregularGridContinuesWithTheStepAtItsEdge() {
        // exp1-small's sigmas: the step from 2 to 5 is 3
        GridEdge e = GridEdge.of(Curve.SIGMA, 4, new double[] {0, 0.5, 1, 2, 5});
        assertThat(e.suggestedGrid()).containsExactly(0, 0.5, 1, 2, 5, 8, 11, 14, 17);
        assertThat(e.suggestedSpec()).isEqualTo("[0, 0.5, 1, 2, 5, 8, 11, 14, 17]");
    }

    @Test
    void valuesOutsideTheScaleAreLeftOut() {
        // intensities stay in [0, 1]: linspace(0.5, 0.9, 5) matched at 0.9 gains only 1.0
        GridEdge up = GridEdge.of(Curve.INTENSITY, 4, linspace(0.5, 0.9, 5));
        assertThat(up.note()).isEqualTo("above the largest intensity tried");
        assertThat(up.suggestedGrid()).containsExactly(new double[] {0.5, 0.6, 0.7, 0.8, 0.9, 1.0}, within(1e-12));
        // sigmas stay >= 0: [1, 2, 3] matched at 1 gains only 0
        GridEdge down = GridEdge.of(Curve.SIGMA, 0, new double[] {1, 2, 3});
        assertThat(down.suggestedGrid()).containsExactly(0, 1, 2, 3);
        assertThat(down.suggestedSpec()).isEqualTo("{\"linspace\": [0, 3, 4]}");
    }

    @Test
    void anEdgeAtTheEndOfTheScaleHasNoSuggestion() {
        GridEdge brightest = GridEdge.of(Curve.INTENSITY, 2, new double[] {0, 0.5, 1});
        assertThat(brightest.side()).isEqualTo(GridEdge.LAST);
        assertThat(brightest.note()).isEqualTo("above the largest intensity tried (intensity = 1 ends the scale:"
                + " nothing to run beyond it)");
        assertThat(brightest.suggestedGrid()).isNull();
        assertThat(brightest.suggestedSpec()).isNull();
        GridEdge sharpest = GridEdge.of(Curve.SIGMA, 0, linspace(0, 5, 100));
        assertThat(sharpest.side()).isEqualTo(GridEdge.FIRST);
        assertThat(sharpest.suggestedGrid()).isNull();
    }

    @Test
    void theDirectionFollowsTheValuesNotTheIndex() {
        // a grid written in descending order: its last value is the smallest
        GridEdge e = GridEdge.of(Curve.SIGMA, 2, new double[] {3, 2, 1});
        assertThat(e.side()).isEqualTo(GridEdge.LAST);
        assertThat(e.note()).isEqualTo("below the smallest σ tried");
        assertThat(e.suggestedGrid()).containsExactly(3, 2, 1, 0);
    }

    @Test
    void aOneValueGridIsAtBothEdges() {
        GridEdge e = GridEdge.of(Curve.SIGMA, 0, new double[] {2.0});
        assertThat(e.side()).isEqualTo(GridEdge.ONLY);
        assertThat(e.note()).isEqualTo("the only σ tried: the match compares nothing");
        assertThat(e.suggestedGrid()).isNull();
    }

    @Test
    void theSuggestionKeepsToTheSpecsLimitOfValues() {
        double[] big = linspace(0, 1, 6000);
        GridEdge e = GridEdge.of(Curve.SIGMA, 5999, big);
        assertThat(e.suggestedGrid()).hasSize(GridEdge.MAX_VALUES);
    }

    @Test
    void anIndexOutsideTheGridIsRefused() {
        assertThatThrownBy(() -> GridEdge.of(Curve.SIGMA, 3, new double[] {0, 1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
