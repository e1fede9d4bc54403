package io.blindspot.scoring.domain.metric;

import java.util.function.ToDoubleFunction;

/**
 * The percentile bootstrap interval of an aggregate over units (slices or volumes), beside the t-interval of
 * {@link io.blindspot.scoring.domain.ConfidenceBand}: resample the n units with replacement, recompute the
 * aggregate on each resample, and take the 2.5th and 97.5th percentiles of the B values.
 *
 * <p>Exact rules, so that another implementation reproduces every interval to the last digit:
 * <ul>
 *   <li>RNG: SplitMix64 seeded with {@code seed} (state += 0x9E3779B97F4A7C15; z = state;
 *       z = (z ^ z>>>30)·0xBF58476D1CE4E5B9; z = (z ^ z>>>27)·0x94D049BB133111EB; output z ^ z>>>31);</li>
 *   <li>a unit index: the high 64 bits of the unsigned product output × n ({@code (z * n) >> 64} in Python), so
 *       every index comes from one draw;</li>
 *   <li>resample b (b = 0..B−1) takes n draws, in order: the units of index draw 0, 1, …; the statistic sees them
 *       in that order (a unit drawn twice counts twice: for pooled AP its pixels enter twice);</li>
 *   <li>the interval's edges: {@link NormalQuantile#linear} (numpy's default {@code np.quantile}) of the B values
 *       at 0.025 and 0.975.</li>
 * </ul>
 * Defaults: B = 1,000, seed 0.
 */
public final class PercentileBootstrap {
    public static final int RESAMPLES = 1000;
    public static final long SEED = 0L;
    private static final double LOW = 0.025;
    private static final double HIGH = 0.975;

    private PercentileBootstrap() {
    }

    public record Interval(double low, double high) {
    }

    /** SplitMix64 (Steele, Lea, Flood 2014), as {@link java.util.SplittableRandom} mixes, written out. */
    static final class SplitMix64 {
        private long state;

        SplitMix64(long seed) {
            state = seed;
        }

        long next() {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        /** An index in [0, n). */
        int index(int n) {
            return (int) Math.unsignedMultiplyHigh(next(), n);
        }
    }

    /** The indices of every resample, resample by resample: {@code [resamples][units]}. */
    public static int[][] resamples(int units, int resamples, long seed) {
        if (units < 1 || resamples < 1) {
            throw new IllegalArgumentException(units + " units, " + resamples + " resamples");
        }
        SplitMix64 rng = new SplitMix64(seed);
        int[][] out = new int[resamples][units];
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < units; i++) {
                out[b][i] = rng.index(units);
            }
        }
        return out;
    }

    /**
     * @param units     n, the slices or volumes resampled
     * @param statistic the aggregate of one resample, given its unit indices
     */
    public static Interval interval(int units, ToDoubleFunction<int[]> statistic, int resamples, long seed) {
        double[] values = new double[resamples];
        int[][] draws = resamples(units, resamples, seed);
        for (int b = 0; b < resamples; b++) {
            values[b] = statistic.applyAsDouble(draws[b]);
        }
        return new Interval(NormalQuantile.linear(values, LOW), NormalQuantile.linear(values, HIGH));
    }

    /** The interval of the mean of per-unit values (slice-mean, volume-mean). */
    public static Interval ofMean(double[] values, int resamples, long seed) {
        return interval(values.length, draw -> {
            double sum = 0.0;
            for (int i : draw) {
                sum += values[i];
            }
            return sum / draw.length;
        }, resamples, seed);
    }
}
