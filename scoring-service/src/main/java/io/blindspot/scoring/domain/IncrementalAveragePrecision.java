package io.blindspot.scoring.domain;

import io.blindspot.contracts.numeric.NumpySum;

import java.util.Arrays;

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
 * once, leaving out the exact zeros (half of a slice's background residuals, which need no sorting); the positives
 * arrive already sorted (the scorer merges them, see {@link LabelResiduals}); a look-up reads one entry of a fine
 * index of the negatives and counts, without branches, the keys below the value in a fixed window of 8 keys from
 * there; the look-ups of one call are done in a pass of their own (independent loads the CPU overlaps), and the
 * per-call arrays live in a caller-owned {@link Workspace}.
 *
 * <p>Scores use the reference's sortable representation: -0f counts as 0f; NaN is rejected. Immutable after
 * construction, so one instance may be shared by threads (each with its own workspace).
 */
public final class IncrementalAveragePrecision {
    /**
     * A look-up counts the keys below the value among the {@code WINDOW} keys from its bucket's start (keys
     * of later buckets are larger, so they count 0); buckets holding more fall back to a binary search.
     */
    private static final int WINDOW = 8;
    /**
     * 2^13 key values per bucket: 1,024 buckets per binade, ~2 negatives per bucket of a slice's residuals
     * (measured; almost all within the window); coarser buckets overflowed the window, finer ones made the index
     * larger than the L2 cache.
     */
    private static final int BUCKET_SHIFT = 13;
    /**
     * Up to this many negatives (one slice's: ~4·10^4) the shift is {@link #BUCKET_SHIFT}; each doubling beyond
     * takes one bit off, so that pooled negatives (30 slices: ~10^6, the {@code pooled} aggregation) still find
     * ~2 keys per bucket instead of falling back to binary searches in crowded buckets.
     */
    private static final int SHIFT_UP_TO = 1 << 16;
    /** The bucket shift of this instance: {@link #BUCKET_SHIFT} for a slice, less for pooled slices. */
    private final int bucketShift;
    /** {@code 1 << bucketShift}. */
    private final int lowDigits;

    /** How many negatives. */
    private final int m;
    /**
     * The negatives' sortable keys ({@link AveragePrecision#sortableBits}), ascending, then {@link #WINDOW}
     * times {@code Integer.MAX_VALUE}, which exceeds every key (NaN is rejected), so a window may run past the end.
     */
    private final int[] keys;
    /** {@code distinctFrom[i]}: distinct keys in {@code keys[i .. m)} (ranks thresholds); {@code [m]} = 0. */
    private final int[] distinctFrom;
    /** Index of the first key above 0 (scores above 0); keys ≤ 0 come before it. */
    private final int firstPositive;
    /** Index of the first key at or above {@link #floor}: where the bucket index starts. */
    private final int indexed;
    /**
     * The smallest key the bucket index covers: {@link #FLOOR_BINADES} binades below the largest key. Keys
     * above 0 but below it (residuals of 1e-5 and less of the largest) are few and are binary-searched; the index
     * then spans the binades where the residuals live instead of the ~30 down to the tiniest difference of two
     * floats, which keeps it small enough to stay in the cache beside the keys.
     */
    private final int floor;
    /**
     * A fine index of the keys from {@link #indexed} on: bucket b holds the keys whose offset from
     * {@link #floor}, shifted right by {@link #bucketShift}, is b, and {@code bucketStart[b]} is the first index
     * of such a key (or of a larger one).
     */
    private final int[] bucketStart;
    /**
     * {@code low[i]}: the low {@link #bucketShift} bits of {@code keys[i] − floor}, for the indexed keys. Keys of one
     * bucket differ only there, so a look-up compares these 2-byte values instead of the 4-byte keys: the window
     * of a look-up is then 16 bytes of an array half the size, which stays in the cache where the keys did not
     * (the kernel's look-ups were waiting on memory, not computing).
     */
    private final char[] low;
    private static final int FLOOR_BINADES = 16;

    /**
     * Sorts the negatives once: O(n).
     *
     * @param negativeScores the score of every negative pixel (any order; not kept)
     * @throws IllegalArgumentException on NaN
     */
    public IncrementalAveragePrecision(float[] negativeScores) {
        this(Gathered.of(negativeScores, null));
    }

    /**
     * The negatives' keys as the constructor takes them: those that are not 0 (any order), how many there are
     * in all, and the largest — gathered in the one pass over the scores that computes the keys.
     */
    private record Gathered(int[] nonZero, int count, int m, int largest) {
        /** The keys of scores[i] for every i with {@code positive == null || !positive[i]}. */
        static Gathered of(float[] scores, boolean[] positive) {
            int m = 0;
            if (positive == null) {
                m = scores.length;
            } else {
                for (boolean p : positive) {
                    m += p ? 0 : 1;
                }
            }
            int[] nonZero = new int[m];
            int count = 0;
            int largest = Integer.MIN_VALUE;
            for (int i = 0; i < scores.length; i++) {
                if (positive == null || !positive[i]) {
                    int key = key(scores[i], "negative", i);
                    nonZero[count] = key;
                    count += key != 0 ? 1 : 0;
                    largest = Math.max(largest, key);
                }
            }
            return new Gathered(nonZero, count, m, largest);
        }
    }

    /**
     * Sorts the keys above the floor with two counting passes (least significant digit first): by their low 13
     * bits, then by their bucket, which leaves them sorted and the bucket counts as the index. The exact zeros
     * (half of a slice's background residuals) are only counted, and the few keys below the floor (and below
     * 0) are radix-sorted on their own.
     */
    private IncrementalAveragePrecision(Gathered g) {
        m = g.m();
        int shift = BUCKET_SHIFT;
        for (int n = m; n > SHIFT_UP_TO && shift > 4; n >>= 1) {
            shift--;
        }
        bucketShift = shift;
        lowDigits = 1 << shift;
        int count = g.count();
        int[] nonZero = g.nonZero();
        int zeros = m - count;
        floor = g.largest() > 0 ? Math.max(1, g.largest() - (FLOOR_BINADES << 23)) : Integer.MAX_VALUE;
        int buckets = g.largest() >= floor ? bucket(g.largest()) + 1 : 0;
        // Counts: low digits at lowStart[d + 1], buckets at bucketStart[b + 1].
        int[] lowStart = new int[lowDigits + 1];
        bucketStart = new int[buckets + 1];
        int small = 0;
        for (int i = 0; i < count; i++) {
            int key = nonZero[i];
            if (key >= floor) {
                lowStart[((key - floor) & (lowDigits - 1)) + 1]++;
                bucketStart[bucket(key) + 1]++;
            } else {
                small++;
            }
        }
        int large = count - small;
        indexed = small + zeros;
        for (int d = 1; d <= lowDigits; d++) {
            lowStart[d] += lowStart[d - 1];
        }
        bucketStart[0] = indexed;
        for (int b = 1; b <= buckets; b++) {
            bucketStart[b] += bucketStart[b - 1];
        }
        // Pass 1: by the low digit, into byLow; the small keys to their own array.
        int[] byLow = new int[large];
        int[] smallKeys = new int[small];
        int s = 0;
        for (int i = 0; i < count; i++) {
            int key = nonZero[i];
            if (key >= floor) {
                byLow[lowStart[(key - floor) & (lowDigits - 1)]++] = key;
            } else {
                smallKeys[s++] = key;
            }
        }
        // Pass 2, stable: by bucket, into place. bucketStart[b] moves from bucket b's start to its end, the next
        // bucket's start; shifting afterwards restores the starts.
        keys = new int[m + WINDOW];
        for (int key : byLow) {
            keys[bucketStart[bucket(key)]++] = key;
        }
        for (int b = buckets; b > 0; b--) {
            bucketStart[b] = bucketStart[b - 1];
        }
        bucketStart[0] = indexed;
        RadixSort.sort(smallKeys, small);
        int belowZero = 0;
        while (belowZero < small && smallKeys[belowZero] < 0) {
            belowZero++;
        }
        firstPositive = belowZero + zeros;
        System.arraycopy(smallKeys, 0, keys, 0, belowZero);              // then the zeros: the array's own 0s
        System.arraycopy(smallKeys, belowZero, keys, firstPositive, small - belowZero);
        Arrays.fill(keys, m, m + WINDOW, Integer.MAX_VALUE);
        low = new char[m + WINDOW];
        for (int i = indexed; i < m; i++) {
            low[i] = (char) ((keys[i] - floor) & (lowDigits - 1));
        }
        distinctFrom = new int[m + 1];
        int distinct = 0;
        for (int i = m - 1; i >= 0; i--) {
            distinct += keys[i] != keys[i + 1] || i == m - 1 ? 1 : 0;
            distinctFrom[i] = distinct;
        }
    }

    /** The bucket of a key at least {@link #floor} (both positive: no overflow). */
    private int bucket(int key) {
        return (key - floor) >>> bucketShift;
    }

    /** The first index whose key is ≥ value. */
    int lowerBound(int value) {
        return lookUp(value) >>> 1;
    }

    /**
     * The first index whose key is ≥ value, shifted left by one, with bit 0 set when that key equals value (a
     * negative tied with the value).
     */
    private int lookUp(int value) {
        int b = value >= floor ? bucket(value) : -1;
        if (b >= 0 && b < bucketStart.length - 1) {
            int lo = bucketStart[b];
            int size = bucketStart[b + 1] - lo;
            if (size <= WINDOW) {
                // Keys of earlier buckets are < value, keys of later ones > value: the answer lies in bucket b or
                // at its end. Count, without a data-dependent branch (a binary search over a few keys mispredicts
                // about every other step), the window's keys that are in the bucket (t < size) and below value
                // (their low bits below value's): (x − y) >>> 31 is 1 exactly when x < y for these small ints.
                int v = (value - floor) & (lowDigits - 1);
                int below = 0;
                for (int t = 0; t < WINDOW; t++) {
                    below += ((t - size) >>> 31) & ((low[lo + t] - v) >>> 31);
                }
                int at = lo + below;
                int tied = below < size && low[at] == v ? 1 : 0;
                return at << 1 | tied;
            }
        }
        int at = slowLowerBound(value);
        return at << 1 | (keys[at] == value ? 1 : 0);      // keys[m] is the padding: never tied
    }

    /** {@link #lowerBound} by binary search: below the floor, past the last bucket, or in a crowded bucket. */
    private int slowLowerBound(int value) {
        if (value <= 0) {
            return search(0, firstPositive, value);   // keys above 0 are all ≥ value
        }
        if (value < floor) {
            return search(firstPositive, indexed, value);   // keys from indexed on are all ≥ floor > value
        }
        int b = bucket(value);
        if (b >= bucketStart.length - 1) {
            return m;
        }
        return search(bucketStart[b], bucketStart[b + 1], value);
    }

    /** The first index in [lo, hi) whose key is ≥ value (hi if none): binary search. */
    private int search(int lo, int hi, int value) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] < value) {
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
        return new IncrementalAveragePrecision(Gathered.of(scores, positive));
    }

    /**
     * Negatives whose sortable key ({@link AveragePrecision#sortableBits}) is at least {@code key}: the false
     * positives at that threshold. The metric kernels of {@code domain.metric} (AUROC, best Dice, AUPRO) read the
     * negatives sorted here instead of sorting them again.
     */
    public int countAtOrAbove(int key) {
        return m - lowerBound(key);
    }

    /** Negatives whose sortable key is above {@code key} (ties with it excluded). */
    public int countAbove(int key) {
        return key == Integer.MAX_VALUE ? 0 : m - lowerBound(key + 1);
    }

    /**
     * {@link #countAtOrAbove} in the high 32 bits and the negatives tied with {@code key} in the low 32 bits, from
     * one look-up (a second only when some negative ties): what AUROC and AUPRO read per distinct positive value.
     */
    public long countsAtOrAboveAndTied(int key) {
        int found = lookUp(key);
        int at = found >>> 1;
        int tied = (found & 1) == 0 ? 0 : lowerBound(key + 1) - at;     // key < Integer.MAX_VALUE: NaN is rejected
        return (long) (m - at) << 32 | tied;
    }

    /**
     * {@link #countsAtOrAboveAndTied} of a key from the look-up {@link #apOfGroups} already made for it
     * ({@link Workspace#lookUps}): the same two counts, bit for bit, without looking the key up again (a second
     * look-up only when some negative ties with it, as there). The metrics beside AP (AUROC, best Dice) read the AP
     * kernel's look-ups this way instead of repeating them.
     *
     * @param key   the distinct positive key {@code values[g]} apOfGroups was given
     * @param found {@code lookUps()[g]} after that call
     */
    public long countsOfLookUp(int key, int found) {
        int at = found >>> 1;
        int tied = (found & 1) == 0 ? 0 : lowerBound(key + 1) - at;
        return (long) (m - at) << 32 | tied;
    }

    /** Number of negatives this instance was built from. */
    public int negativeCount() {
        return m;
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
        int[] values = w.groupValues(k);
        int[] ends = w.groupEnds(k);
        int distinct = 0;
        int i = 0;
        while (i < k) {
            int value = descending[i];
            do {
                i++;
            } while (i < k && descending[i] == value);
            values[distinct] = value;
            ends[distinct++] = i;
        }
        return apOfGroups(values, ends, distinct, k, w);
    }

    /**
     * {@link #apOfDescending} of positives given as their distinct keys, highest first, and how many positives
     * are at or above each: the scorer's merge produces them in this form ({@link LabelResiduals#descendingGroups}).
     *
     * @param values   {@code values[g]}: the g-th highest distinct sortable key of the positives
     * @param ends     {@code ends[g]}: positives with a key ≥ {@code values[g]} (ascending, last = k)
     * @param distinct how many distinct keys
     * @param k        how many positives
     */
    public double apOfGroups(int[] values, int[] ends, int distinct, int k, Workspace w) {
        if (k == 0) {
            if (m == 0) {
                throw new IllegalArgumentException("average precision of zero pixels is undefined");
            }
            return 0.0;
        }
        // The look-ups, in a loop of their own: no look-up waits for another. Ties with a negative are counted
        // here, so that the number of thresholds, hence each term's position, is known before the terms.
        int[] atOrAbove = w.atOrAbove(distinct);
        int shared = 0;            // distinct positive values that negatives also hold
        for (int g = 0; g < distinct; g++) {
            int found = lookUp(values[g]);
            atOrAbove[g] = found;
            shared += found & 1;
        }
        int thresholds = distinctFrom[0] + distinct - shared;
        // One term per distinct value, at the offset the reference gives its threshold: rank r among all
        // thresholds (the union's distinct values, highest first) is stored at thresholds − 1 − r, lowest first as
        // numpy; terms are written from the end, so positions come out ascending.
        int[] positions = w.positions(distinct);
        double[] terms = w.values(distinct);
        double[] recalls = w.recalls(k);
        int sharedAbove = 0;
        double previousRecall = 0.0;
        for (int g = 0; g < distinct; g++) {
            int at = atOrAbove[g] >>> 1;
            int tied = atOrAbove[g] & 1;
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
        return NumpySum.sparseSum(positions, terms, distinct, thresholds, w.sum);
    }

    static int key(float score, String role, int index) {
        if (Float.isNaN(score)) {
            throw new IllegalArgumentException("score of " + role + " pixel " + index + " is NaN");
        }
        return AveragePrecision.sortableBits(score);
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
        private int[] groupValues = new int[0];
        private int[] groupEnds = new int[0];
        private int[] atOrAbove = new int[0];
        private int[] positions = new int[0];
        private double[] values = new double[0];
        private double[] recalls = new double[0];
        private int recallsOf = -1;
        private final NumpySum.SparseScratch sum = new NumpySum.SparseScratch();

        /** An int array of at least n entries for the caller's keys (contents undefined). */
        public int[] keys(int n) {
            if (keys.length < n) {
                keys = new int[n];
            }
            return keys;
        }

        /** An int array of at least n entries for the distinct keys of {@link #apOfGroups} (contents undefined). */
        public int[] groupValues(int n) {
            if (groupValues.length < n) {
                groupValues = new int[n];
            }
            return groupValues;
        }

        /** An int array of at least n entries for the group ends of {@link #apOfGroups} (contents undefined). */
        public int[] groupEnds(int n) {
            if (groupEnds.length < n) {
                groupEnds = new int[n];
            }
            return groupEnds;
        }

        /**
         * {@code recalls[tp] = (double) tp / k}, the same division the reference makes, done once per k instead
         * of once per threshold: the scorer's calls for one (slice, sigma) all have the same k.
         */
        double[] recalls(int k) {
            if (recallsOf != k) {
                recalls = new double[k + 1];
                for (int tp = 0; tp <= k; tp++) {
                    recalls[tp] = (double) tp / k;
                }
                recallsOf = k;
            }
            return recalls;
        }

        /**
         * The look-ups of the last {@link #apOfGroups} made with this workspace, one per distinct positive key in
         * its order (valid until the next call): read with {@link #countsOfLookUp}.
         */
        public int[] lookUps() {
            return atOrAbove;
        }

        int[] atOrAbove(int n) {
            if (atOrAbove.length < n) {
                atOrAbove = new int[n];
            }
            return atOrAbove;
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
