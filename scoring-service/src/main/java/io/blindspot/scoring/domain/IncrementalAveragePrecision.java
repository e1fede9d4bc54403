package io.blindspot.scoring.domain;

import io.blindspot.contracts.numeric.NumpySum;

/**
 * {@link AveragePrecision} for many score maps that share their negatives: the negatives' scores are sorted
 * once, then each set of k positives costs O(k log k) for their sort (O(k) when they come sorted) plus a short
 * look-up per distinct positive value in the negatives, instead of a sort of all n pixels.
 *
 * <p>Why this fits the paper's normal-rec experiment: the anomalous variants of a slice differ only on the label
 * pixels (disk ∩ brain), and one reconstruction of the normal slice is compared with all of them, so the
 * residual outside the label (the negatives) is the same for every intensity; only the k label pixels change.
 *
 * <p>Exactness. sklearn puts one threshold on each distinct value of the union of scores, and a threshold with
 * no positive adds (recall − recall) × precision = +0.0. So only the distinct positive values v matter, and each
 * needs tp(v) = positives with score ≥ v (from the sorted positives) and fp(v) = negatives with score ≥ v (a
 * search in the sorted negatives); the term {@code (tp/P − previous recall) × tp/(tp+fp)} is the same double
 * expression as the reference's. The reference adds all G terms (zeros included) in numpy's pairwise order; the
 * position of v's term among the G thresholds is G − 1 − (number of distinct union values above v), counted from
 * the distinct negatives above v (precomputed suffix counts), the distinct positives above v, minus the values in
 * both. {@link NumpySum#sparseSum} then adds the non-zero terms in exactly the dense order, so results equal
 * {@link AveragePrecision#compute} bit for bit, not merely to 1e-16.
 *
 * <p>Speed (the scorer calls {@link #apOfDescending} ~10^4 times per slice): the negatives are radix-sorted
 * (three 11-bit passes instead of a comparison sort of ~4·10^4 keys); the positives arrive already sorted (the
 * scorer merges them, see {@link LabelResiduals}); a look-up searches one bucket of a coarse index of the
 * negatives instead of all of them; the per-call arrays live in a caller-owned {@link Workspace}.
 *
 * <p>Scores use the reference's sortable representation: -0f counts as 0f; NaN is rejected. Immutable after
 * construction, so one instance may be shared by threads (each with its own workspace).
 */
public final class IncrementalAveragePrecision {
    /**
     * The negatives' sortable keys ({@link AveragePrecision#sortableBits}), ascending, each in the high half of
     * a long whose low half is the number of distinct keys from there to the end (the same for equal keys, so
     * the longs sort as the keys do): a look-up reads both from one cache line, and the distinct count lets it
     * rank thresholds without a second search.
     */
    private final long[] negatives;
    /**
     * A coarse index of the sorted negatives: bucket b holds the keys whose offset from the smallest key, shifted
     * right by {@link #BUCKET_SHIFT}, is b, and {@code bucketStart[b]} is the first index of such a key (or of a
     * larger one). A look-up then searches one bucket (a few dozen keys) instead of the whole array: binary
     * searches over ~4·10^4 keys were most of the kernel's time, mostly in mispredicted branches.
     */
    private final int[] bucketStart;
    private final int smallest;
    /**
     * 2^14 key values per bucket: for residuals in [0, 1], 512 buckets per binade and 65,025 in all (254 KB);
     * coarser buckets made the searches in them slower, finer ones the index larger than the cache.
     */
    private static final int BUCKET_SHIFT = 14;

    /**
     * Sorts the negatives once: O(n).
     *
     * @param negativeScores the score of every negative pixel (any order; not kept)
     * @throws IllegalArgumentException on NaN
     */
    public IncrementalAveragePrecision(float[] negativeScores) {
        this(keys(negativeScores, negativeScores.length, "negative"), negativeScores.length);
    }

    /** @param keys sortable keys of the negatives, any order; sorted in place */
    private IncrementalAveragePrecision(int[] keys, int m) {
        RadixSort.sort(keys, m);
        negatives = new long[m];
        long distinct = 0;
        for (int i = m - 1; i >= 0; i--) {
            if (i == m - 1 || keys[i] != keys[i + 1]) {
                distinct++;
            }
            negatives[i] = ((long) keys[i] << 32) | distinct;
        }
        smallest = m > 0 ? keys[0] : 0;
        int buckets = m > 0 ? bucket(keys[m - 1]) + 1 : 0;
        bucketStart = new int[buckets + 1];
        int b = 0;
        for (int i = 0; i < m; i++) {
            int kb = bucket(keys[i]);
            while (b <= kb) {
                bucketStart[b++] = i;
            }
        }
        while (b <= buckets) {
            bucketStart[b++] = m;
        }
    }

    /** The bucket of a key that is at least the smallest negative. */
    private int bucket(int key) {
        return (int) (((long) key - smallest) >>> BUCKET_SHIFT);
    }

    private static int keyOf(long entry) {
        return (int) (entry >> 32);
    }

    private static int distinctFrom(long entry) {
        return (int) entry;
    }

    /** The first index whose key is ≥ value: a search in one bucket. */
    int lowerBound(int value) {
        int m = negatives.length;
        if (m == 0 || value <= smallest) {
            return 0;
        }
        int b = bucket(value);
        if (b >= bucketStart.length - 1) {
            return m;
        }
        // Keys of earlier buckets are < value, keys of later ones > value: the answer lies in bucket b or at
        // its end (the start of the next non-empty bucket).
        int lo = bucketStart[b];
        int hi = bucketStart[b + 1];
        long bound = (long) value << 32;   // entry < bound  ⇔  key < value
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (negatives[mid] < bound) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The instance for the scores {@code scores[i]} of the pixels that are NOT {@code positive[i]}, without
     * copying them out first.
     *
     * @throws IllegalArgumentException on a NaN negative or lengths that differ
     */
    public static IncrementalAveragePrecision ofNegatives(float[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + positive.length + " labels");
        }
        int m = 0;
        for (boolean p : positive) {
            m += p ? 0 : 1;
        }
        int[] keys = new int[m];
        int j = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!positive[i]) {
                keys[j++] = key(scores[i], "negative", i);
            }
        }
        return new IncrementalAveragePrecision(keys, m);
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
        Workspace w = new Workspace();
        int[] keys = w.keys(k);
        for (int i = 0; i < k; i++) {
            keys[i] = key(positiveScores[i], "positive", i);
        }
        RadixSort.sort(keys, k);
        reverse(keys, k);
        return apOfDescending(keys, k, w);
    }

    /**
     * {@link #ap} of positives given as sortable keys already in descending order (ties adjacent): the
     * scorer's path, O(k log(n / k)) and allocation-free once the workspace has grown.
     *
     * @param descending sortable keys ({@link AveragePrecision#sortableBits}) of the positives, highest first
     * @param k          how many of them
     * @param w          scratch arrays of the calling thread
     */
    public double apOfDescending(int[] descending, int k, Workspace w) {
        int m = negatives.length;
        if (k == 0) {
            if (m == 0) {
                throw new IllegalArgumentException("average precision of zero pixels is undefined");
            }
            return 0.0;
        }
        double[] terms = w.terms(k);
        int[] ranks = w.ranks(k);

        // One entry per distinct positive value, highest first: its term and its rank among all thresholds.
        int distinct = 0;
        int shared = 0;            // distinct positive values above the current one that negatives also hold
        double previousRecall = 0.0;
        int i = 0;
        while (i < k) {
            int value = descending[i];
            while (i < k && descending[i] == value) {
                i++;
            }
            long truePositives = i;
            int atOrAbove = lowerBound(value);
            long entry = atOrAbove < m ? negatives[atOrAbove] : 0L;
            boolean tiedWithNegative = atOrAbove < m && keyOf(entry) == value;
            long falsePositives = m - atOrAbove;
            int distinctNegativesAbove = atOrAbove < m ? distinctFrom(entry) - (tiedWithNegative ? 1 : 0) : 0;
            ranks[distinct] = distinctNegativesAbove + distinct - shared;
            double recall = (double) truePositives / k;
            double precision = (double) truePositives / (truePositives + falsePositives);
            terms[distinct] = (recall - previousRecall) * precision;
            previousRecall = recall;
            if (tiedWithNegative) {
                shared++;
            }
            distinct++;
        }
        int thresholds = (m > 0 ? distinctFrom(negatives[0]) : 0) + distinct - shared;

        // The reference stores threshold r (highest first) at offset thresholds − 1 − r: lowest first, as numpy.
        int[] positions = w.positions(distinct);
        double[] values = w.values(distinct);
        for (int e = 0; e < distinct; e++) {
            positions[e] = thresholds - 1 - ranks[distinct - 1 - e];
            values[e] = terms[distinct - 1 - e];
        }
        return NumpySum.sparseSum(positions, values, distinct, thresholds);
    }

    static int key(float score, String role, int index) {
        if (Float.isNaN(score)) {
            throw new IllegalArgumentException("score of " + role + " pixel " + index + " is NaN");
        }
        return AveragePrecision.sortableBits(score);
    }

    private static int[] keys(float[] scores, int n, String role) {
        int[] keys = new int[n];
        for (int i = 0; i < n; i++) {
            keys[i] = key(scores[i], role, i);
        }
        return keys;
    }

    static void reverse(int[] a, int n) {
        for (int i = 0, j = n - 1; i < j; i++, j--) {
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * Scratch arrays for {@link #apOfDescending}, grown on demand and reused from call to call: the scorer makes
     * ~10^4 calls per slice, and a handful of fresh arrays per call is most of its garbage. Not thread-safe: one
     * per thread (or per event).
     */
    public static final class Workspace {
        private int[] keys = new int[0];
        private double[] terms = new double[0];
        private int[] ranks = new int[0];
        private int[] positions = new int[0];
        private double[] values = new double[0];

        /** An int array of at least n entries for the caller's keys (contents undefined). */
        public int[] keys(int n) {
            if (keys.length < n) {
                keys = new int[n];
            }
            return keys;
        }

        double[] terms(int n) {
            if (terms.length < n) {
                terms = new double[n];
            }
            return terms;
        }

        int[] ranks(int n) {
            if (ranks.length < n) {
                ranks = new int[n];
            }
            return ranks;
        }

        int[] positions(int n) {
            if (positions.length < n) {
                positions = new int[n];
            }
            return positions;
        }

        double[] values(int n) {
            if (values.length < n) {
                values = new double[n];
            }
            return values;
        }
    }
}
