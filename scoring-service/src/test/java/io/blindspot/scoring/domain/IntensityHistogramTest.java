package io.blindspot.scoring.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class IntensityHistogramTest {

    @Test
    void countsBrainPixelsOnlyInNumpysBins() {
        // background 0 is not brain; values are exact in float32 so the derivation is exact.
        // 4 bins over [0, 1]: edges 0, .25, .5, .75, 1; 0.0625 and 0.125 -> bin 0, 0.5 twice -> bin 2
        // (left-closed), 1.0 -> bin 3 (the last bin is closed)
        float[] a = {0f, 0.0625f, 0.5f, 0f};
        float[] b = {0.125f, 0.5f, 1.0f, 0f};
        IntensityHistogram h = IntensityHistogram.of(List.of(a, b), 4);
        assertThat(h.edges()).containsExactly(0.0, 0.25, 0.5, 0.75, 1.0);
        assertThat(h.counts()).containsExactly(2, 0, 2, 1);
        assertThat(h.pixels()).isEqualTo(5);
        assertThat(h.above()).isZero();
    }

    @Test
    void quantilesInterpolateLinearlyLikeNumpy() {
        // sorted brain: 0.0625 0.125 0.5 0.5 1.0 (N = 5), position q (N - 1) = 4q
        // 5%: 0.2 -> 0.0625 + 0.2 * 0.0625 = 0.075; 25%: 1 -> 0.125; 50%: 2 -> 0.5; 75%: 3 -> 0.5;
        // 95%: 3.8 -> from the upper end, as numpy: 1.0 - (1.0 - 0.5) * 0.2 = 0.9
        IntensityHistogram h = IntensityHistogram.of(List.of(new float[] {0.0625f, 0.125f, 0.5f, 0.5f, 1.0f}), 4);
        assertThat(h.levels()).containsExactly(0.05, 0.25, 0.5, 0.75, 0.95);
        double[] expected = {0.075, 0.125, 0.5, 0.5, 0.9};
        for (int q = 0; q < expected.length; q++) {
            assertThat(h.quantiles()[q]).as("quantile %s", h.levels()[q]).isCloseTo(expected[q], within(1e-15));
        }
        assertThat(h.quantile(0.5)).isEqualTo(0.5);
    }

    @Test
    void aValueOnAnInnerEdgeGoesToTheBinOnItsRight() {
        IntensityHistogram h = IntensityHistogram.of(List.of(new float[] {0.25f, 0.75f}), 4);
        assertThat(h.counts()).containsExactly(0, 1, 0, 1);
    }

    @Test
    void aValueAboveOneIsKeptInTheLastBinAndReported() {
        IntensityHistogram h = IntensityHistogram.of(List.of(new float[] {1.5f, 0.9f}), 4);
        assertThat(h.counts()).containsExactly(0, 0, 0, 2);
        assertThat(h.above()).isEqualTo(1);
    }

    @Test
    void noBrainGivesEmptyCountsAndNoQuantiles() {
        IntensityHistogram h = IntensityHistogram.of(List.of(new float[] {0f, 0f}), 4);
        assertThat(h.counts()).containsExactly(0, 0, 0, 0);
        assertThat(h.pixels()).isZero();
        assertThat(h.quantiles()).containsOnly(Double.NaN);
    }

    @Test
    void fiftyBinsByDefaultOfWidthTwoHundredths() {
        IntensityHistogram h = IntensityHistogram.of(List.of(new float[] {0.5f}), IntensityHistogram.DEFAULT_BINS);
        assertThat(h.edges()).hasSize(51);
        assertThat(h.edges()[1]).isEqualTo(0.02);
        assertThat(h.counts()[25]).isEqualTo(1); // 0.5 is the left edge of bin 25
    }
}
