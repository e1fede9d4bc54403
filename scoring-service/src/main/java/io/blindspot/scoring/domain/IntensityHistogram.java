package io.blindspot.scoring.domain;

import java.util.Arrays;
import java.util.List;

/**
 * Histogram and quantiles of the brain intensities of an experiment's slices: the explanation of the blind spot
 * (an anomaly whose intensity lies where normal tissue is common is hard to see in a residual). The brain is the
 * paper's mask, pixel > 0; the slices are the stored, already preprocessed ones, so an equalised experiment shows
 * its equalised histogram.
 *
 * <p>Conventions, as {@code numpy.histogram(values, bins, range=(0, 1))}: {@code bins} equal bins over [0, 1],
 * edges {@code i / bins}, each bin [left, right) except the last, which includes 1. Ingest normalises slices to
 * [0, 1]; a value above 1 would be dropped by numpy and is counted in the last bin here (and reported in
 * {@code above}) so no brain pixel vanishes silently. Quantiles as {@code numpy.quantile} (method "linear": the
 * value at position q·(N − 1) of the sorted pixels, interpolated), in double from the float32 pixels.
 *
 * @param edges     bins + 1 edges
 * @param counts    brain pixels per bin
 * @param pixels    brain pixels in all
 * @param above     brain pixels above 1 (counted in the last bin)
 * @param levels    the quantile levels ({@link #LEVELS})
 * @param quantiles the intensity at each level; NaN when there is no brain pixel
 */
public record IntensityHistogram(double[] edges, long[] counts, long pixels, long above, double[] levels,
                                 double[] quantiles) {
    /** 5, 25, 50, 75 and 95%: the box of a box plot and the range that holds 90% of the brain. */
    public static final double[] LEVELS = {0.05, 0.25, 0.50, 0.75, 0.95};
    /** 50 bins of width 0.02: fine enough to show the tissue peaks of a 256-level MRI, coarse enough to read. */
    public static final int DEFAULT_BINS = 50;

    /**
     * @param slices float32 slices (any shape); only pixels > 0 count
     * @param bins   number of equal bins over [0, 1]
     */
    public static IntensityHistogram of(List<float[]> slices, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("at least one bin, got " + bins);
        }
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = (double) i / bins;
        }
        int total = 0;
        for (float[] s : slices) {
            for (float v : s) {
                if (v > 0f) {
                    total++;
                }
            }
        }
        double[] brain = new double[total];
        long[] counts = new long[bins];
        long above = 0;
        int k = 0;
        for (float[] s : slices) {
            for (float v : s) {
                if (v > 0f) {
                    brain[k++] = v;
                    if (v > 1f) {
                        above++;
                    }
                    counts[bin(v, edges)]++;
                }
            }
        }
        Arrays.sort(brain);
        double[] quantiles = new double[LEVELS.length];
        for (int q = 0; q < LEVELS.length; q++) {
            quantiles[q] = quantile(brain, LEVELS[q]);
        }
        return new IntensityHistogram(edges, counts, total, above, LEVELS.clone(), quantiles);
    }

    /** Bin of a value in (0, ∞): [edge i, edge i+1), the last bin closed and catching values above 1. */
    static int bin(double value, double[] edges) {
        int bins = edges.length - 1;
        int i = (int) Math.min(bins - 1, Math.floor(value * bins));
        // value * bins can land one bin off the edges as computed (i / bins); the edges decide, as in numpy.
        if (i > 0 && value < edges[i]) {
            i--;
        } else if (i < bins - 1 && value >= edges[i + 1]) {
            i++;
        }
        return i;
    }

    /**
     * numpy's default ("linear") quantile of sorted values: position q·(N − 1), interpolated between its
     * neighbours; NaN when empty.
     */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        double fraction = position - below;
        double difference = sorted[above] - sorted[below];
        // numpy's _lerp: from the nearer end, so q = 1 gives the maximum exactly.
        return fraction >= 0.5 ? sorted[above] - difference * (1 - fraction) : sorted[below] + difference * fraction;
    }

    /** The quantile at {@code level} (one of {@link #LEVELS}). */
    public double quantile(double level) {
        for (int q = 0; q < levels.length; q++) {
            if (levels[q] == level) {
                return quantiles[q];
            }
        }
        throw new IllegalArgumentException("no quantile at level " + level);
    }
}
