package io.blindspot.scoring.domain.metric;

import java.util.Arrays;

/**
 * The image-level metrics ({@code auroc-image}, {@code ap-image}): slices ranked by one slice score each
 * ({@link SliceScore}), the anomalous slices as positives and the chosen lesion-free copies as negatives;
 * {@link Auroc#of} and {@link ThresholdTable#averagePrecision} over the scores' {@link ThresholdTable} (scikit-learn's
 * {@code roc_auc_score} / {@code average_precision_score} on the concatenated scores).
 *
 * <p>Which lesion-free copies: the spec's N slices (volume-major: every slice of volume 0, then of volume 1, ...)
 * are permuted by a seeded Fisher–Yates shuffle and the first n taken ({@link #lesionFree}); n from the spec's
 * {@code normal-fraction} (contracts' {@code ExperimentSpec.Anomaly.lesionFreeCount}). The shuffle draws with
 * {@link PercentileBootstrap.SplitMix64} (the bootstrap's generator): for i = N − 1 down to 1, j = the high 64
 * bits of z·(i + 1), swap i and j. n = N takes every slice, whatever the seed.
 */
public final class ImageLevel {
    private ImageLevel() {
    }

    /**
     * Which of the N slices lend their lesion-free copy to the test set.
     *
     * @return {@code chosen[s]} for slice s (volume-major index), exactly n true
     */
    public static boolean[] lesionFree(int slices, int n, long seed) {
        if (n < 0 || n > slices) {
            throw new IllegalArgumentException(n + " lesion-free copies of " + slices + " slices");
        }
        int[] order = new int[slices];
        for (int i = 0; i < slices; i++) {
            order[i] = i;
        }
        PercentileBootstrap.SplitMix64 rng = new PercentileBootstrap.SplitMix64(seed);
        for (int i = slices - 1; i >= 1; i--) {
            int j = rng.index(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        boolean[] chosen = new boolean[slices];
        for (int i = 0; i < n; i++) {
            chosen[order[i]] = true;
        }
        return chosen;
    }

    /** AUROC of the anomalous slices' scores against the lesion-free ones'; NaN when either set is empty. */
    public static double auroc(double[] anomalous, double[] lesionFree, boolean float16) {
        return Auroc.of(table(anomalous, lesionFree, float16));
    }

    /** AP of the anomalous slices' scores against the lesion-free ones'; 0 when there is no anomalous slice. */
    public static double ap(double[] anomalous, double[] lesionFree, boolean float16) {
        return table(anomalous, lesionFree, float16).averagePrecision();
    }

    /**
     * @param float16 round every score to IEEE half first (the {@code pooled-float16} aggregation: MOOD reads its
     *                predictions, here the slice scores, as float16)
     */
    static ThresholdTable table(double[] anomalous, double[] lesionFree, boolean float16) {
        double[] scores = Arrays.copyOf(anomalous, anomalous.length + lesionFree.length);
        System.arraycopy(lesionFree, 0, scores, anomalous.length, lesionFree.length);
        if (float16) {
            for (int i = 0; i < scores.length; i++) {
                scores[i] = PooledAp.toFloat16((float) scores[i]);
            }
        }
        boolean[] positive = new boolean[scores.length];
        Arrays.fill(positive, 0, anomalous.length, true);
        return ThresholdTable.of(scores, positive);
    }
}
