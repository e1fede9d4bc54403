package io.blindspot.scoring.domain.metric;

import io.blindspot.contracts.numeric.NumpySum;
import io.blindspot.scoring.domain.AveragePrecision;

/**
 * The pooled negatives of many slices (~10^6 scores), sorted once, and the table metrics of positives given as
 * descending groups against them ({@link PooledNormalRec}): the arithmetic of
 * {@link io.blindspot.scoring.domain.IncrementalAveragePrecision#apOfGroups}, {@link Auroc#ofGroups} and
 * {@link Dice#bestOfGroups}, term for term, so the values are the same bits; only the look-ups differ.
 *
 * <p>Why not the AP kernel's structure: its bucket index is sized for one slice's negatives, and the pooled
 * residuals crowd a few binades, so most of its look-ups fell back to binary searches over the whole array
 * (profiled: ~55 % of the aggregation stage). Here the groups arrive highest first, so each look-up starts where
 * the previous one ended and gallops down (about log2 of the ~m/k keys between two groups, in memory order).
 *
 * <p>Keys are {@link AveragePrecision#sortableBits} (−0 folded onto 0, NaN rejected); the exact zeros (the
 * background's residuals, often most of the pixels) are only counted, the others sorted by an LSD radix sort.
 * The groups' look-ups are made once and shared by the metrics until {@link #forget}. Not thread-safe (scratch
 * arrays).
 */
final class PooledNegatives {
    /** The negatives' keys, ascending, then one {@code Integer.MAX_VALUE} (above every key: NaN is rejected). */
    private final int[] keys;
    /** {@code distinctFrom[i]}: distinct keys in {@code keys[i .. m)}; {@code [m]} = 0. */
    private final int[] distinctFrom;
    private final int m;
    private int[] lowerBounds = new int[0];
    private int[] positions = new int[0];
    private double[] terms = new double[0];
    private double[] recalls = new double[0];
    private int recallsOf = -1;
    private final NumpySum.SparseScratch sum = new NumpySum.SparseScratch();
    /** How many groups {@link #lowerBounds} holds the look-ups of; -1 after {@link #forget}. */
    private int looked = -1;

    /**
     * @param scores every negative score (any order; not kept)
     * @throws IllegalArgumentException on NaN
     */
    PooledNegatives(float[] scores) {
        m = scores.length;
        int zeros = 0;
        int[] nonZero = new int[m];
        int count = 0;
        for (int i = 0; i < m; i++) {
            if (Float.isNaN(scores[i])) {
                throw new IllegalArgumentException("score of negative pixel " + i + " is NaN");
            }
            int key = AveragePrecision.sortableBits(scores[i]);
            nonZero[count] = key;
            count += key != 0 ? 1 : 0;
        }
        zeros = m - count;
        radixSort(nonZero, count);
        int belowZero = 0;
        while (belowZero < count && nonZero[belowZero] < 0) {
            belowZero++;
        }
        keys = new int[m + 1];
        System.arraycopy(nonZero, 0, keys, 0, belowZero);             // then the zeros: the array's own 0s
        System.arraycopy(nonZero, belowZero, keys, belowZero + zeros, count - belowZero);
        keys[m] = Integer.MAX_VALUE;
        distinctFrom = new int[m + 1];
        int distinct = 0;
        for (int i = m - 1; i >= 0; i--) {
            distinct += keys[i] != keys[i + 1] || i == m - 1 ? 1 : 0;
            distinctFrom[i] = distinct;
        }
    }

    /** Sorts a[0 .. n) as signed ints: two counting passes of 16 bits, the sign bit flipped. */
    private static void radixSort(int[] a, int n) {
        int[] tmp = new int[n];
        int[] count = new int[(1 << 16) + 1];
        for (int i = 0; i < n; i++) {
            count[(a[i] & 0xffff) + 1]++;
        }
        for (int d = 1; d <= 1 << 16; d++) {
            count[d] += count[d - 1];
        }
        for (int i = 0; i < n; i++) {
            tmp[count[a[i] & 0xffff]++] = a[i];
        }
        java.util.Arrays.fill(count, 0);
        for (int i = 0; i < n; i++) {
            count[((tmp[i] >>> 16) ^ 0x8000) + 1]++;
        }
        for (int d = 1; d <= 1 << 16; d++) {
            count[d] += count[d - 1];
        }
        for (int i = 0; i < n; i++) {
            a[count[(tmp[i] >>> 16) ^ 0x8000]++] = tmp[i];
        }
    }

    int negativeCount() {
        return m;
    }

    /** The groups change: the next metric looks them up again (until then they are looked up once for all). */
    void forget() {
        looked = -1;
    }

    private void ensureLookedUp(int[] values, int distinct) {
        if (looked != distinct) {
            lookUp(values, distinct);
        }
    }

    /**
     * Finds, for each group (distinct keys, highest first), the first index whose key is ≥ it: from the previous
     * group's answer downwards, galloping then bisecting. Kept until the next call.
     */
    private void lookUp(int[] values, int distinct) {
        if (lowerBounds.length < distinct) {
            lowerBounds = new int[distinct];
        }
        int hi = m;               // keys[hi ..] are ≥ the previous value, hence > this one
        for (int g = 0; g < distinct; g++) {
            int value = values[g];
            // keys[lo] < value ≤ keys[hi] (keys[-1] = -inf): gallop lo down from hi, then bisect.
            int step = 1;
            int lo = hi - 1;
            while (lo >= 0 && keys[lo] >= value) {
                hi = lo;
                lo -= step;
                step <<= 1;
            }
            lo = Math.max(lo, -1);
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (keys[mid] >= value) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            lowerBounds[g] = hi;
        }
        looked = distinct;
    }

    /** Negatives tied with values[g] (valid after {@link #lookUp}): the keys equal to it from its lower bound on. */
    private int tied(int[] values, int g) {
        int at = lowerBounds[g];
        if (keys[at] != values[g]) {
            return 0;
        }
        // keys equal to values[g] end before the previous group's lower bound (its value is higher)
        int lo = at;
        int hi = g == 0 ? m : lowerBounds[g - 1];
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] == values[g]) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi - at;
    }

    /** {@code IncrementalAveragePrecision.apOfGroups}, bit for bit (the same terms at the same positions). */
    double apOfGroups(int[] values, int[] ends, int distinct, int k) {
        if (k == 0) {
            if (m == 0) {
                throw new IllegalArgumentException("average precision of zero pixels is undefined");
            }
            return 0.0;
        }
        ensureLookedUp(values, distinct);
        int shared = 0;
        for (int g = 0; g < distinct; g++) {
            shared += keys[lowerBounds[g]] == values[g] ? 1 : 0;
        }
        int thresholds = distinctFrom[0] + distinct - shared;
        if (positions.length < distinct) {
            positions = new int[distinct];
            terms = new double[distinct];
        }
        if (recallsOf != k) {
            recalls = new double[k + 1];
            for (int tp = 0; tp <= k; tp++) {
                recalls[tp] = (double) tp / k;
            }
            recallsOf = k;
        }
        int sharedAbove = 0;
        double previousRecall = 0.0;
        for (int g = 0; g < distinct; g++) {
            int at = lowerBounds[g];
            int tied = keys[at] == values[g] ? 1 : 0;
            long truePositives = ends[g];
            long falsePositives = m - at;
            int rank = distinctFrom[at] - tied + g - sharedAbove;
            double recall = recalls[ends[g]];
            double precision = (double) truePositives / (truePositives + falsePositives);
            positions[distinct - 1 - g] = thresholds - 1 - rank;
            terms[distinct - 1 - g] = (recall - previousRecall) * precision;
            previousRecall = recall;
            sharedAbove += tied;
        }
        return NumpySum.sparseSum(positions, terms, distinct, thresholds, sum);
    }

    /**
     * {@link Auroc#ofGroups}: (Σ over positives of negatives below + ½ tied) / (k·n), counted in integers.
     */
    double aurocOfGroups(int[] values, int[] ends, int distinct) {
        long n = m;
        long k = distinct == 0 ? 0 : ends[distinct - 1];
        if (k == 0 || n == 0) {
            return Double.NaN;
        }
        ensureLookedUp(values, distinct);
        long twiceSum = 0;
        int previousEnd = 0;
        for (int g = 0; g < distinct; g++) {
            long below = lowerBounds[g];
            long tied = tied(values, g);
            twiceSum += (long) (ends[g] - previousEnd) * (2 * below + tied);
            previousEnd = ends[g];
        }
        return (double) twiceSum / (2.0 * k * n);
    }

    /** {@link Dice#bestOfGroups}'s value: the maximum over the groups of 2·TP / (TP + FP + P). */
    double bestDiceOfGroups(int[] values, int[] ends, int distinct) {
        long p = distinct == 0 ? 0 : ends[distinct - 1];
        if (p == 0) {
            return Double.NaN;
        }
        ensureLookedUp(values, distinct);
        double best = -1;
        for (int g = 0; g < distinct; g++) {
            long tp = ends[g];
            long fp = m - lowerBounds[g];
            double dice = 2.0 * tp / (tp + fp + p);
            if (dice > best) {
                best = dice;
            }
        }
        return best;
    }
}
