package io.blindspot.scoring.domain.metric;

import io.blindspot.scoring.domain.ConfidenceBand;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * How a cell's per-slice data become one value ({@code "aggregation"} of the spec):
 * <ul>
 *   <li>{@code slice-mean} (today's): the metric per slice, then the mean over slices — summed in the given order
 *       (the cell's (volume, axis, slice) order), / n, as {@code numpy.mean};</li>
 *   <li>{@code volume-mean}: each volume's slices pooled (their pixels as one set), the metric per volume, then
 *       the mean over volumes;</li>
 *   <li>{@code pooled}: every pixel of every slice and volume as one set (MOOD's evaluation).</li>
 * </ul>
 * Pooling is a merge of the slices' {@link ThresholdTable}s, so any table metric (AP, AUROC, best Dice) pools.
 * Intervals: {@link #tInterval} (today's t-interval over the units) and {@link PercentileBootstrap}.
 */
public final class Aggregation {
    private Aggregation() {
    }

    /** The mean of per-unit values, summed in order. */
    public static double mean(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("mean of no values is undefined");
        }
        double sum = 0.0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The metric of all tables pooled. */
    public static double pooled(List<ThresholdTable> slices, ToDoubleFunction<ThresholdTable> metric) {
        return metric.applyAsDouble(ThresholdTable.merge(slices));
    }

    /** Each volume's values of {@code metric} (its slices pooled), in volume order. */
    public static double[] perVolume(List<List<ThresholdTable>> volumes, ToDoubleFunction<ThresholdTable> metric) {
        double[] out = new double[volumes.size()];
        for (int v = 0; v < out.length; v++) {
            out[v] = pooled(volumes.get(v), metric);
        }
        return out;
    }

    public static double volumeMean(List<List<ThresholdTable>> volumes, ToDoubleFunction<ThresholdTable> metric) {
        return mean(perVolume(volumes, metric));
    }

    /**
     * The percentile bootstrap of {@code pooled} over slices: each resample pools the drawn slices (a slice
     * drawn twice counts twice).
     */
    public static PercentileBootstrap.Interval pooledBootstrap(List<ThresholdTable> slices,
                                                               ToDoubleFunction<ThresholdTable> metric,
                                                               int resamples, long seed) {
        return PercentileBootstrap.interval(slices.size(), draw -> {
            List<ThresholdTable> chosen = new ArrayList<>(draw.length);
            for (int i : draw) {
                chosen.add(slices.get(i));
            }
            return pooled(chosen, metric);
        }, resamples, seed);
    }

    /**
     * Today's t-interval (95 %) of the mean of per-unit values: mean ± t(0.975, n − 1)·s/√n with the sample
     * standard deviation; null below two units.
     */
    public static ConfidenceBand.Interval tInterval(double[] values) {
        int n = values.length;
        double mean = mean(values);
        if (n < 2) {
            return null;
        }
        double squares = 0.0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return ConfidenceBand.of(mean, Math.sqrt(squares / (n - 1)), n);
    }
}
