package io.blindspot.scoring.domain;

import io.blindspot.scoring.domain.metric.SliceScore;

import java.util.Arrays;
import java.util.List;

/**
 * The slice scores of one (slice, sigma) in normal-rec, for the image-level metrics: of every anomalous variant
 * and of the slice's lesion-free copy, each the mean, max and top-k mean of its residual map, equal bit for bit to
 * {@link SliceScore}'s on the full map.
 *
 * <p>The lesion-free copy of a slice is the normal slice itself ({@code image.npy}): normal-rec reconstructs
 * exactly that plane, so its residual |image − reconstruction| is the residual a deployed detector sees on a
 * healthy slice. Not the variants' reference plane: that is variant 0 as a whole, disk included.
 *
 * <p>k = ⌈1 % of the slice's pixels⌉ ({@link #topK}; 393 for a 181 × 217 slice): a size-relative k, so that
 * the score means the same on slices of any size, and about a third of the paper's radius-20 disk (~1,250
 * pixels), so a lesion of that size fills the top k by itself.
 *
 * <p>Cost: the variants share the residual outside the label (the reason for the AP fast path), so its k largest
 * are selected once per (slice, sigma); each variant then selects its k largest among those and its ~1,250 label
 * residuals (a quickselect and a sort of k values), and takes its mean from the AP scorer's
 * {@link VariantScore#meanResidual} (the same sum). A variant with its own plane is scored on the full map.
 */
public final class SliceScores {
    public static final String MEAN = "mean";
    public static final String MAX = "max";
    public static final String TOP_K = "top-k";
    /** The image scores a spec may name ({@code evaluation.image-score}); {@link #MEAN} when it names none. */
    public static final List<String> ALL = List.of(MEAN, MAX, TOP_K);

    private SliceScores() {
    }

    /** k of the top-k mean: ⌈pixels / 100⌉, at least 1. */
    public static int topK(int pixels) {
        return Math.max(1, (pixels + 99) / 100);
    }

    /**
     * @param slice          the slice's variants
     * @param reconstruction the normal slice's reconstruction at this sigma, at {@code offset}
     * @param image          the normal slice (the lesion-free copy), [rows × cols]
     * @param scores         the AP scorer's scores of this sigma (their mean residuals are reused)
     * @return {@code [variants + 1][3]}: row v = variant v's {mean, max, top-k mean}; the last row the lesion-free
     *         copy's
     * @throws IllegalArgumentException when the image does not fit the slice or a residual is NaN
     */
    public static double[][] of(SliceVariants slice, float[] reconstruction, int offset, float[] image,
                                List<VariantScore> scores) {
        int pixels = slice.pixels();
        if (image.length != pixels) {
            throw new IllegalArgumentException("the normal slice has " + image.length + " pixels, its variants "
                    + pixels);
        }
        int k = topK(pixels);
        int variants = slice.variants();
        double[][] out = new double[variants + 1][];
        float[] plane = new float[pixels];
        // The lesion-free copy: its whole residual map.
        Residual.compute(reconstruction, offset, image, 0, plane);
        out[variants] = new double[] {SliceScore.mean(plane), SliceScore.max(plane), topKMean(plane, k)};

        // Outside the label every sharing variant equals the reference: its k largest, once.
        boolean[] positive = slice.positive();
        float[] reference = slice.reference();
        int outside = 0;
        for (int i = 0; i < pixels; i++) {
            if (!positive[i]) {
                plane[outside++] = Math.abs(reconstruction[offset + i] - reference[i]);
            }
        }
        int sharedK = Math.min(k, outside);
        float[] shared = largest(plane, outside, sharedK);
        int[] labelPixels = slice.labelPixels();
        float[] labelValues = slice.labelValues();
        int label = labelPixels.length;
        float[] candidates = new float[sharedK + label];
        double[] means = new double[variants];
        for (VariantScore s : scores) {
            means[s.variant()] = s.meanResidual();
        }
        float[] full = null;
        for (int v = 0; v < variants; v++) {
            if (!slice.sharesReference(v)) {
                if (full == null) {
                    full = new float[pixels];
                }
                slice.plane(v, full);
                Residual.compute(reconstruction, offset, full, 0, full);
                out[v] = new double[] {SliceScore.mean(full), SliceScore.max(full), topKMean(full, k)};
                continue;
            }
            System.arraycopy(shared, 0, candidates, 0, sharedK);
            for (int j = 0; j < label; j++) {
                candidates[sharedK + j] = Math.abs(reconstruction[offset + labelPixels[j]]
                        - labelValues[j * variants + v]);
            }
            int take = Math.min(k, candidates.length);
            float[] top = largest(candidates, candidates.length, take);
            out[v] = new double[] {means[v], top[0], sumDescending(top) / take};
        }
        return out;
    }

    /** {@link SliceScore#topKMean}'s value, by selection instead of a full sort. */
    static double topKMean(float[] residual, int k) {
        int take = Math.min(k, residual.length);
        return sumDescending(largest(residual, residual.length, take)) / take;
    }

    /** Summed from the largest down, as {@link SliceScore#topKMean} sums. */
    private static double sumDescending(float[] descending) {
        double sum = 0.0;
        for (float f : descending) {
            sum += f;
        }
        return sum;
    }

    /**
     * The {@code k} largest of {@code values[0, n)}, descending (a quickselect on a copy, then a sort of k values).
     *
     * @throws IllegalArgumentException on NaN
     */
    static float[] largest(float[] values, int n, int k) {
        if (k == 0) {
            return new float[0];
        }
        float[] a = Arrays.copyOf(values, n);
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(a[i])) {
                throw new IllegalArgumentException("residual is NaN");
            }
        }
        // After the loop, a[n − k, n) holds the k largest (Hoare partitions around a median of three).
        int target = n - k;
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            float pivot = median(a[lo], a[mid], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    float t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                break;
            }
        }
        float[] top = Arrays.copyOfRange(a, target, n);
        Arrays.sort(top);
        for (int i = 0, j = top.length - 1; i < j; i++, j--) {
            float t = top[i];
            top[i] = top[j];
            top[j] = t;
        }
        return top;
    }

    private static float median(float a, float b, float c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
