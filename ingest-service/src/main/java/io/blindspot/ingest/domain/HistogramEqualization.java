package io.blindspot.ingest.domain;

/**
 * The paper's equalised variant of experiment 1: {@code equalize_hist(slice, nbins=256, mask=slice > 0) * mask}
 * (scikit-image 0.19 on numpy 1.24), reproduced to the last bit of every float32 pixel as golden/README.md rule 7
 * states it. The brain keeps its shape; its intensities are spread over (0, 1] by their rank.
 */
public final class HistogramEqualization {
    /** scikit-image's default, and the paper's. */
    public static final int BINS = 256;

    private HistogramEqualization() {
    }

    /**
     * Equalises one slice (any shape, flattened; the mapping does not depend on where a pixel is).
     *
     * <ol>
     * <li>The histogram is taken over the brain pixels only ({@code v > 0}), 256 equal-width bins on
     * [{@code lo}, {@code hi}] = [min, max] of those pixels. When all of them are equal, numpy's
     * {@code np.histogram} widens the range to [v - 0.5, v + 0.5] (in double), so such a slice becomes 0.5
     * (or very nearly) on the brain, never a division by zero.</li>
     * <li>Bin edges are float32, as numpy's {@code linspace(..., dtype=float32)} makes them: computed in double,
     * then rounded: {@code edges[i] = (float) (i * ((hi - lo) / 256.0) + lo)}, {@code edges[256] = (float) hi}.
     * Double edges move pixels by up to 3.6e-2 (HistogramEqualizationTest's k/133 case), because values k/133
     * fall exactly on edges.</li>
     * <li>Pixel {@code v} counts in bin {@code i} when {@code edges[i] <= v < edges[i+1]}, the last bin closed.
     * It is found as numpy finds it: a float32 guess {@code (int) ((v - lo) / (hi - lo) * 256)} corrected by
     * one bin against the edges. That is the rule above whenever a bin is wider than a float32 step; for
     * sub-step bins (brain values a few ulps apart) it is what numpy does where the rule cannot hold.</li>
     * <li>Centres {@code (edges[i] + edges[i+1]) / 2f}, the sum in float32 too (skimage adds two float32
     * arrays); cdf {@code (float) (cum[i] / (double) total)}.</li>
     * <li>Every pixel, background included, is mapped as {@code np.interp(v, centres, cdf)} in double: cdf[0]
     * left of the first centre, cdf[255] right of the last, the cdf value itself on a centre, else linear between
     * the two centres around it; rounded to float32 and multiplied by the mask, so the background is 0.</li>
     * </ol>
     *
     * A slice without any brain pixel is returned as all zeros (slice × mask). scikit-image would return NaN
     * everywhere there (its cdf is 0/0); there is nothing to equalise, and zeros keep the "no brain" slice what
     * it was for the rest of the pipeline.
     *
     * @param slice float32 pixels, all finite (ingest refuses volumes with NaN or infinity before this)
     * @return a new array of the same length
     * @throws IllegalArgumentException when a pixel is NaN or infinite
     */
    public static float[] equalize(float[] slice) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        long total = 0;
        for (float v : slice) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("cannot equalise a slice with a non-finite pixel: " + v);
            }
            if (v > 0f) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                total++;
            }
        }
        float[] out = new float[slice.length];
        if (total == 0) {
            return out;
        }

        // numpy keeps float32 min and max as they are, but widens an empty range in double (float32 - 0.5 is a
        // float64 scalar in numpy 1.24); its float32 guess below then sees the range's ends rounded to float32.
        double lo;
        double hi;
        float span;
        if (min < max) {
            lo = min;
            hi = max;
            span = max - min;
        } else {
            lo = min - 0.5;
            hi = max + 0.5;
            span = (float) (hi - lo);
        }
        float first = (float) lo;
        double step = (hi - lo) / BINS;
        float[] edges = new float[BINS + 1];
        for (int i = 0; i < BINS; i++) {
            edges[i] = (float) (i * step + lo);
        }
        edges[BINS] = (float) hi;

        long[] cum = new long[BINS];
        for (float v : slice) {
            if (v > 0f) {
                int i = (int) ((v - first) / span * BINS);
                if (i == BINS) {
                    i--;
                }
                if (v < edges[i]) {
                    i--;
                } else if (i != BINS - 1 && v >= edges[i + 1]) {
                    i++;
                }
                cum[i]++;
            }
        }
        double[] centres = new double[BINS];
        double[] cdf = new double[BINS];
        long running = 0;
        for (int i = 0; i < BINS; i++) {
            running += cum[i];
            cdf[i] = (float) (running / (double) total);
            centres[i] = (edges[i] + edges[i + 1]) / 2f;
        }

        for (int n = 0; n < slice.length; n++) {
            float mask = slice[n] > 0f ? 1f : 0f;
            out[n] = (float) interp(slice[n], centres, cdf) * mask;
        }
        return out;
    }

    /** numpy's {@code np.interp(x, xp, fp)} for increasing {@code xp}, with its default left and right values. */
    private static double interp(double x, double[] xp, double[] fp) {
        int last = xp.length - 1;
        if (x < xp[0]) {
            return fp[0];
        }
        if (x > xp[last]) {
            return fp[last];
        }
        // j = the last index with xp[j] <= x, as numpy's binary search gives even when centres repeat
        int j = upperBound(xp, x) - 1;
        if (j == last || xp[j] == x) {
            return fp[j];
        }
        double slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
        return slope * (x - xp[j]) + fp[j];
    }

    /** The number of leading values {@code <= x} in the sorted {@code values}. */
    private static int upperBound(double[] values, double x) {
        int low = 0;
        int high = values.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (values[mid] <= x) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
