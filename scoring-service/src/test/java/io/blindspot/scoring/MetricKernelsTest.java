package io.blindspot.scoring;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The normal-rec kernels (sorted negatives shared by every intensity) give what the full-sort kernels give on the
 * materialised maps: AP and pooled AP bit for bit, the others to 1e-12. Synthetic slices: a blurred-looking
 * reconstruction, zeros outside a "brain", a lesion in two pieces, values on a coarse grid for ties.
 */
class MetricKernelsTest {
    private static final int ROWS = 40;
    private static final int COLS = 50;

    private record Slice(float[] normal, float[] rec, boolean[] label) {
        float[] residual(float c) {
            float[] r = new float[normal.length];
            for (int i = 0; i < r.length; i++) {
                r[i] = Math.abs(rec[i] - (label[i] ? c : normal[i]));
            }
            return r;
        }
    }

    private static Slice slice(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] normal = new float[ROWS * COLS];
        float[] rec = new float[ROWS * COLS];
        boolean[] label = new boolean[ROWS * COLS];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                int i = r * COLS + c;
                boolean brain = r > 3 && r < ROWS - 3 && c > 2 && c < COLS - 4;
                normal[i] = brain ? Math.round(rng.nextDouble() * 64) / 64f : 0f;
                rec[i] = brain ? normal[i] + (float) (rng.nextDouble() - 0.5) * 0.1f : 0f;
                label[i] = brain && ((r - 15) * (r - 15) + (c - 15) * (c - 15) < 30 || (r > 28 && r < 33 && c > 35 && c < 41));
            }
        }
        return new Slice(normal, rec, label);
    }

    @Test
    void normalRecKernelsEqualTheFullSortOnEveryIntensity() {
        float[] values = {0f, 0.25f, 0.5f, 0.515625f, 0.75f, 1f};
        List<float[]> references = new ArrayList<>();
        List<boolean[]> labels = new ArrayList<>();
        List<float[]> recs = new ArrayList<>();
        List<List<float[]>> maps = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            Slice s = slice(seed);
            float[] reference = s.residual(0f);
            MetricKernels.Block block = MetricKernels.normalRecBlock(reference, s.label(), s.rec(), ROWS, COLS);
            double[] ap = MetricKernels.apPerIntensity(block, values);
            double[] auroc = MetricKernels.aurocPerIntensity(block, values);
            double[] dice = MetricKernels.bestDicePerIntensity(block, values);
            double[] aupro = MetricKernels.auproPerIntensity(block, values);
            List<float[]> perValue = new ArrayList<>();
            for (int v = 0; v < values.length; v++) {
                float[] r = s.residual(values[v]);
                perValue.add(r);
                assertThat(ap[v]).isEqualTo(MetricKernels.ap(r, s.label()));
                assertThat(auroc[v]).isCloseTo(MetricKernels.auroc(r, s.label()), within(1e-12));
                assertThat(dice[v]).isCloseTo(MetricKernels.bestDice(r, s.label()).dice(), within(1e-12));
                assertThat(block.domain().bestDice(values[v]).threshold())
                        .isEqualTo(MetricKernels.bestDice(r, s.label()).threshold());
                assertThat(aupro[v]).isCloseTo(MetricKernels.aupro(r, s.label(), ROWS, COLS), within(1e-12));
                assertThat(aupro[v]).isBetween(0.0, 1.0);
            }
            references.add(reference);
            labels.add(s.label());
            recs.add(s.rec());
            maps.add(perValue);
        }
        for (boolean float16 : new boolean[]{false, true}) {
            double[] pooled = MetricKernels.pooledApPerIntensity(references, labels, recs, values, float16);
            for (int v = 0; v < values.length; v++) {
                int value = v;
                List<float[]> cell = maps.stream().map(m -> m.get(value)).toList();
                assertThat(pooled[v]).as("float16 " + float16).isEqualTo(MetricKernels.pooledAp(cell, labels, float16));
            }
        }
    }
}
