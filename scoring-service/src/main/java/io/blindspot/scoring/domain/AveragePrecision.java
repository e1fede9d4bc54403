package io.blindspot.scoring.domain;

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
    /** numpy's PW_BLOCKSIZE: below it, 8 interleaved partial sums; above it, the array is halved. */
    private static final int PAIRWISE_BLOCK = 128;
    /** numpy's default ufunc buffer size: a reduction feeds the inner loop at most this many values at once. */
    private static final int NUMPY_BUFFER = 8192;

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
        return pairwiseSum(terms, n - groups, groups);
    }

    /**
     * Maps a float to an int whose signed order is the float's numeric order (negative floats have their
     * magnitude bits flipped); -0f is folded onto 0f so that they form one threshold, as {@code ==} does.
     * Shared with {@link IncrementalAveragePrecision} so that both group ties identically.
     */
    static int sortableBits(float score) {
        int bits = Float.floatToRawIntBits(score == 0f ? 0f : score);
        return bits >= 0 ? bits : bits ^ 0x7fffffff;
    }

    /**
     * {@code numpy.sum} of a contiguous float64 array (numpy 1.24): the reduction starts from 0.0 and takes the
     * array in chunks of numpy's 8192-element buffer, adding each chunk's {@code pairwise_sum} in turn. Within a
     * chunk: fewer than 8 values are added in order from 0.0; up to 128 use 8 interleaved accumulators combined
     * as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)) plus the tail in order; longer runs are split at half rounded
     * down to a multiple of 8.
     */
    static double pairwiseSum(double[] a, int from, int n) {
        double sum = 0.0;
        for (int start = 0; start < n; start += NUMPY_BUFFER) {
            sum += pairwise(a, from + start, Math.min(NUMPY_BUFFER, n - start));
        }
        return sum;
    }

    /**
     * {@link #pairwiseSum} of a {@code length}-value array that is +0.0 everywhere except at {@code count}
     * positions, without materialising the zeros: {@code positions} ascending (indices into the implicit array),
     * {@code values[e]} the non-negative value at {@code positions[e]}.
     *
     * <p>Bit-identical to the dense sum because every dense addition that involves an implicit zero is exact
     * ({@code x + 0.0 == x} for any x that is not -0.0, and no value here is -0.0), so each partial sum of the
     * dense recursion (a chunk, a half, one of the 8 accumulators, the tail) equals the in-order sum of its
     * non-zero values, and a part without any is 0.0. Cost: O(count × log(length / 128)) instead of O(length).
     */
    static double sparsePairwiseSum(int[] positions, double[] values, int count, int length) {
        double sum = 0.0;
        int entry = 0;
        for (int start = 0; start < length && entry < count; start += NUMPY_BUFFER) {
            int end = Math.min(NUMPY_BUFFER, length - start) + start;
            int stop = firstAtOrAfter(positions, entry, count, end);
            sum += sparsePairwise(positions, values, entry, stop, start, end - start);
            entry = stop;
        }
        return sum;
    }

    /** The dense {@link #pairwise} of [from, from + n) when its non-zero values are entries [lo, hi). */
    private static double sparsePairwise(int[] positions, double[] values, int lo, int hi, int from, int n) {
        if (lo == hi) {
            return 0.0;
        }
        if (n < 8) {
            double sum = 0.0;
            for (int e = lo; e < hi; e++) {
                sum += values[e];
            }
            return sum;
        }
        if (n <= PAIRWISE_BLOCK) {
            // Value at offset i goes to accumulator i % 8 below the last multiple of 8, to the tail above it.
            double[] r = new double[8];
            int blockEnd = from + n - n % 8;
            int e = lo;
            for (; e < hi && positions[e] < blockEnd; e++) {
                r[(positions[e] - from) & 7] += values[e];
            }
            double sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; e < hi; e++) {
                sum += values[e];
            }
            return sum;
        }
        int half = n / 2;
        half -= half % 8;
        int split = firstAtOrAfter(positions, lo, hi, from + half);
        return sparsePairwise(positions, values, lo, split, from, half)
                + sparsePairwise(positions, values, split, hi, from + half, n - half);
    }

    /** The first entry in [lo, hi) whose position is at least {@code position} (hi if none): binary search. */
    private static int firstAtOrAfter(int[] positions, int lo, int hi, int position) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (positions[mid] < position) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double pairwise(double[] a, int from, int n) {
        if (n < 8) {
            double sum = 0.0;
            for (int i = 0; i < n; i++) {
                sum += a[from + i];
            }
            return sum;
        }
        if (n <= PAIRWISE_BLOCK) {
            double r0 = a[from];
            double r1 = a[from + 1];
            double r2 = a[from + 2];
            double r3 = a[from + 3];
            double r4 = a[from + 4];
            double r5 = a[from + 5];
            double r6 = a[from + 6];
            double r7 = a[from + 7];
            int i = 8;
            for (; i < n - n % 8; i += 8) {
                r0 += a[from + i];
                r1 += a[from + i + 1];
                r2 += a[from + i + 2];
                r3 += a[from + i + 3];
                r4 += a[from + i + 4];
                r5 += a[from + i + 5];
                r6 += a[from + i + 6];
                r7 += a[from + i + 7];
            }
            double sum = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                sum += a[from + i];
            }
            return sum;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwise(a, from, half) + pairwise(a, from + half, n - half);
    }
}
