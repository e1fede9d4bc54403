package io.blindspot.scoring.domain.metric;

import java.util.Arrays;

/**
 * Image-level scores of a slice from its residual map, for {@code auroc-image} and {@code ap-image} (one score per
 * slice, label = whether the slice holds a lesion; the metrics are {@link Auroc#of} and
 * {@link ThresholdTable#averagePrecision} over the slices' {@link ThresholdTable#of(double[], boolean[])}).
 *
 * <ul>
 *   <li>{@code mean}: the sum of every pixel in double, pixel order, / pixels
 *       ({@link io.blindspot.scoring.domain.Residual#mean}; numpy: {@code r.astype(float64).mean()}, to ~1e-16);</li>
 *   <li>{@code max}: the largest pixel (exact);</li>
 *   <li>{@code top-k mean}: the mean of the k largest pixels (ties at the k-th value taken as many as needed),
 *       summed in double from the largest down, / k; k is clamped to the pixel count.</li>
 * </ul>
 */
public final class SliceScore {
    private SliceScore() {
    }

    public static double mean(float[] residual) {
        if (residual.length == 0) {
            throw new IllegalArgumentException("score of an empty map is undefined");
        }
        double sum = 0.0;
        for (float r : residual) {
            sum += r;
        }
        return sum / residual.length;
    }

    public static double max(float[] residual) {
        if (residual.length == 0) {
            throw new IllegalArgumentException("score of an empty map is undefined");
        }
        float max = Float.NEGATIVE_INFINITY;
        for (float r : residual) {
            if (Float.isNaN(r)) {
                throw new IllegalArgumentException("residual is NaN");
            }
            max = Math.max(max, r);
        }
        return max;
    }

    /** @param k how many of the largest pixels, at least 1 */
    public static double topKMean(float[] residual, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (residual.length == 0) {
            throw new IllegalArgumentException("score of an empty map is undefined");
        }
        float[] sorted = residual.clone();
        Arrays.sort(sorted);
        int take = Math.min(k, sorted.length);
        double sum = 0.0;
        for (int i = sorted.length - 1; i >= sorted.length - take; i--) {
            sum += sorted[i];
        }
        return sum / take;
    }
}
