package io.blindspot.contracts.numeric;

/**
 * {@code numpy.sum} of float64 values, to the last bit (numpy 1.24). The paper's numbers come out of numpy
 * reductions (sklearn's AP is {@code -np.sum(np.diff(recall) * precision[:-1])}, scipy normalises its Gaussian
 * kernel with {@code weights.sum()}), and a plain running sum differs from them in the last bits.
 */
public final class NumpySum {
    /** numpy's pairwise_sum switches from 8 accumulators to splitting above this many values. */
    private static final int PAIRWISE_BLOCK = 128;
    /** numpy reduces a contiguous array in chunks of its ufunc buffer size. */
    private static final int NUMPY_BUFFER = 8192;

    private NumpySum() {
    }

    /** {@code numpy.sum(values)}. */
    public static double sum(double[] values) {
        return sum(values, 0, values.length);
    }

    /**
     * {@code numpy.sum} of a contiguous float64 array (numpy 1.24): the reduction starts from 0.0 and takes the
     * array in chunks of numpy's 8192-element buffer, adding each chunk's {@code pairwise_sum} in turn. Within a
     * chunk: fewer than 8 values are added in order from 0.0; up to 128 use 8 interleaved accumulators combined
     * as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)) plus the tail in order; longer runs are split at half rounded
     * down to a multiple of 8.
     */
    public static double sum(double[] a, int from, int n) {
        double sum = 0.0;
        for (int start = 0; start < n; start += NUMPY_BUFFER) {
            sum += pairwise(a, from + start, Math.min(NUMPY_BUFFER, n - start));
        }
        return sum;
    }

    /**
     * {@link #sum} of a {@code length}-value array that is +0.0 everywhere except at {@code count}
     * positions, without materialising the zeros: {@code positions} ascending (indices into the implicit array),
     * {@code values[e]} the non-negative value at {@code positions[e]}.
     *
     * <p>Bit-identical to the dense sum because every dense addition that involves an implicit zero is exact
     * ({@code x + 0.0 == x} for any x that is not -0.0, and no value here is -0.0), so each partial sum of the
     * dense recursion (a chunk, a half, one of the 8 accumulators, the tail) equals the in-order sum of its
     * non-zero values, and a part without any is 0.0. Cost: O(count + length / 128) instead of O(length).
     */
    public static double sparseSum(int[] positions, double[] values, int count, int length) {
        return sparseSum(positions, values, count, length, new SparseScratch());
    }

    /**
     * {@link #sparseSum(int[], double[], int, int)} with caller-owned scratch space, for callers that sum
     * thousands of times (the AP kernel): O(count + length / 128) with no allocation.
     */
    public static double sparseSum(int[] positions, double[] values, int count, int length, SparseScratch scratch) {
        double sum = 0.0;
        scratch.next = 0;
        for (int start = 0; start < length && scratch.next < count; start += NUMPY_BUFFER) {
            int n = Math.min(NUMPY_BUFFER, length - start);
            sum += n == NUMPY_BUFFER ? fullChunk(positions, values, count, start, scratch)
                    : sparsePairwise(positions, values, count, start, n, scratch);
        }
        return sum;
    }

    /** Scratch space of {@link #sparseSum(int[], double[], int, int, SparseScratch)}; one per thread. */
    public static final class SparseScratch {
        /** The next entry to add (entries are consumed in position order). */
        private int next;
        /** The 8 accumulators of each of a full chunk's 64 blocks of 128. */
        private final double[] accumulators = new double[NUMPY_BUFFER / PAIRWISE_BLOCK * 8];
        /** The 64 block sums, then their pairwise combinations in place. */
        private final double[] blocks = new double[NUMPY_BUFFER / PAIRWISE_BLOCK];
    }

    /**
     * A full 8192-value chunk: its recursion halves exactly down to 64 blocks of 128 (every half a multiple of
     * 8, no tails), so each entry goes straight to accumulator {@code offset % 8} of block {@code offset / 128},
     * and the block sums are then combined in the recursion's pairs. Empty blocks and accumulators are +0.0,
     * as in the recursion, where adding them is exact.
     */
    private static double fullChunk(int[] positions, double[] values, int count, int start, SparseScratch s) {
        double[] r = s.accumulators;
        java.util.Arrays.fill(r, 0.0);
        int end = start + NUMPY_BUFFER;
        int e = s.next;
        for (; e < count && positions[e] < end; e++) {
            int offset = positions[e] - start;
            r[((offset >>> 7) << 3) | (offset & 7)] += values[e];
        }
        s.next = e;
        double[] b = s.blocks;
        for (int block = 0; block < b.length; block++) {
            int o = block << 3;
            b[block] = ((r[o] + r[o + 1]) + (r[o + 2] + r[o + 3])) + ((r[o + 4] + r[o + 5]) + (r[o + 6] + r[o + 7]));
        }
        for (int width = b.length; width > 1; width /= 2) {
            for (int i = 0; i < width / 2; i++) {
                b[i] = b[2 * i] + b[2 * i + 1];
            }
        }
        return b[0];
    }

    /**
     * The dense {@link #pairwise} of [from, from + n) over the entries from {@code s.next} on whose positions
     * lie in that range (consumed). A part without entries sums to +0.0 without descending into it.
     */
    private static double sparsePairwise(int[] positions, double[] values, int count, int from, int n,
                                         SparseScratch s) {
        int e = s.next;
        int end = from + n;
        if (e == count || positions[e] >= end) {
            return 0.0;
        }
        if (n < 8) {
            double sum = 0.0;
            for (; e < count && positions[e] < end; e++) {
                sum += values[e];
            }
            s.next = e;
            return sum;
        }
        if (n <= PAIRWISE_BLOCK) {
            // Value at offset i goes to accumulator i % 8 below the last multiple of 8, to the tail above it.
            double[] r = s.accumulators;
            java.util.Arrays.fill(r, 0, 8, 0.0);
            int blockEnd = end - n % 8;
            for (; e < count && positions[e] < blockEnd; e++) {
                r[(positions[e] - from) & 7] += values[e];
            }
            double sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; e < count && positions[e] < end; e++) {
                sum += values[e];
            }
            s.next = e;
            return sum;
        }
        int half = n / 2;
        half -= half % 8;
        double left = sparsePairwise(positions, values, count, from, half, s);
        double right = sparsePairwise(positions, values, count, from + half, n - half, s);
        return left + right;
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
