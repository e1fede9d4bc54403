package io.blindspot.scoring.domain;

import io.blindspot.contracts.numeric.NumpySum;

import java.util.Arrays;

/**
 * Average precision of a pixel-wise anomaly score, exactly as scikit-learn 1.2's
 * {@code average_precision_score(labels, scores)} computes it (golden rule 6).
 *
 * <p>Conventions, each of which moves the last digits:
 * <ul>
 *   <li>One threshold per distinct score value: tied pixels enter together (ungrouped ties: 2.3e-5).</li>
 *   <li>Each threshold contributes {@code (recall - previousRecall) * precision}, recall = TP / P and
 *       precision = TP / (TP + FP) in double, as sklearn's step integral does.</li>
 *   <li>The contributions are added the way {@code numpy.sum} adds them: from the lowest threshold to the
 *       highest, in numpy's 8192-value chunks with pairwise summation inside each, so results agree with sklearn
 *       bit for bit rather than to 1e-16.</li>
 *   <li>No positive pixel: 0.0 (sklearn warns and returns 0). All pixels positive: 1.0. All scores tied:
 *       the positive fraction.</li>
 * </ul>
 * Scores may be any non-NaN float; -0f counts as 0f (they compare equal, as in numpy).
 */
public final class AveragePrecision {

    private AveragePrecision() {
    }

    /**
     * @param scores   one score per pixel (a residual), NaN rejected
     * @param positive the label per pixel, same length
     * @return the average precision in [0, 1]
     * @throws IllegalArgumentException on NaN, empty input or lengths that differ
     */
    public static double compute(float[] scores, boolean[] positive) {
        int n = scores.length;
        if (n != positive.length) {
            throw new IllegalArgumentException(n + " scores but " + positive.length + " labels");
        }
        if (n == 0) {
            throw new IllegalArgumentException("average precision of zero pixels is undefined");
        }
        // Sorting one long per pixel (score bits above, label in bit 0) keeps the pixels of a tie together
        // and is much faster than sorting boxed indices: the scorer runs this ~10^4 times on ~4*10^4 pixels.
        long[] keys = new long[n];
        int positives = 0;
        for (int i = 0; i < n; i++) {
            float score = scores[i];
            if (Float.isNaN(score)) {
                throw new IllegalArgumentException("score of pixel " + i + " is NaN");
            }
            int label = positive[i] ? 1 : 0;
            positives += label;
            keys[i] = ((long) sortableBits(score) << 1) | label;
        }
        if (positives == 0) {
            return 0.0;
        }
        Arrays.sort(keys);

        // Walk from the highest score down; contribution k (threshold k, highest first) is stored at
        // terms[n - 1 - k], so terms[n - groups .. n) lists them lowest threshold first: numpy's order.
        double[] terms = new double[n];
        int groups = 0;
        long truePositives = 0;
        long falsePositives = 0;
        double previousRecall = 0.0;
        int i = n - 1;
        while (i >= 0) {
            long scoreBits = keys[i] >> 1;
            do {
                if ((keys[i] & 1L) != 0) {
                    truePositives++;
                } else {
                    falsePositives++;
                }
                i--;
            } while (i >= 0 && (keys[i] >> 1) == scoreBits);
            double recall = (double) truePositives / positives;
            double precision = (double) truePositives / (truePositives + falsePositives);
            terms[n - 1 - groups] = (recall - previousRecall) * precision;
            previousRecall = recall;
            groups++;
        }
        return NumpySum.sum(terms, n - groups, groups);
    }

    /**
     * Maps a float to an int whose signed order is the float's numeric order (negative floats have their
     * magnitude bits flipped); -0f is folded onto 0f so that they form one threshold, as {@code ==} does.
     * Shared with {@link IncrementalAveragePrecision} and the kernels of {@code domain.metric} so that all group
     * ties identically.
     */
    public static int sortableBits(float score) {
        int bits = Float.floatToRawIntBits(score == 0f ? 0f : score);
        return bits >= 0 ? bits : bits ^ 0x7fffffff;
    }
}
