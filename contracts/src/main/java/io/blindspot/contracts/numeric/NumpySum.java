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
     * non-zero values, and a part without any is 0.0. Cost: O(count × log(length / 128)) instead of O(length).
     */
    public static double sparseSum(int[] positions, double[] values, int count, int length) {
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
