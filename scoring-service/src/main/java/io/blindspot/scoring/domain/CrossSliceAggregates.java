package io.blindspot.scoring.domain;

import io.blindspot.contracts.events.Aggregations;
import io.blindspot.contracts.events.Metrics;
import io.blindspot.scoring.domain.metric.Aggregation;
import io.blindspot.scoring.domain.metric.Auroc;
import io.blindspot.scoring.domain.metric.ChanceLevel;
import io.blindspot.scoring.domain.metric.Dice;
import io.blindspot.scoring.domain.metric.NormalQuantile;
import io.blindspot.scoring.domain.metric.PercentileBootstrap;
import io.blindspot.scoring.domain.metric.PooledAp;
import io.blindspot.scoring.domain.metric.ThresholdTable;

import java.util.ArrayList;
import java.util.List;

/**
 * The cross-slice aggregations of one sigma of an experiment (issue 14): for every variant (intensity), the pixel
 * metrics of every slice's residual map pooled ({@code pooled}, {@code pooled-float16}) and per volume, then
 * averaged over volumes ({@code volume-mean}), with the t-interval over volumes and the percentile bootstrap.
 *
 * <p>Pooling merges the slices' {@link ThresholdTable}s (scikit-learn's {@code _binary_clf_curve} of the
 * concatenated pixels, counted in integers), so every table metric pools exactly: {@code ap} (bit for bit with
 * {@code average_precision_score} on the concatenation), {@code ap-normalised} (with the pooled prevalence P/n),
 * {@code auroc}, {@code dice-best}. {@code aupro-0.3} is a mean over the label's regions of one map and has no
 * table form; it is not pooled (a query of it under a pooled aggregation is refused).
 *
 * <p>Residuals are float32 {@code |rec − anomalous|} on every pixel, background included, as the per-slice rows.
 * {@code pooled-float16} rounds each residual to IEEE half (round half to even, numpy's
 * {@code astype(np.float16)}) before the table is built ({@link PooledAp#toFloat16}).
 */
public final class CrossSliceAggregates {
    /** The metrics that pool (their table form exists). */
    public static final List<String> POOLABLE = List.of(Metrics.AP, Metrics.AP_NORMALISED, Metrics.AUROC,
            Metrics.DICE_BEST);
    /** The aggregations computed here (slice-mean is the per-slice rows' mean, at query time). */
    public static final List<String> STAGED = List.of(Aggregations.VOLUME_MEAN, Aggregations.POOLED,
            Aggregations.POOLED_FLOAT16);
    /** {@code volume} of a value over every volume (a cell's value, not one volume's). */
    public static final int ALL_VOLUMES = -1;

    private CrossSliceAggregates() {
    }

    /**
     * One slice at one sigma.
     *
     * @param volume     the slice's volume index (units of volume-mean)
     * @param variants   its anomalous variants and label
     * @param data       the reconstruction block's values
     * @param offset     where this sigma's reconstruction starts in {@code data}
     * @param perVariant anomal-rec ([variants, rows, cols] at offset) rather than normal-rec ([rows, cols])
     */
    public record SliceAt(int volume, SliceVariants variants, float[] data, int offset, boolean perVariant) {
    }

    /**
     * @param resamples 0 = no bootstrap
     * @param byVolume  resample volumes (else slices) for the pooled bootstrap; volume-mean always resamples
     *                  volumes
     */
    public record Bootstrap(int resamples, long seed, boolean byVolume) {
        public static final Bootstrap NONE = new Bootstrap(0, 0L, false);
    }

    /**
     * One aggregated value.
     *
     * @param volume  {@link #ALL_VOLUMES} for the cell's value; a volume index for volume-mean's per-volume values
     * @param n       units behind the value: slices pooled (pooled), volumes averaged (volume-mean), the volume's
     *                slices (a per-volume value)
     * @param std     sample standard deviation over volumes (volume-mean, two volumes or more); else null
     * @param ciLow   t-interval (95 %) over volumes (volume-mean, two or more); else null
     * @param bootLow percentile bootstrap interval (95 %); null without bootstrap or with one unit
     */
    public record Value(String aggregation, String metric, int variant, int volume, double value, int n, Double std,
                        Double ciLow, Double ciHigh, Double bootLow, Double bootHigh) {
    }

    /**
     * Every value of {@code aggregations} × {@code metrics} (the poolable ones of each) for every variant at this
     * sigma, slices given in (volume, axis, slice) order.
     */
    public static List<Value> of(List<SliceAt> slices, List<String> metrics, List<String> aggregations,
                                 Bootstrap bootstrap) {
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("no slice to aggregate");
        }
        List<String> pooledMetrics = metrics.stream().filter(POOLABLE::contains).toList();
        int variants = slices.getFirst().variants().variants();
        for (SliceAt s : slices) {
            if (s.variants().variants() != variants) {
                throw new IllegalArgumentException("slices differ in their number of variants: " + variants
                        + " and " + s.variants().variants());
            }
        }
        boolean wantFloat16 = aggregations.contains(Aggregations.POOLED_FLOAT16);
        boolean wantFloat32 = aggregations.contains(Aggregations.POOLED)
                || aggregations.contains(Aggregations.VOLUME_MEAN);
        int[] volumeOf = new int[slices.size()];
        int volumes = 0;
        for (int i = 0; i < volumeOf.length; i++) {
            volumeOf[i] = slices.get(i).volume();
            volumes = Math.max(volumes, volumeOf[i] + 1);
        }
        List<Value> out = new ArrayList<>();
        for (int v = 0; v < variants; v++) {
            List<ThresholdTable> tables = new ArrayList<>(slices.size());
            List<ThresholdTable> tables16 = new ArrayList<>(slices.size());
            for (SliceAt s : slices) {
                float[] residual = residual(s, v);
                boolean[] positive = s.variants().positive();
                if (wantFloat32) {
                    tables.add(ThresholdTable.of(residual, positive));
                }
                if (wantFloat16) {
                    tables16.add(ThresholdTable.of(PooledAp.toFloat16(residual), positive));
                }
            }
            for (String aggregation : aggregations) {
                switch (aggregation) {
                    case Aggregations.POOLED -> out.addAll(pooled(aggregation, tables, volumeOf, volumes,
                            pooledMetrics, v, bootstrap));
                    case Aggregations.POOLED_FLOAT16 -> out.addAll(pooled(aggregation, tables16, volumeOf, volumes,
                            pooledMetrics, v, bootstrap));
                    case Aggregations.VOLUME_MEAN -> out.addAll(volumeMean(tables, volumeOf, volumes, pooledMetrics,
                            v, bootstrap));
                    default -> {
                        // slice-mean: the per-slice rows' mean, computed at query time
                    }
                }
            }
        }
        return out;
    }

    /** The residual map of variant v: float32 |rec − anomalous| on every pixel. */
    static float[] residual(SliceAt s, int v) {
        SliceVariants sv = s.variants();
        int pixels = sv.pixels();
        float[] plane = new float[pixels];
        sv.plane(v, plane);
        float[] residual = new float[pixels];
        Residual.compute(s.data(), s.offset() + (s.perVariant() ? v * pixels : 0), plane, 0, residual);
        return residual;
    }

    /** The value of {@code metric} on a (pooled) table. */
    public static double metric(String metric, ThresholdTable t) {
        return switch (metric) {
            case Metrics.AP -> t.averagePrecision();
            case Metrics.AP_NORMALISED -> ChanceLevel.normalisedAp(t.averagePrecision(),
                    ChanceLevel.prevalence(t.positives(), t.positives() + t.negatives()));
            case Metrics.AUROC -> Auroc.of(t);
            case Metrics.DICE_BEST -> Dice.best(t).dice();
            default -> throw new IllegalArgumentException("metric '" + metric + "' does not pool");
        };
    }

    private static List<Value> pooled(String aggregation, List<ThresholdTable> tables, int[] volumeOf, int volumes,
                                      List<String> metrics, int v, Bootstrap bootstrap) {
        ThresholdTable all = ThresholdTable.merge(tables);
        int units = bootstrap.byVolume() ? volumes : tables.size();
        double[][] boot = null;
        if (bootstrap.resamples() > 0 && units > 1) {
            // one merge per resample serves every metric (the same draws as PercentileBootstrap.interval)
            int[][] draws = PercentileBootstrap.resamples(units, bootstrap.resamples(), bootstrap.seed());
            boot = new double[metrics.size()][draws.length];
            for (int b = 0; b < draws.length; b++) {
                List<ThresholdTable> chosen = new ArrayList<>();
                for (int unit : draws[b]) {
                    if (bootstrap.byVolume()) {
                        for (int i = 0; i < tables.size(); i++) {
                            if (volumeOf[i] == unit) {
                                chosen.add(tables.get(i));
                            }
                        }
                    } else {
                        chosen.add(tables.get(unit));
                    }
                }
                ThresholdTable merged = ThresholdTable.merge(chosen);
                for (int m = 0; m < metrics.size(); m++) {
                    boot[m][b] = metric(metrics.get(m), merged);
                }
            }
        }
        List<Value> out = new ArrayList<>();
        for (int m = 0; m < metrics.size(); m++) {
            double[] edges = boot == null ? null : interval(boot[m]);
            out.add(new Value(aggregation, metrics.get(m), v, ALL_VOLUMES, metric(metrics.get(m), all),
                    tables.size(), null, null, null, edges == null ? null : edges[0],
                    edges == null ? null : edges[1]));
        }
        return out;
    }

    private static List<Value> volumeMean(List<ThresholdTable> tables, int[] volumeOf, int volumes,
                                          List<String> metrics, int v, Bootstrap bootstrap) {
        List<List<ThresholdTable>> byVolume = new ArrayList<>();
        for (int k = 0; k < volumes; k++) {
            byVolume.add(new ArrayList<>());
        }
        for (int i = 0; i < tables.size(); i++) {
            byVolume.get(volumeOf[i]).add(tables.get(i));
        }
        List<Integer> present = new ArrayList<>();
        for (int k = 0; k < volumes; k++) {
            if (!byVolume.get(k).isEmpty()) {
                present.add(k);
            }
        }
        List<ThresholdTable> pooledVolumes = present.stream().map(k -> ThresholdTable.merge(byVolume.get(k))).toList();
        List<Value> out = new ArrayList<>();
        for (String metric : metrics) {
            double[] perVolume = new double[pooledVolumes.size()];
            for (int k = 0; k < perVolume.length; k++) {
                perVolume[k] = metric(metric, pooledVolumes.get(k));
                out.add(new Value(Aggregations.VOLUME_MEAN, metric, v, present.get(k), perVolume[k],
                        byVolume.get(present.get(k)).size(), null,
                        null, null, null, null));
            }
            double mean = Aggregation.mean(perVolume);
            ConfidenceBand.Interval ci = Aggregation.tInterval(perVolume);
            Double std = null;
            if (perVolume.length > 1) {
                double squares = 0.0;
                for (double x : perVolume) {
                    squares += (x - mean) * (x - mean);
                }
                std = Math.sqrt(squares / (perVolume.length - 1));
            }
            PercentileBootstrap.Interval boot = bootstrap.resamples() > 0 && perVolume.length > 1
                    ? PercentileBootstrap.ofMean(perVolume, bootstrap.resamples(), bootstrap.seed()) : null;
            out.add(new Value(Aggregations.VOLUME_MEAN, metric, v, ALL_VOLUMES, mean, perVolume.length, std,
                    ci == null ? null : ci.low(), ci == null ? null : ci.high(), boot == null ? null : boot.low(),
                    boot == null ? null : boot.high()));
        }
        return out;
    }

    /**
     * The percentile bootstrap of slice-mean for one cell: the per-slice values resampled (unit slice), or the
     * volumes resampled and the mean taken over every slice of the drawn volumes (unit volume; a volume drawn twice
     * counts twice). Values given in (volume, axis, slice) order; null below two units.
     */
    public static double[] sliceMeanBootstrap(List<SliceResult> slices, Bootstrap bootstrap) {
        if (!bootstrap.byVolume()) {
            if (slices.size() < 2) {
                return null;
            }
            double[] values = new double[slices.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = slices.get(i).ap();
            }
            PercentileBootstrap.Interval b = PercentileBootstrap.ofMean(values, bootstrap.resamples(),
                    bootstrap.seed());
            return new double[] {b.low(), b.high()};
        }
        java.util.TreeMap<Integer, List<Double>> byVolume = new java.util.TreeMap<>();
        for (SliceResult s : slices) {
            byVolume.computeIfAbsent(s.volume(), k -> new ArrayList<>()).add(s.ap());
        }
        if (byVolume.size() < 2) {
            return null;
        }
        List<List<Double>> volumes = new ArrayList<>(byVolume.values());
        PercentileBootstrap.Interval b = PercentileBootstrap.interval(volumes.size(), draw -> {
            double sum = 0.0;
            int n = 0;
            for (int v : draw) {
                for (double x : volumes.get(v)) {
                    sum += x;
                    n++;
                }
            }
            return sum / n;
        }, bootstrap.resamples(), bootstrap.seed());
        return new double[] {b.low(), b.high()};
    }

    private static double[] interval(double[] values) {
        return new double[] {NormalQuantile.linear(values, 0.025), NormalQuantile.linear(values, 0.975)};
    }
}
