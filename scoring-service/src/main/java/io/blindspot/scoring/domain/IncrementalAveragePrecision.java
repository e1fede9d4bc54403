package io.blindspot.scoring.domain;

import io.blindspot.contracts.numeric.NumpySum;

import java.util.Arrays;

/**
 * {@link AveragePrecision} for many score maps that share their negatives: the negatives' scores are sorted
 * once, then each set of positives costs O(k log k + k log n) instead of a sort of all n pixels.
 *
 * <p>Why this fits the paper's normal-rec experiment: the anomalous variants of a slice differ only on the label
 * pixels (disk ∩ brain), and one reconstruction of the normal slice is compared with all of them, so the
 * residual outside the label (the negatives) is the same for every intensity; only the k label pixels change.
 *
 * <p>Exactness. sklearn puts one threshold on each distinct value of the union of scores, and a threshold with
 * no positive adds (recall − recall) × precision = +0.0. So only the distinct positive values v matter, and each
 * needs tp(v) = positives with score ≥ v (from the sorted positives) and fp(v) = negatives with score ≥ v (a
 * binary search in the sorted negatives); the term {@code (tp/P − previous recall) × tp/(tp+fp)} is the same
 * double expression as the reference's. The reference adds all G terms (zeros included) in numpy's pairwise
 * order; the position of v's term among the G thresholds is G − 1 − (number of distinct union values above v),
 * counted from the distinct negatives above v (precomputed suffix counts), the distinct positives above v, minus
 * the values in both. {@link NumpySum#sparseSum} then adds the non-zero terms in exactly the
 * dense order, so results equal {@link AveragePrecision#compute} bit for bit, not merely to 1e-16.
 *
 * <p>Scores use the reference's sortable representation: -0f counts as 0f; NaN is rejected. Immutable after
 * construction, so one instance may be shared by threads.
 */
public final class IncrementalAveragePrecision {
    /** The negatives' sortable keys ({@link AveragePrecision#sortableBits}), ascending. */
    private final int[] negatives;
    /** distinctFrom[i] = number of distinct keys in negatives[i ..]; lets a binary search count distinct values. */
    private final int[] distinctFrom;

    /**
     * Sorts the negatives once: O(n log n).
     *
     * @param negativeScores the score of every negative pixel (any order; not kept)
     * @throws IllegalArgumentException on NaN
     */
    public IncrementalAveragePrecision(float[] negativeScores) {
        int m = negativeScores.length;
        negatives = new int[m];
        for (int i = 0; i < m; i++) {
            negatives[i] = key(negativeScores[i], "negative", i);
        }
        Arrays.sort(negatives);
        distinctFrom = new int[m];
        for (int i = m - 1; i >= 0; i--) {
            boolean last = i == m - 1;
            distinctFrom[i] = last ? 1 : distinctFrom[i + 1] + (negatives[i] != negatives[i + 1] ? 1 : 0);
        }
    }

    /** Number of negatives this instance was built from. */
    public int negativeCount() {
        return negatives.length;
    }

    /**
     * The average precision of these positives together with the shared negatives, equal bit for bit to
     * {@code AveragePrecision.compute} over the union.
     *
     * @param positiveScores the score of every positive pixel (any order; not modified)
     * @return the average precision; 0.0 without positives, as the reference
     * @throws IllegalArgumentException on NaN, or when there are neither positives nor negatives
     */
    public double ap(float[] positiveScores) {
        int k = positiveScores.length;
        int m = negatives.length;
        if (k == 0) {
            if (m == 0) {
                throw new IllegalArgumentException("average precision of zero pixels is undefined");
            }
            return 0.0;
        }
        int[] positives = new int[k];
        for (int i = 0; i < k; i++) {
            positives[i] = key(positiveScores[i], "positive", i);
        }
        Arrays.sort(positives);

        // One entry per distinct positive value, highest first: its term and its rank among all thresholds.
        double[] terms = new double[k];
        int[] ranks = new int[k];
        int distinct = 0;
        int shared = 0;            // distinct positive values above the current one that negatives also hold
        double previousRecall = 0.0;
        int i = k - 1;
        while (i >= 0) {
            int value = positives[i];
            while (i >= 0 && positives[i] == value) {
                i--;
            }
            long truePositives = k - 1 - i;
            int atOrAbove = lowerBound(negatives, value);
            int above = atOrAbove < m && negatives[atOrAbove] == value ? upperBound(negatives, value) : atOrAbove;
            long falsePositives = m - atOrAbove;
            int distinctNegativesAbove = above < m ? distinctFrom[above] : 0;
            ranks[distinct] = distinctNegativesAbove + distinct - shared;
            double recall = (double) truePositives / k;
            double precision = (double) truePositives / (truePositives + falsePositives);
            terms[distinct] = (recall - previousRecall) * precision;
            previousRecall = recall;
            if (above != atOrAbove) {
                shared++;
            }
            distinct++;
        }
        int thresholds = (m > 0 ? distinctFrom[0] : 0) + distinct - shared;

        // The reference stores threshold r (highest first) at offset thresholds − 1 − r: lowest first, as numpy.
        int[] positions = new int[distinct];
        double[] values = new double[distinct];
        for (int e = 0; e < distinct; e++) {
            positions[e] = thresholds - 1 - ranks[distinct - 1 - e];
            values[e] = terms[distinct - 1 - e];
        }
        return NumpySum.sparseSum(positions, values, distinct, thresholds);
    }

    private static int key(float score, String role, int index) {
        if (Float.isNaN(score)) {
            throw new IllegalArgumentException("score of " + role + " pixel " + index + " is NaN");
        }
        return AveragePrecision.sortableBits(score);
    }

    /** First index whose key is at least {@code value}. */
    private static int lowerBound(int[] sorted, int value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index whose key is above {@code value}. */
    private static int upperBound(int[] sorted, int value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
