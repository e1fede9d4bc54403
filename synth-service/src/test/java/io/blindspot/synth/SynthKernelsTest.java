package io.blindspot.synth;

import io.blindspot.synth.domain.CentreSampler;
import io.blindspot.synth.domain.DiskAnomaly;
import io.blindspot.synth.domain.Variants;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The entry point gives exactly what the domain classes give. */
class SynthKernelsTest {
    private static final int ROWS = 9;
    private static final int COLS = 11;

    /** A 9 x 11 slice: background 0 on the border, tissue values inside. */
    private static float[] slice() {
        float[] s = new float[ROWS * COLS];
        for (int r = 1; r < ROWS - 1; r++) {
            for (int c = 1; c < COLS - 1; c++) {
                s[r * COLS + c] = 0.1f + 0.01f * (r * COLS + c);
            }
        }
        return s;
    }

    @Test
    void diskVariantsAreTheDomainsBitForBit() {
        List<Double> intensities = List.of(0.0, 0.5, 1.0);
        Variants expected = new DiskAnomaly(3).generate(slice(), ROWS, COLS, 4, 5, intensities);
        SynthKernels.DiskVariants v = SynthKernels.disk(3, slice(), ROWS, COLS, 4, 5, intensities);

        assertThat(v.anomalous().shape()).containsExactly(3, ROWS, COLS);
        assertThat(v.anomalous().data()).containsExactly(expected.anomalous().data());
        assertThat(v.label().shape()).containsExactly(ROWS, COLS);
        assertThat(v.label().data()).containsExactly(expected.label().data());
        // the centre pixel holds each intensity; the border (background) stays 0 in every variant
        assertThat(v.anomalous().data()[2 * ROWS * COLS + 4 * COLS + 5]).isEqualTo(1f);
        assertThat(v.anomalous().data()[ROWS * COLS]).isEqualTo(0f);
    }

    @Test
    void theCentreIsTheDomainsSeededDraw() {
        for (int z = 0; z < 10; z++) {
            int[] c = SynthKernels.centre(2022L, slice(), ROWS, COLS, 2, z);
            assertThat(c).containsExactly(CentreSampler.draw(2022L, slice(), ROWS, COLS, 2, z));
            assertThat(slice()[c[0] * COLS + c[1]]).isPositive();
        }
    }
}
