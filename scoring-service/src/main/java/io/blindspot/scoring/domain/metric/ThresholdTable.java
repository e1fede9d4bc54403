package io.blindspot.scoring.domain.metric;

import io.blindspot.contracts.numeric.NumpySum;

import java.util.Arrays;
import java.util.List;

/**
 * The threshold table of a score map: one row per distinct score value t, highest first, with the true and false
 * positives of the prediction {@code score ≥ t} — scikit-learn's {@code _binary_clf_curve}, from which its
 * {@code average_precision_score} and {@code roc_auc_score} are computed, and from which best Dice follows.
 *
 * <p>Conventions: scores are compared as doubles (a float converts exactly, so float scores group as
 * {@link io.blindspot.scoring.domain.AveragePrecision} groups them); -0.0 counts as 0.0 (one threshold, as
 * {@code ==}); NaN is rejected. Pooling several maps is a merge of their tables ({@link #merge}): the table of
 * the concatenated pixels, without sorting them again.
 */
public final class ThresholdTable {
    /** Distinct scores, descending. */
    private final double[] thresholds;
    /** {@code tp[i]}: positives with score ≥ thresholds[i]. */
    private final long[] tp;
    /** {@code fp[i]}: negatives with score ≥ thresholds[i]. */
    private final long[] fp;
    private final long positives;
    private final long negatives;

    private ThresholdTable(double[] thresholds, long[] tp, long[] fp, long positives, long negatives) {
        this.thresholds = thresholds;
        this.tp = tp;
        this.fp = fp;
        this.positives = positives;
        this.negatives = negatives;
    }

    /** The table of float scores (residuals). */
    public static ThresholdTable of(float[] scores, boolean[] positive) {
        double[] d = new double[scores.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = scores[i];
        }
        return of(d, positive);
    }

    /**
     * @param scores   one score per pixel (or per slice, for image-level metrics); NaN rejected
     * @param positive the label of each, same length
     * @throws IllegalArgumentException on NaN or lengths that differ
     */
    public static ThresholdTable of(double[] scores, boolean[] positive) {
        int n = scores.length;
        if (n != positive.length) {
            throw new IllegalArgumentException(n + " scores but " + positive.length + " labels");
        }
        int p = 0;
        for (boolean b : positive) {
            p += b ? 1 : 0;
        }
        long[] pos = new long[p];
        long[] neg = new long[n - p];
        for (int i = 0, a = 0, b = 0; i < n; i++) {
            long key = sortable(scores[i], i);
            if (positive[i]) {
                pos[a++] = key;
            } else {
                neg[b++] = key;
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        // Walk both from the top: each distinct key is one row.
        double[] thr = new double[n];
        long[] tps = new long[n];
        long[] fps = new long[n];
        int rows = 0;
        int i = p - 1;
        int j = neg.length - 1;
        long t = 0;
        long f = 0;
        while (i >= 0 || j >= 0) {
            long key = Math.max(i >= 0 ? pos[i] : Long.MIN_VALUE, j >= 0 ? neg[j] : Long.MIN_VALUE);
            while (i >= 0 && pos[i] == key) {
                t++;
                i--;
            }
            while (j >= 0 && neg[j] == key) {
                f++;
                j--;
            }
            thr[rows] = fromSortable(key);
            tps[rows] = t;
            fps[rows] = f;
            rows++;
        }
        return new ThresholdTable(Arrays.copyOf(thr, rows), Arrays.copyOf(tps, rows), Arrays.copyOf(fps, rows), p,
                n - p);
    }

    /**
     * The table of all the given maps' pixels together (pooled): a balanced pairwise merge of their rows, equal
     * thresholds summed. A table may appear more than once (a bootstrap resample): its pixels then count as often.
     */
    public static ThresholdTable merge(List<ThresholdTable> tables) {
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("nothing to pool");
        }
        if (tables.size() == 1) {
            return tables.getFirst();
        }
        int half = tables.size() / 2;
        return merge(merge(tables.subList(0, half)), merge(tables.subList(half, tables.size())));
    }

    private static ThresholdTable merge(ThresholdTable a, ThresholdTable b) {
        int na = a.size();
        int nb = b.size();
        double[] thr = new double[na + nb];
        long[] tps = new long[na + nb];
        long[] fps = new long[na + nb];
        int rows = 0;
        int i = 0;
        int j = 0;
        while (i < na || j < nb) {
            double t = Math.max(i < na ? a.thresholds[i] : Double.NEGATIVE_INFINITY,
                    j < nb ? b.thresholds[j] : Double.NEGATIVE_INFINITY);
            if (i < na && a.thresholds[i] == t) {
                i++;
            }
            if (j < nb && b.thresholds[j] == t) {
                j++;
            }
            // Rows i-1 and j-1 are the last at or above t: their cumulative counts add up.
            thr[rows] = t;
            tps[rows] = (i > 0 ? a.tp[i - 1] : 0) + (j > 0 ? b.tp[j - 1] : 0);
            fps[rows] = (i > 0 ? a.fp[i - 1] : 0) + (j > 0 ? b.fp[j - 1] : 0);
            rows++;
        }
        return new ThresholdTable(Arrays.copyOf(thr, rows), Arrays.copyOf(tps, rows), Arrays.copyOf(fps, rows),
                a.positives + b.positives, a.negatives + b.negatives);
    }

    /** Number of rows (distinct scores). */
    public int size() {
        return thresholds.length;
    }

    /** The i-th highest distinct score. */
    public double threshold(int i) {
        return thresholds[i];
    }

    /** Positives with score ≥ {@link #threshold}(i). */
    public long truePositives(int i) {
        return tp[i];
    }

    /** Negatives with score ≥ {@link #threshold}(i). */
    public long falsePositives(int i) {
        return fp[i];
    }

    public long positives() {
        return positives;
    }

    public long negatives() {
        return negatives;
    }

    /**
     * scikit-learn 1.2's {@code average_precision_score}, bit for bit: per row {@code (recall − previous recall) ×
     * precision}, summed lowest threshold first as {@code numpy.sum} (the arithmetic of
     * {@link io.blindspot.scoring.domain.AveragePrecision}). No positive: 0.0.
     */
    public double averagePrecision() {
        if (positives == 0) {
            return 0.0;
        }
        int rows = size();
        double[] terms = new double[rows];
        double previousRecall = 0.0;
        for (int i = 0; i < rows; i++) {
            double recall = (double) tp[i] / positives;
            double precision = (double) tp[i] / (tp[i] + fp[i]);
            terms[rows - 1 - i] = (recall - previousRecall) * precision;
            previousRecall = recall;
        }
        return NumpySum.sum(terms, 0, rows);
    }

    /** Maps a double to a long whose signed order is the double's order; -0.0 folded onto 0.0. */
    static long sortable(double score, int index) {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("score " + index + " is NaN");
        }
        long bits = Double.doubleToRawLongBits(score == 0.0 ? 0.0 : score);
        return bits >= 0 ? bits : bits ^ Long.MAX_VALUE;
    }

    static double fromSortable(long key) {
        return Double.longBitsToDouble(key >= 0 ? key : key ^ Long.MAX_VALUE);
    }
}
