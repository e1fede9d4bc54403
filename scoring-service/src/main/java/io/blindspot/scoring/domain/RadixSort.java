package io.blindspot.scoring.domain;

/**
 * Sorts ints in ascending signed order by three least-significant-digit passes (11, 11 and 10 bits). The
 * scorer sorts ~4·10^4 residual keys per (slice, sigma); a comparison sort spends ~16 compares per key there, a
 * radix sort one counting read and three scatters, and a pass whose digit is the same for every key is skipped
 * (residuals of one slice often share their top bits).
 */
final class RadixSort {
    private static final int RADIX_BITS = 11;
    private static final int BUCKETS = 1 << RADIX_BITS;
    private static final int MASK = BUCKETS - 1;
    private static final int PASSES = 3;

    private RadixSort() {
    }

    /** Sorts {@code a[0 .. n)} in place (ascending, signed). */
    static void sort(int[] a, int n) {
        if (n < 64) {
            insertionSort(a, n);
            return;
        }
        // All three histograms in one read of the keys.
        int[] counts = new int[PASSES * BUCKETS];
        for (int i = 0; i < n; i++) {
            int u = a[i] ^ Integer.MIN_VALUE;      // flipped sign: unsigned digit order is signed key order
            counts[u & MASK]++;
            counts[BUCKETS + ((u >>> RADIX_BITS) & MASK)]++;
            counts[2 * BUCKETS + (u >>> (2 * RADIX_BITS))]++;
        }
        int[] buffer = null;
        int[] from = a;
        int[] to = null;
        for (int pass = 0; pass < PASSES; pass++) {
            int shift = pass * RADIX_BITS;
            int base = pass * BUCKETS;
            int firstDigit = ((from[0] ^ Integer.MIN_VALUE) >>> shift) & MASK;
            if (counts[base + firstDigit] == n) {
                continue;          // every key has this digit: the pass would copy the array unchanged
            }
            if (buffer == null) {
                buffer = new int[n];
                to = buffer;
            }
            int sum = 0;
            for (int d = 0; d < BUCKETS; d++) {
                int c = counts[base + d];
                counts[base + d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int v = from[i];
                to[counts[base + (((v ^ Integer.MIN_VALUE) >>> shift) & MASK)]++] = v;
            }
            int[] t = from;
            from = to;
            to = t;
        }
        if (from != a) {
            System.arraycopy(from, 0, a, 0, n);
        }
    }

    private static void insertionSort(int[] a, int n) {
        for (int i = 1; i < n; i++) {
            int v = a[i];
            int j = i - 1;
            while (j >= 0 && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }
}
