package io.blindspot.scoring.domain;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.Modes;
import io.blindspot.scoring.domain.metric.SliceScore;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fast slice scores equal {@link SliceScore}'s full-map definitions bit for bit. */
class SliceScoresTest {
    @Test
    void theSelectionGivesTheKLargestDescendingOnTiesAndRandomData() {
        Random random = new Random(14);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(500);
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = trial % 2 == 0 ? random.nextInt(5) / 4f : random.nextFloat();
            }
            int k = 1 + random.nextInt(n);
            float[] sorted = values.clone();
            Arrays.sort(sorted);
            float[] expected = new float[k];
            for (int i = 0; i < k; i++) {
                expected[i] = sorted[n - 1 - i];
            }
            assertThat(SliceScores.largest(values, n, k)).as("trial " + trial).containsExactly(expected);
            assertThat(SliceScores.topKMean(values, k)).isEqualTo(SliceScore.topKMean(values, k));
        }
        assertThat(SliceScores.largest(new float[] {1f}, 1, 0)).isEmpty();
        assertThatThrownBy(() -> SliceScores.largest(new float[] {1f, Float.NaN}, 2, 1))
                .hasMessageContaining("NaN");
    }

    @Test
    void kIsOnePercentOfThePixelsRoundedUp() {
        assertThat(SliceScores.topK(181 * 217)).isEqualTo(393);
        assertThat(SliceScores.topK(100)).isEqualTo(1);
        assertThat(SliceScores.topK(101)).isEqualTo(2);
        assertThat(SliceScores.topK(35)).isEqualTo(1);
    }

    @Test
    void everyVariantSharedOrWithItsOwnPlaneEqualsTheFullMapScores() {
        Random random = new Random(7);
        int rows = 23;
        int cols = 31;
        int pixels = rows * cols;
        int variants = 4;
        float[] normal = new float[pixels];
        float[] label = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            normal[i] = random.nextInt(9) == 0 ? 0f : random.nextInt(33) / 32f;
            label[i] = (i / cols >= 5 && i / cols < 12 && i % cols >= 4 && i % cols < 14 && normal[i] > 0) ? 1f : 0f;
        }
        float[] stack = new float[variants * pixels];
        for (int v = 0; v < variants; v++) {
            for (int i = 0; i < pixels; i++) {
                stack[v * pixels + i] = label[i] == 1f ? v / 3f : normal[i];
            }
        }
        stack[3 * pixels] = 0.75f; // variant 3 differs outside the label: its own plane, the full-map path
        float[] rec = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            rec[i] = normal[i] * 0.9f + 0.01f * random.nextInt(4);
        }
        SliceVariants slice = SliceVariants.of(new FloatArray(new int[] {variants, rows, cols}, stack),
                FloatArray.of2d(rows, cols, label));
        assertThat(slice.sharesReference(3)).isFalse();
        // offset: the sigma's plane in a block of two
        float[] block = new float[2 * pixels];
        System.arraycopy(rec, 0, block, pixels, pixels);
        List<VariantScore> scores = SliceScorer.score(slice, FloatArray.of2d(rows, cols, rec), Modes.NORMAL_REC);

        double[][] out = SliceScores.of(slice, block, pixels, normal, scores);

        int k = SliceScores.topK(pixels);
        for (int v = 0; v < variants; v++) {
            float[] residual = Residual.of(rec, Arrays.copyOfRange(stack, v * pixels, (v + 1) * pixels));
            assertThat(out[v]).as("variant " + v).containsExactly(SliceScore.mean(residual), SliceScore.max(residual),
                    SliceScore.topKMean(residual, k));
        }
        float[] lesionFree = Residual.of(rec, normal);
        assertThat(out[variants]).containsExactly(SliceScore.mean(lesionFree), SliceScore.max(lesionFree),
                SliceScore.topKMean(lesionFree, k));
        assertThatThrownBy(() -> SliceScores.of(slice, rec, 0, new float[3], scores))
                .hasMessageContaining("normal slice has 3 pixels");
    }
}
