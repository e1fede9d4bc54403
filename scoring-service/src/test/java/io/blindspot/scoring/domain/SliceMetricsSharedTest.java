package io.blindspot.scoring.domain;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.Metrics;
import io.blindspot.contracts.events.Modes;
import io.blindspot.scoring.domain.metric.Auroc;
import io.blindspot.scoring.domain.metric.Dice;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared path ({@link SliceMetrics#scoreWithAp}: the metrics read the AP scorer's sorted negatives, sorted
 * label values, groups and look-ups) against the separate one ({@link SliceScorer#scoreAt}, then
 * {@link SliceMetrics#scoreAt}, which sorts the negatives again in its own block or sorts the whole map): equal
 * bit for bit, AP scores and every metric, on maps with many ties (values in 1/16 steps, so positives tie with
 * negatives and with each other), disk variants, mixed variants, variants that differ outside the label, several
 * sigmas of a block, anomal-rec, and subsets of the metrics.
 */
class SliceMetricsSharedTest {
    private static final int ROWS = 23;
    private static final int COLS = 19;
    private static final int PLANE = ROWS * COLS;

    /** A disk-like label of two regions. */
    private static float[] label() {
        float[] l = new float[PLANE];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                int dr = r - 8;
                int dc = c - 7;
                boolean disk = dr * dr + dc * dc <= 16;
                boolean bar = r >= 18 && r < 20 && c >= 10 && c < 17;
                l[r * COLS + c] = disk || bar ? 1f : 0f;
            }
        }
        return l;
    }

    /**
     * Variants: {@code disks} holding one value on the label (the merge), then one with mixed label values, then
     * one that also differs outside the label (full sort).
     */
    private static float[][] planes(Random random, int disks, float[] label, boolean mixed) {
        float[] reference = new float[PLANE];
        for (int i = 0; i < PLANE; i++) {
            reference[i] = random.nextInt(17) / 16f;
        }
        int variants = disks + (mixed ? 2 : 0);
        float[][] planes = new float[variants][];
        for (int v = 0; v < variants; v++) {
            planes[v] = reference.clone();
            float c = v < disks ? (float) v / Math.max(1, disks - 1) : 0f;
            for (int i = 0; i < PLANE; i++) {
                if (label[i] == 1f) {
                    planes[v][i] = v < disks ? c : random.nextInt(17) / 16f;
                }
            }
        }
        if (mixed) {
            planes[variants - 1][0] = 0.5f + planes[variants - 1][0];      // pixel 0 is background
        }
        return planes;
    }

    private static float[] values(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextInt(17) / 16f;
        }
        return v;
    }

    private static void assertSameBits(SliceVariants slice, float[] recs, int offset, String mode,
                                       List<String> metrics) {
        List<VariantScore> separateScores = SliceScorer.scoreAt(slice, recs, offset, mode);
        List<double[]> separate = SliceMetrics.scoreAt(slice, recs, offset, Modes.ANOMAL_REC.equals(mode), metrics,
                separateScores);
        SliceMetrics.Scored shared = SliceMetrics.scoreWithAp(slice, recs, offset, mode, metrics);
        assertThat(shared.scores()).isEqualTo(separateScores);       // records of doubles: equal bits (NaN aside)
        assertThat(shared.values()).hasSameSizeAs(separate);
        for (int v = 0; v < separate.size(); v++) {
            double[] a = separate.get(v);
            double[] b = shared.values().get(v);
            assertThat(b).hasSameSizeAs(a);
            for (int m = 0; m < a.length; m++) {
                assertThat(Double.doubleToRawLongBits(b[m])).as("%s, variant %d, %s", mode, v, metrics.get(m))
                        .isEqualTo(Double.doubleToRawLongBits(a[m]));
            }
        }
    }

    @Test
    void normalRecSharedEqualsSeparateBitForBitOnEverySigmaOfABlock() {
        float[] label = label();
        for (long seed = 1; seed <= 12; seed++) {
            Random random = new Random(seed);
            SliceVariants slice = SliceVariants.of(FloatArray.stack(ROWS, COLS, planes(random, 9, label, seed % 2 == 0)),
                    FloatArray.of2d(ROWS, COLS, label));
            int sigmas = 3;
            float[] recs = values(random, sigmas * PLANE);
            for (int j = 0; j < sigmas; j++) {
                assertSameBits(slice, recs, j * PLANE, Modes.NORMAL_REC, Metrics.ALL);
                assertSameBits(slice, recs, j * PLANE, Modes.NORMAL_REC, List.of(Metrics.AP, Metrics.AUROC));
                assertSameBits(slice, recs, j * PLANE, Modes.NORMAL_REC, List.of(Metrics.DICE_BEST, Metrics.AP));
                assertSameBits(slice, recs, j * PLANE, Modes.NORMAL_REC, List.of(Metrics.AP, Metrics.AUPRO));
                assertSameBits(slice, recs, j * PLANE, Modes.NORMAL_REC, List.of(Metrics.AP, Metrics.AP_NORMALISED));
            }
        }
    }

    @Test
    void continuousValuesAndTheOneVariantEventAgreeToo() {
        float[] label = label();
        Random random = new Random(99);
        float[][] planes = planes(random, 6, label, true);
        for (float[] p : planes) {
            for (int i = 0; i < PLANE; i++) {
                if (label[i] == 0f) {
                    p[i] = p[i] + 0f;      // keep the shared background
                }
            }
        }
        SliceVariants slice = SliceVariants.of(FloatArray.stack(ROWS, COLS, planes), FloatArray.of2d(ROWS, COLS, label));
        float[] rec = new float[PLANE];
        for (int i = 0; i < PLANE; i++) {
            rec[i] = random.nextFloat();
        }
        assertSameBits(slice, rec, 0, Modes.NORMAL_REC, Metrics.ALL);
        // The event of one sigma (FloatArray overload): shape checked, then the same values.
        SliceMetrics.Scored one = SliceMetrics.scoreWithAp(slice, FloatArray.of2d(ROWS, COLS, rec), Modes.NORMAL_REC,
                Metrics.ALL);
        SliceMetrics.Scored at = SliceMetrics.scoreWithAp(slice, rec, 0, Modes.NORMAL_REC, Metrics.ALL);
        assertThat(one.scores()).isEqualTo(at.scores());
        for (int v = 0; v < planes.length; v++) {
            assertThat(one.values().get(v)).containsExactly(at.values().get(v));
        }
        assertThatThrownBy(() -> SliceMetrics.scoreWithAp(slice, FloatArray.of2d(COLS, ROWS, rec), Modes.NORMAL_REC,
                Metrics.ALL)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SliceMetrics.scoreWithAp(slice, rec, 0, "sideways", Metrics.ALL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown reconstruction mode");
        assertThatThrownBy(() -> SliceMetrics.scoreWithAp(slice, rec, 0, Modes.NORMAL_REC, List.of("f1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown metric 'f1'");
    }

    @Test
    void anomalRecTakesTheSeparatePathWithTheSameValues() {
        float[] label = label();
        Random random = new Random(7);
        float[][] planes = planes(random, 4, label, true);
        SliceVariants slice = SliceVariants.of(FloatArray.stack(ROWS, COLS, planes), FloatArray.of2d(ROWS, COLS, label));
        float[] recs = values(random, 2 * planes.length * PLANE);
        assertSameBits(slice, recs, planes.length * PLANE, Modes.ANOMAL_REC, Metrics.ALL);
    }

    /** The AP's look-ups, read back, give the counts a fresh look-up gives, on every kind of key. */
    @Test
    void auRocAndDiceFromTheApLookUpsEqualFreshLookUps() {
        Random random = new Random(5);
        for (int round = 0; round < 50; round++) {
            int m = 1 + random.nextInt(3000);
            float[] negatives = new float[m];
            for (int i = 0; i < m; i++) {
                negatives[i] = random.nextInt(5) == 0 ? 0f : random.nextInt(200) / 64f;
            }
            IncrementalAveragePrecision sorted = new IncrementalAveragePrecision(negatives);
            int k = 1 + random.nextInt(60);
            float[] positives = new float[k];
            for (int i = 0; i < k; i++) {
                positives[i] = random.nextInt(3) == 0 ? 0f : random.nextInt(260) / 64f;
            }
            int[] keys = new int[k];
            for (int i = 0; i < k; i++) {
                keys[i] = AveragePrecision.sortableBits(positives[i]);
            }
            java.util.Arrays.sort(keys);
            IncrementalAveragePrecision.reverse(keys, k);
            IncrementalAveragePrecision.Workspace w = new IncrementalAveragePrecision.Workspace();
            int[] values = new int[k];
            int[] ends = new int[k];
            int distinct = 0;
            for (int i = 0; i < k; ) {
                int value = keys[i];
                while (i < k && keys[i] == value) {
                    i++;
                }
                values[distinct] = value;
                ends[distinct++] = i;
            }
            sorted.apOfGroups(values, ends, distinct, k, w);
            int[] lookUps = w.lookUps();
            for (int g = 0; g < distinct; g++) {
                assertThat(sorted.countsOfLookUp(values[g], lookUps[g])).isEqualTo(
                        sorted.countsAtOrAboveAndTied(values[g]));
            }
            assertThat(Double.doubleToRawLongBits(Auroc.ofGroups(sorted, values, ends, distinct, lookUps)))
                    .isEqualTo(Double.doubleToRawLongBits(Auroc.ofGroups(sorted, values, ends, distinct)));
            assertThat(Dice.bestOfGroups(sorted, values, ends, distinct, lookUps))
                    .isEqualTo(Dice.bestOfGroups(sorted, values, ends, distinct));
        }
    }
}
