package io.blindspot.scoring.domain.metric;

import io.blindspot.scoring.domain.AveragePrecision;
import io.blindspot.scoring.domain.IncrementalAveragePrecision;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PooledNegatives} (the pooled fast path's galloping look-ups) against the AP kernel's structure and the
 * group kernels it mirrors: AP, AUROC and best Dice bit for bit, on negatives with exact zeros, ties, negative
 * scores, and positive groups above, below, between and on the negatives' values.
 */
class PooledNegativesTest {
    @Test
    void sameBitsAsTheApKernelAndTheGroupKernels() {
        Random random = new Random(2022);
        for (int round = 0; round < 300; round++) {
            int m = 1 + random.nextInt(round < 100 ? 40 : 3000);
            int steps = 2 + random.nextInt(round % 3 == 0 ? 8 : 400);
            float[] negatives = new float[m];
            for (int i = 0; i < m; i++) {
                negatives[i] = random.nextInt(4) == 0 ? 0f : (random.nextInt(steps) - (round % 5 == 0 ? steps / 4 : 0))
                        / 16f;
            }
            if (round % 7 == 0) {
                negatives[0] = -0f;
            }
            int k = random.nextInt(round < 20 ? 3 : 500);
            int[] keys = new int[k];
            for (int i = 0; i < k; i++) {
                float score = (random.nextInt(steps + 8) - 4) / 16f;
                keys[i] = AveragePrecision.sortableBits(score);
            }
            Arrays.sort(keys);
            int[] values = new int[k];
            int[] ends = new int[k];
            int distinct = 0;
            for (int i = k - 1, o = 0; i >= 0; i--) {
                o++;
                if (distinct == 0 || values[distinct - 1] != keys[i]) {
                    values[distinct++] = keys[i];
                }
                ends[distinct - 1] = o;
            }
            IncrementalAveragePrecision kernel = new IncrementalAveragePrecision(negatives);
            PooledNegatives pooled = new PooledNegatives(negatives);
            String at = "round " + round;
            for (int order = 0; order < 2; order++) {
                pooled.forget();
                double ap = pooled.apOfGroups(values, ends, distinct, k);
                if (order == 1) {
                    pooled.forget();  // AUROC and Dice look the groups up themselves
                }
                // boxed: NaN (no positive) equals NaN
                assertThat(Double.valueOf(pooled.aurocOfGroups(values, ends, distinct))).as(at)
                        .isEqualTo(Double.valueOf(Auroc.ofGroups(kernel, values, ends, distinct)));
                assertThat(Double.valueOf(pooled.bestDiceOfGroups(values, ends, distinct))).as(at)
                        .isEqualTo(Double.valueOf(Dice.bestOfGroups(kernel, values, ends, distinct).dice()));
                assertThat(Double.valueOf(ap)).as(at).isEqualTo(Double.valueOf(kernel.apOfGroups(values, ends,
                        distinct, k, new IncrementalAveragePrecision.Workspace())));
            }
        }
    }
}
