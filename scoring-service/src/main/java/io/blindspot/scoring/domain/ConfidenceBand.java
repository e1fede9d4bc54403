package io.blindspot.scoring.domain;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The 95% confidence interval of a cell's mean AP over slices (beyond the paper): mean ± t(0.975, n − 1) · s / √n,
 * with s the SAMPLE standard deviation (ddof = 1) and t Student's quantile, as {@code scipy.stats.t.interval(0.95,
 * n - 1, loc=mean, scale=s / sqrt(n))} computes it. Slices are few (4 to 100), so the normal quantile 1.96 would
 * be too narrow: for n = 4 the t quantile is 3.18.
 */
public final class ConfidenceBand {
    /** Two-sided 95%: the upper 2.5% tail. */
    public static final double LEVEL = 0.975;
    /**
     * commons-math solves the inverse CDF numerically to 1e-9 by default; asked for 1e-15 it is exact to the
     * last digits scipy prints, so the band's edges can be compared with a Python reference.
     */
    private static final double INVERSE_ACCURACY = 1e-15;
    private static final Map<Integer, Double> QUANTILES = new ConcurrentHashMap<>();

    private ConfidenceBand() {
    }

    /** Low and high edge of the interval. */
    public record Interval(double low, double high) {
    }

    /**
     * Student's t quantile at {@link #LEVEL}.
     *
     * @param degreesOfFreedom n − 1, at least 1
     */
    public static double tQuantile(int degreesOfFreedom) {
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1, got " + degreesOfFreedom);
        }
        // A 100 x 100 grid asks 10,000 times for the same few quantiles; the solver is not free.
        return QUANTILES.computeIfAbsent(degreesOfFreedom, df ->
                new TDistribution(null, df, INVERSE_ACCURACY).inverseCumulativeProbability(LEVEL));
    }

    /**
     * @param mean mean AP over the cell's slices
     * @param std  sample standard deviation over the slices; null when fewer than two
     * @param n    number of slices
     * @return the interval, or null when n < 2 (one value has no spread, so no band can be drawn)
     */
    public static Interval of(double mean, Double std, int n) {
        if (n < 2 || std == null) {
            return null;
        }
        double halfWidth = tQuantile(n - 1) * std / Math.sqrt(n);
        return new Interval(mean - halfWidth, mean + halfWidth);
    }
}
