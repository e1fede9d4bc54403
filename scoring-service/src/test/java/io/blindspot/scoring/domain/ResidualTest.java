package io.blindspot.scoring.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResidualTest {

    @Test
    void isTheAbsoluteDifferencePerPixel() {
        // |0.25 - 0.75| = 0.5, |1 - 0.5| = 0.5, |0 - 0| = 0 (binary fractions: exact)
        assertThat(Residual.of(new float[] {0.25f, 1f, 0f}, new float[] {0.75f, 0.5f, 0f}))
                .containsExactly(0.5f, 0.5f, 0f);
    }

    @Test
    void isRoundedToFloat32SoNearTiesBecomeTies() {
        // 1 − 2^-25 lies halfway between the floats 1 − 2^-24 and 1; float32 rounds it to even: 1.0f.
        // So both pixels score exactly 1.0f and form ONE threshold, as in numpy on float32 arrays. Kept in
        // double they would differ (0.99999997 vs 1.0) and the AP would change (golden rule 4).
        float[] residual = Residual.of(new float[] {1f, 1f}, new float[] {0x1p-25f, 0f});
        assertThat(residual).containsExactly(1f, 1f);
        assertThat(1.0 - (double) 0x1p-25f).isNotEqualTo(1.0);
        // labels: first pixel negative, second positive -> one tied threshold -> AP = 1/2 (double: 1.0)
        assertThat(AveragePrecision.compute(residual, new boolean[] {false, true})).isEqualTo(0.5);
    }

    @Test
    void readsPlanesAtOffsets() {
        float[] stack = {9f, 9f, 0.5f, 0.25f};
        float[] out = new float[2];
        Residual.compute(new float[] {1f, 1f}, 0, stack, 2, out);
        assertThat(out).containsExactly(0.5f, 0.75f);
    }

    @Test
    void meanIsTheDoubleSumOverPixels() {
        // (0.5 + 0.25 + 0 + 0.25) / 4 = 0.25
        assertThat(Residual.mean(new float[] {0.5f, 0.25f, 0f, 0.25f})).isEqualTo(0.25);
    }

    @Test
    void rejectsImagesOfDifferentSize() {
        assertThatThrownBy(() -> Residual.of(new float[2], new float[3])).isInstanceOf(IllegalArgumentException.class);
    }
}
