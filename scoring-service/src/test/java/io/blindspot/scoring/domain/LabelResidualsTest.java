package io.blindspot.scoring.domain;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelResidualsTest {

    private static int[] keys(LabelResiduals residuals, float c) {
        int[] out = new int[residuals.size()];
        residuals.descendingKeys(c, out);
        return out;
    }

    @Test
    void mergesTheTwoSidesOfTheIntensityFromTheHighestResidualDown() {
        // rec on the label pixels 1, 3, 4 (pixels 0, 2, 3); pixel 1 is not in the label (9 is ignored).
        // c = 0.5: |0.25 - 0.5| = 0.25, |0.75 - 0.5| = 0.25, |1 - 0.5| = 0.5  -> 0.5, 0.25, 0.25 (a tie)
        float[] rec = {0.25f, 9f, 1f, 0.75f};
        LabelResiduals residuals = new LabelResiduals(rec, new int[] {0, 2, 3});
        assertThat(keys(residuals, 0.5f)).containsExactly(Float.floatToRawIntBits(0.5f),
                Float.floatToRawIntBits(0.25f), Float.floatToRawIntBits(0.25f));
        // c = 0 (all rec above c): 1, 0.75, 0.25; c = 2 (all below): 1.75, 1.25, 1
        assertThat(keys(residuals, 0f)).containsExactly(Float.floatToRawIntBits(1f),
                Float.floatToRawIntBits(0.75f), Float.floatToRawIntBits(0.25f));
        assertThat(keys(residuals, 2f)).containsExactly(Float.floatToRawIntBits(1.75f),
                Float.floatToRawIntBits(1.25f), Float.floatToRawIntBits(1f));
    }

    @Test
    void negativeZeroInTheReconstructionGivesAPlainZeroResidual() {
        // |-0 - 0| = |0 - 0| = +0: both keys are 0, never the bits of -0f
        LabelResiduals residuals = new LabelResiduals(new float[] {-0f, 0f}, new int[] {0, 1});
        assertThat(keys(residuals, 0f)).containsExactly(0, 0);
    }

    /** Any reconstruction and intensity: the keys are those of a sort of the float32 residuals, descending. */
    @Test
    void equalsASortOfTheResidualsOnRandomValues() {
        Random random = new Random(3);
        for (int round = 0; round < 300; round++) {
            int k = random.nextInt(200);
            float[] rec = new float[k];
            int[] pixels = new int[k];
            for (int j = 0; j < k; j++) {
                // few levels in some rounds: ties on both sides of c, and rec equal to c
                rec[j] = round % 3 == 0 ? random.nextInt(5) / 4f : random.nextFloat() * 1.2f - 0.1f;
                pixels[j] = j;
            }
            float c = round % 3 == 0 ? random.nextInt(5) / 4f : random.nextFloat();
            int[] expected = new int[k];
            for (int j = 0; j < k; j++) {
                expected[j] = AveragePrecision.sortableBits(Math.abs(rec[j] - c));
            }
            Arrays.sort(expected);
            IncrementalAveragePrecision.reverse(expected, k);
            assertThat(keys(new LabelResiduals(rec, pixels), c)).as("round %d", round).isEqualTo(expected);
        }
    }

    @Test
    void rejectsNaN() {
        assertThatThrownBy(() -> new LabelResiduals(new float[] {0f, Float.NaN}, new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        LabelResiduals residuals = new LabelResiduals(new float[] {0f}, new int[] {0});
        assertThatThrownBy(() -> keys(residuals, Float.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        LabelResiduals infinite = new LabelResiduals(new float[] {Float.POSITIVE_INFINITY}, new int[] {0});
        assertThatThrownBy(() -> keys(infinite, Float.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }

    @Test
    void groupsAreTheDistinctKeysWithHowManyPixelsAreAtOrAboveEach() {
        // residuals at c = 0.5 as above: 0.5, 0.25, 0.25 -> groups 0.5 (1 pixel at or above), 0.25 (3)
        LabelResiduals residuals = new LabelResiduals(new float[] {0.25f, 9f, 1f, 0.75f}, new int[] {0, 2, 3});
        int[] values = new int[3];
        int[] ends = new int[3];
        assertThat(residuals.descendingGroups(0.5f, values, ends)).isEqualTo(2);
        assertThat(Arrays.copyOf(values, 2)).containsExactly(Float.floatToRawIntBits(0.5f),
                Float.floatToRawIntBits(0.25f));
        assertThat(Arrays.copyOf(ends, 2)).containsExactly(1, 3);
        // random values with many ties: the groups of the descending keys
        Random random = new Random(5);
        for (int round = 0; round < 200; round++) {
            int k = 1 + random.nextInt(100);
            float[] rec = new float[k];
            int[] pixels = new int[k];
            for (int j = 0; j < k; j++) {
                rec[j] = random.nextInt(7) / 6f;
                pixels[j] = j;
            }
            LabelResiduals r = new LabelResiduals(rec, pixels);
            float c = random.nextInt(7) / 6f;
            int[] keys = keys(r, c);
            int[] v = new int[k];
            int[] e = new int[k];
            int distinct = r.descendingGroups(c, v, e);
            int g = 0;
            for (int i = 0; i < k; i++) {
                if (i > 0 && keys[i] != keys[i - 1]) {
                    g++;
                }
                assertThat(v[g]).isEqualTo(keys[i]);
                assertThat(e[g]).isGreaterThan(i);
            }
            assertThat(distinct).isEqualTo(g + 1);
            assertThat(e[distinct - 1]).isEqualTo(k);
        }
    }
}
