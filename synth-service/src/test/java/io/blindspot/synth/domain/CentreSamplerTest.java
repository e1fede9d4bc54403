package io.blindspot.synth.domain;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CentreSamplerTest {
    private static final int ROWS = 20;
    private static final int COLS = 30;

    /** A 20x30 slice whose brain is the rectangle rows 5..14, cols 10..24 (150 pixels). */
    private static float[] brainRectangle() {
        float[] slice = new float[ROWS * COLS];
        for (int r = 5; r < 15; r++) {
            for (int c = 10; c < 25; c++) {
                slice[r * COLS + c] = 0.25f + 0.01f * c;
            }
        }
        return slice;
    }

    @Test
    void theSameSeedAndSliceGiveTheSameCentre() {
        float[] slice = brainRectangle();
        int[] first = CentreSampler.draw(42L, slice, ROWS, COLS, 2, 80);
        int[] again = CentreSampler.draw(42L, slice, ROWS, COLS, 2, 80);
        assertThat(again).containsExactly(first);
    }

    @Test
    void theCentreIsTheBrainPixelAtTheDrawnRowMajorIndex() {
        // Brain pixels in row-major order: index i -> row 5 + i / 15, col 10 + i % 15.
        float[] slice = brainRectangle();
        long mixed = CentreSampler.mix(7L, 2, 85);
        int pick = new java.util.SplittableRandom(mixed).nextInt(150);
        assertThat(CentreSampler.draw(7L, slice, ROWS, COLS, 2, 85))
                .containsExactly(5 + pick / 15, 10 + pick % 15);
    }

    @Test
    void mixIsTheDocumentedFormula() {
        // 3 * 0x9E3779B97F4A7C15 wraps in 64 bits; + 2 * 1_000_003 + 80.
        assertThat(CentreSampler.mix(3L, 2, 80)).isEqualTo(3L * 0x9E3779B97F4A7C15L + 2_000_006L + 80L);
        assertThat(CentreSampler.mix(0L, 0, 0)).isZero();
        assertThat(CentreSampler.mix(1L, 0, 0)).isEqualTo(0x9E3779B97F4A7C15L);
    }

    @Test
    void drawnCentresAlwaysLieOnBrainAndSpreadOverSlicesAndSeeds() {
        float[] slice = brainRectangle();
        Set<List<Integer>> seen = new HashSet<>();
        for (int index = 0; index < 200; index++) {
            int[] c = CentreSampler.draw(1234L, slice, ROWS, COLS, 2, index);
            assertThat(slice[c[0] * COLS + c[1]]).isGreaterThan(0f);
            seen.add(List.of(c[0], c[1]));
        }
        // 200 draws over 150 pixels: uniform draws hit well over half of them (expected ~112 distinct).
        assertThat(seen.size()).isGreaterThan(75);
        assertThat(CentreSampler.draw(1L, slice, ROWS, COLS, 2, 80))
                .isNotEqualTo(CentreSampler.draw(1L, slice, ROWS, COLS, 2, 81));
    }

    @Test
    void aSliceWithoutBrainCannotBeCentredOn() {
        assertThatThrownBy(() -> CentreSampler.draw(1L, new float[ROWS * COLS], ROWS, COLS, 2, 80))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slice axis2-0080 has no brain pixel to centre an anomaly on");
    }

    @Test
    void anExplicitPositionWinsOverTheSeed() {
        assertThat(CentreSampler.centre(List.of(6, 11), 42L, brainRectangle(), ROWS, COLS, 2, 80))
                .containsExactly(6, 11);
        // even on background: the experiment said so (the paper's positions are brain pixels anyway)
        assertThat(CentreSampler.centre(List.of(0, 0), null, brainRectangle(), ROWS, COLS, 2, 80))
                .containsExactly(0, 0);
    }

    @Test
    void seededCentreIsUsedWhenNoPositionIsGiven() {
        float[] slice = brainRectangle();
        assertThat(CentreSampler.centre(null, 42L, slice, ROWS, COLS, 2, 80))
                .containsExactly(CentreSampler.draw(42L, slice, ROWS, COLS, 2, 80));
    }

    @Test
    void badPositionsAndMissingSeedAreErrors() {
        float[] slice = brainRectangle();
        assertThatThrownBy(() -> CentreSampler.centre(List.of(20, 3), null, slice, ROWS, COLS, 2, 80))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("anomaly position [20, 3] lies outside the 20x30 slice");
        assertThatThrownBy(() -> CentreSampler.centre(List.of(1), null, slice, ROWS, COLS, 2, 80))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be [row, col]");
        assertThatThrownBy(() -> CentreSampler.centre(null, null, slice, ROWS, COLS, 2, 80))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("anomaly has neither a position nor a seed for slice axis2-0080");
    }
}
