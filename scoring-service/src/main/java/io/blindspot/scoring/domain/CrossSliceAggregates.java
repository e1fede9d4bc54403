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
import io.blindspot.scoring.domain.metric.PooledNormalRec;
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
 * <p>Normal-rec grids take a fast path that builds no table: a variant that equals each slice's reference outside
 * the label and holds one value c on every label pixel (the paper's disk) has the pooled residuals "reference
 * residual outside the labels, {@code |rec − c|} on them", so the slices' negatives and label reconstructions are
 * pooled once per call ({@link PooledNormalRec}) and each such variant costs a merge of the pooled label residuals
 * and one look-up per distinct value: the same values as the merged tables (AP bit for bit). On the paper's grid
 * (100 × 100, 30 slices) that replaces 300,000 sorts of the 39,277 pixels of a slice by 100 sorts of the pooled
 * negatives per pooled aggregation. The pooled bootstrap still merges resampled tables, so with
 * {@code bootstrap.resamples > 0} the pooled values cost the full path.
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
     *
     * <p>Normal-rec fast path: a variant that, in every slice, equals the slice's reference outside the label and
     * holds one value c (the same float bits in every slice) on the label is computed from the slices' pooled
     * negatives and label reconstructions ({@link PooledNormalRec}), built once per call and shared by every such
     * variant, without a threshold table per (slice, variant): the same values (AP bit for bit). The other
     * variants, anomal-rec, and the pooled bootstrap (which merges resampled tables) take the table path; with a
     * pooled bootstrap the pooled and pooled-float16 values therefore cost the full path (a sort per slice and
     * variant), volume-mean's bootstrap does not (it resamples the per-volume values).
     */
    public static List<Value> of(List<SliceAt> slices, List<String> metrics, List<String> aggregations,
                                 Bootstrap bootstrap) {
        return of(slices, metrics, aggregations, bootstrap, true);
    }

    /** {@link #of}, with {@code fast} false forcing the table path for every variant (tests compare the two). */
    static List<Value> of(List<SliceAt> slices, List<String> metrics, List<String> aggregations, Bootstrap bootstrap,
                          boolean fast) {
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
        int units = bootstrap.byVolume() ? volumes : slices.size();
        boolean pooledBootstrap = bootstrap.resamples() > 0 && units > 1;
        boolean[] eligible = fast && !pooledMetrics.isEmpty() ? fastEligible(slices) : new boolean[variants];
        FastPools pools = null;
        List<Value> out = new ArrayList<>();
        for (int v = 0; v < variants; v++) {
            boolean fastV = eligible[v];
            if (fastV && pools == null) {
                pools = new FastPools(slices, volumeOf, volumes, aggregations, pooledBootstrap);
            }
            // Tables only where the table path runs: a variant off the fast path, or the pooled bootstrap's
            // resamples (which merge the resampled slices' tables).
            boolean build32 = wantFloat32 && (!fastV
                    || (pooledBootstrap && aggregations.contains(Aggregations.POOLED)));
            boolean build16 = wantFloat16 && (!fastV || pooledBootstrap);
            List<ThresholdTable> tables = new ArrayList<>(slices.size());
            List<ThresholdTable> tables16 = new ArrayList<>(slices.size());
            if (build32 || build16) {
                for (SliceAt s : slices) {
                    float[] residual = residual(s, v);
                    boolean[] positive = s.variants().positive();
                    if (build32) {
                        tables.add(ThresholdTable.of(residual, positive));
                    }
                    if (build16) {
                        tables16.add(ThresholdTable.of(PooledAp.toFloat16(residual), positive));
                    }
                }
            }
            float c = fastV ? constantOf(slices, v) : Float.NaN;
            for (String aggregation : aggregations) {
                switch (aggregation) {
                    case Aggregations.POOLED -> out.addAll(fastV && !pooledBootstrap
                            ? fastPooled(aggregation, pools.all32, c, slices.size(), pooledMetrics, v)
                            : pooled(aggregation, tables, volumeOf, volumes, pooledMetrics, v, bootstrap));
                    case Aggregations.POOLED_FLOAT16 -> out.addAll(fastV && !pooledBootstrap
                            ? fastPooled(aggregation, pools.all16, c, slices.size(), pooledMetrics, v)
                            : pooled(aggregation, tables16, volumeOf, volumes, pooledMetrics, v, bootstrap));
                    case Aggregations.VOLUME_MEAN -> out.addAll(fastV
                            ? fastVolumeMean(pools, c, pooledMetrics, v, bootstrap)
                            : volumeMean(tables, volumeOf, volumes, pooledMetrics, v, bootstrap));
                    default -> {
                        // slice-mean: the per-slice rows' mean, computed at query time
                    }
                }
            }
        }
        return out;
    }

    /**
     * Which variants take the fast path: every slice normal-rec, sharing the reference outside its label for that
     * variant, and constant on its label with the same float bits (not NaN) in every slice that has a label; at
     * least one slice has a label, and every pool (all slices; each volume's) has pixels on both sides of the
     * labels (else the table path, which handles the degenerate pools).
     */
    static boolean[] fastEligible(List<SliceAt> slices) {
        int variants = slices.getFirst().variants().variants();
        boolean[] eligible = new boolean[variants];
        java.util.Map<Integer, long[]> counts = new java.util.HashMap<>();
        for (SliceAt s : slices) {
            if (s.perVariant()) {
                return eligible;
            }
            long k = s.variants().labelPixels().length;
            long[] pn = counts.computeIfAbsent(s.volume(), x -> new long[2]);
            pn[0] += k;
            pn[1] += s.variants().pixels() - k;
        }
        for (long[] pn : counts.values()) {
            if (pn[0] == 0 || pn[1] == 0) {
                return eligible;
            }
        }
        for (int v = 0; v < variants; v++) {
            boolean ok = true;
            Integer bits = null;
            for (SliceAt s : slices) {
                SliceVariants sv = s.variants();
                if (!sv.sharesReference(v)) {
                    ok = false;
                    break;
                }
                if (sv.labelPixels().length == 0) {
                    continue;
                }
                int b = Float.floatToRawIntBits(sv.constant(v));
                if (!sv.constantOnLabel(v) || Float.isNaN(sv.constant(v)) || (bits != null && bits != b)) {
                    ok = false;
                    break;
                }
                bits = b;
            }
            eligible[v] = ok && bits != null;
        }
        return eligible;
    }

    /** Variant v's value on every label pixel (a fast-path variant: the same in every slice that has a label). */
    private static float constantOf(List<SliceAt> slices, int v) {
        for (SliceAt s : slices) {
            if (s.variants().labelPixels().length > 0) {
                return s.variants().constant(v);
            }
        }
        throw new IllegalStateException("no slice has a label");
    }

    /**
     * The fast path's pools of one call, built once and shared by every fast-path variant: all slices (float32 for
     * pooled, float16 for pooled-float16) and each volume's slices (volume-mean), as each aggregation needs.
     */
    private static final class FastPools {
        final PooledNormalRec all32;
        final PooledNormalRec all16;
        /** Volume-mean: the volumes that have slices, ascending, their pools and their slice counts. */
        final List<Integer> present = new ArrayList<>();
        final List<PooledNormalRec> volumes = new ArrayList<>();
        final List<Integer> slicesOf = new ArrayList<>();

        /** @param pooledBootstrap the pooled aggregations take the table path (their bootstrap needs tables) */
        FastPools(List<SliceAt> slices, int[] volumeOf, int volumeCount, List<String> aggregations,
                  boolean pooledBootstrap) {
            boolean pooled32 = aggregations.contains(Aggregations.POOLED) && !pooledBootstrap;
            boolean pooled16 = aggregations.contains(Aggregations.POOLED_FLOAT16) && !pooledBootstrap;
            if (pooled32 || pooled16) {
                float[][] all = gather(slices, i -> true);
                all32 = pooled32 ? new PooledNormalRec(all[0], all[1], false) : null;
                all16 = pooled16 ? new PooledNormalRec(all[0], all[1], true) : null;
            } else {
                all32 = null;
                all16 = null;
            }
            if (aggregations.contains(Aggregations.VOLUME_MEAN)) {
                for (int k = 0; k < volumeCount; k++) {
                    int volume = k;
                    int count = 0;
                    for (int v : volumeOf) {
                        count += v == volume ? 1 : 0;
                    }
                    if (count > 0) {
                        float[][] pool = gather(slices, i -> volumeOf[i] == volume);
                        present.add(k);
                        volumes.add(new PooledNormalRec(pool[0], pool[1], false));
                        slicesOf.add(count);
                    }
                }
            }
        }

        /**
         * The chosen slices' pooled negative scores (the reference residual {@code |rec − reference|} outside the
         * label, computed as {@link Residual#compute} computes it) and their reconstruction's label values.
         */
        private static float[][] gather(List<SliceAt> slices, java.util.function.IntPredicate chosen) {
            int negatives = 0;
            int positives = 0;
            for (int s = 0; s < slices.size(); s++) {
                if (chosen.test(s)) {
                    SliceVariants sv = slices.get(s).variants();
                    positives += sv.labelPixels().length;
                    negatives += sv.pixels() - sv.labelPixels().length;
                }
            }
            float[] negative = new float[negatives];
            float[] recOnLabels = new float[positives];
            int n = 0;
            int p = 0;
            for (int s = 0; s < slices.size(); s++) {
                if (!chosen.test(s)) {
                    continue;
                }
                SliceAt at = slices.get(s);
                SliceVariants sv = at.variants();
                boolean[] positive = sv.positive();
                float[] reference = sv.reference();
                float[] data = at.data();
                int offset = at.offset();
                for (int i = 0; i < positive.length; i++) {
                    if (positive[i]) {
                        recOnLabels[p++] = data[offset + i];
                    } else {
                        negative[n++] = Math.abs(data[offset + i] - reference[i]);
                    }
                }
            }
            return new float[][] {negative, recOnLabels};
        }
    }

    /** The value of {@code metric} of a pool at the value it has {@link PooledNormalRec#select}ed. */
    private static double fastMetric(String metric, PooledNormalRec pool) {
        return switch (metric) {
            case Metrics.AP -> pool.ap();
            case Metrics.AP_NORMALISED -> pool.apNormalised();
            case Metrics.AUROC -> pool.auroc();
            case Metrics.DICE_BEST -> pool.diceBest();
            default -> throw new IllegalArgumentException("metric '" + metric + "' does not pool");
        };
    }

    private static List<Value> fastPooled(String aggregation, PooledNormalRec pool, float c, int slices,
                                          List<String> metrics, int v) {
        pool.select(c);
        List<Value> out = new ArrayList<>();
        for (String metric : metrics) {
            out.add(new Value(aggregation, metric, v, ALL_VOLUMES, fastMetric(metric, pool), slices, null, null,
                    null, null, null));
        }
        return out;
    }

    private static List<Value> fastVolumeMean(FastPools pools, float c, List<String> metrics, int v,
                                              Bootstrap bootstrap) {
        double[][] perVolume = new double[metrics.size()][pools.volumes.size()];
        for (int k = 0; k < pools.volumes.size(); k++) {
            PooledNormalRec pool = pools.volumes.get(k);
            pool.select(c);
            for (int m = 0; m < metrics.size(); m++) {
                perVolume[m][k] = fastMetric(metrics.get(m), pool);
            }
        }
        return volumeMean(perVolume, pools.present, pools.slicesOf, metrics, v, bootstrap);
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
        List<Integer> slicesOf = new ArrayList<>();
        for (int k = 0; k < volumes; k++) {
            if (!byVolume.get(k).isEmpty()) {
                present.add(k);
                slicesOf.add(byVolume.get(k).size());
            }
        }
        List<ThresholdTable> pooledVolumes = present.stream().map(k -> ThresholdTable.merge(byVolume.get(k))).toList();
        double[][] perVolume = new double[metrics.size()][pooledVolumes.size()];
        for (int m = 0; m < metrics.size(); m++) {
            for (int k = 0; k < pooledVolumes.size(); k++) {
                perVolume[m][k] = metric(metrics.get(m), pooledVolumes.get(k));
            }
        }
        return volumeMean(perVolume, present, slicesOf, metrics, v, bootstrap);
    }

    /**
     * Volume-mean's values from each volume's pooled value: per metric, the per-volume values, then their mean
     * with the standard deviation, the t-interval and the bootstrap over volumes.
     *
     * @param perVolumeValues [metric][k]: the pooled value of the k-th present volume
     * @param present   the volumes that have slices, ascending
     * @param slicesOf  how many slices each present volume has
     */
    static List<Value> volumeMean(double[][] perVolumeValues, List<Integer> present, List<Integer> slicesOf,
                                  List<String> metrics, int v, Bootstrap bootstrap) {
        List<Value> out = new ArrayList<>();
        for (int m = 0; m < metrics.size(); m++) {
            String metric = metrics.get(m);
            double[] perVolume = perVolumeValues[m];
            for (int k = 0; k < perVolume.length; k++) {
                out.add(new Value(Aggregations.VOLUME_MEAN, metric, v, present.get(k), perVolume[k],
                        slicesOf.get(k), null, null, null, null, null));
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
