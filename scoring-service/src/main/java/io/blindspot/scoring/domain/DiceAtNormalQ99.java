package io.blindspot.scoring.domain;

import io.blindspot.contracts.events.Aggregations;
import io.blindspot.contracts.events.Metrics;
import io.blindspot.scoring.domain.metric.NormalQuantile;
import io.blindspot.scoring.domain.metric.PercentileBootstrap;
import io.blindspot.scoring.domain.metric.PooledAp;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code dice-at-normal-q99} of one sigma of a normal-rec grid (issue 14): the Dice of the prediction
 * {@code residual > t}, where t is the threshold a deployed detector must choose without lesions, the 99th
 * percentile of the normal slices' residuals {@code |normal − normal-rec|} (every pixel of every slice of the
 * experiment at this sigma pooled, numpy's linear {@code np.quantile} in float64: {@link NormalQuantile}).
 *
 * <ul>
 *   <li>Per slice and variant: {@code 2 tp / (tp + fp + P)} at t (NaN without label pixels) — the per-slice rows,
 *       whose mean over slices is slice-mean.</li>
 *   <li>{@code pooled}: the counts of every slice summed, then Dice; {@code volume-mean}: each volume's summed
 *       counts, then the mean over volumes (t-interval and bootstrap over volumes). The threshold stays the one of
 *       the whole test set (one detector), also per volume and in every bootstrap resample.</li>
 *   <li>{@code pooled-float16}: the normal residuals and the scores rounded to IEEE half first (MOOD's reading,
 *       {@link PooledAp#toFloat16}), the threshold taken from the rounded normal residuals.</li>
 * </ul>
 *
 * <p>Counting, not sorting: a variant that equals the slice's reference outside the label and holds one value c
 * on it (the disk) costs one pass over its label pixels ({@code |rec − c| > t}); the reference's false positives
 * are counted once per slice. Other variants are materialised. The golden: metric_golden.py's
 * {@code dice_at_normal_q99} (DiceAtNormalQ99Test).
 */
public final class DiceAtNormalQ99 {
    private DiceAtNormalQ99() {
    }

    /**
     * One slice at one sigma.
     *
     * @param volume   the slice's volume index
     * @param variants its anomalous variants and label
     * @param rec      the reconstruction of the normal slice at this sigma ([rows, cols])
     * @param normal   the normal slice ([rows, cols])
     */
    public record SliceAt(int volume, SliceVariants variants, float[] rec, float[] normal) {
    }

    /**
     * @param threshold   t (float32 residuals)
     * @param perSlice    [slice][variant] Dice at t; NaN where the slice has no label pixel
     * @param staged      the pooled, pooled-float16 and volume-mean values asked for
     */
    public record Result(double threshold, double[][] perSlice, List<CrossSliceAggregates.Value> staged) {
    }

    /** The counts behind one Dice. */
    private record Counts(long tp, long fp, long p) {
        double dice() {
            return p == 0 ? Double.NaN : 2.0 * tp / (tp + fp + p);
        }
    }

    /** The threshold: the q99 of every slice's normal residual, pooled. */
    public static double threshold(List<SliceAt> slices, boolean float16) {
        int total = 0;
        for (SliceAt s : slices) {
            total += s.variants().pixels();
        }
        float[] residuals = new float[total];
        int at = 0;
        for (SliceAt s : slices) {
            float[] rec = s.rec();
            float[] normal = s.normal();
            for (int i = 0; i < rec.length; i++) {
                float r = Math.abs(rec[i] - normal[i]);           // Residual's float32 |rec − image|
                residuals[at++] = float16 ? PooledAp.toFloat16(r) : r;
            }
        }
        return NormalQuantile.linear(residuals, NormalQuantile.Q99);
    }

    /**
     * Every value of one sigma: the per-slice Dice and, of {@code aggregations}, pooled, pooled-float16 and
     * volume-mean (with their intervals: {@code bootstrap}).
     *
     * @param slices in (volume, axis, slice) order
     */
    public static Result of(List<SliceAt> slices, List<String> aggregations, CrossSliceAggregates.Bootstrap bootstrap) {
        if (slices.isEmpty()) {
            throw new IllegalArgumentException("no slice to threshold");
        }
        for (SliceAt s : slices) {
            int pixels = s.variants().pixels();
            if (s.rec().length != pixels || s.normal().length != pixels) {
                throw new IllegalArgumentException("reconstruction (" + s.rec().length + ") and normal slice ("
                        + s.normal().length + ") must have the slice's " + pixels + " pixels");
            }
        }
        int variants = slices.getFirst().variants().variants();
        double threshold = threshold(slices, false);
        Counts[][] counts = counts(slices, variants, threshold, false);
        double[][] perSlice = new double[slices.size()][variants];
        for (int s = 0; s < slices.size(); s++) {
            for (int v = 0; v < variants; v++) {
                perSlice[s][v] = counts[s][v].dice();
            }
        }
        List<CrossSliceAggregates.Value> staged = new ArrayList<>();
        int[] volumeOf = slices.stream().mapToInt(SliceAt::volume).toArray();
        for (String aggregation : aggregations) {
            switch (aggregation) {
                case Aggregations.POOLED -> staged.addAll(pooled(aggregation, counts, volumeOf, variants, bootstrap));
                case Aggregations.POOLED_FLOAT16 -> staged.addAll(pooled(aggregation,
                        counts(slices, variants, threshold(slices, true), true), volumeOf, variants, bootstrap));
                case Aggregations.VOLUME_MEAN -> staged.addAll(volumeMean(counts, volumeOf, variants, bootstrap));
                default -> {
                    // slice-mean: the per-slice rows' mean, at query time
                }
            }
        }
        return new Result(threshold, perSlice, staged);
    }

    private static Counts[][] counts(List<SliceAt> slices, int variants, double threshold, boolean float16) {
        Counts[][] out = new Counts[slices.size()][variants];
        for (int s = 0; s < slices.size(); s++) {
            SliceAt at = slices.get(s);
            SliceVariants sv = at.variants();
            if (sv.variants() != variants) {
                throw new IllegalArgumentException("slices differ in their number of variants: " + variants + " and "
                        + sv.variants());
            }
            boolean[] positive = sv.positive();
            int[] labelPixels = sv.labelPixels();
            long p = labelPixels.length;
            // the reference's residual outside the label: every variant that shares it has these false positives
            float[] residual = new float[sv.pixels()];
            Residual.compute(at.rec(), 0, sv.reference(), 0, residual);
            long sharedFp = 0;
            for (int i = 0; i < residual.length; i++) {
                if (!positive[i] && above(residual[i], threshold, float16)) {
                    sharedFp++;
                }
            }
            float[] plane = null;
            for (int v = 0; v < variants; v++) {
                long tp = 0;
                long fp;
                if (sv.sharesReference(v) && sv.constantOnLabel(v)) {
                    float c = sv.constant(v);
                    for (int j : labelPixels) {
                        if (above(Math.abs(at.rec()[j] - c), threshold, float16)) {
                            tp++;
                        }
                    }
                    fp = sharedFp;
                } else {
                    if (plane == null) {
                        plane = new float[sv.pixels()];
                    }
                    sv.plane(v, plane);
                    Residual.compute(at.rec(), 0, plane, 0, residual);
                    fp = 0;
                    for (int i = 0; i < residual.length; i++) {
                        if (above(residual[i], threshold, float16)) {
                            if (positive[i]) {
                                tp++;
                            } else {
                                fp++;
                            }
                        }
                    }
                }
                out[s][v] = new Counts(tp, fp, p);
            }
        }
        return out;
    }

    /** score > t, the score a float32 residual (rounded to half first with float16). */
    private static boolean above(float residual, double threshold, boolean float16) {
        return (float16 ? PooledAp.toFloat16(residual) : residual) > threshold;
    }

    private static Counts sum(Counts[][] counts, int v, int[] slices) {
        long tp = 0;
        long fp = 0;
        long p = 0;
        for (int s : slices) {
            tp += counts[s][v].tp();
            fp += counts[s][v].fp();
            p += counts[s][v].p();
        }
        return new Counts(tp, fp, p);
    }

    private static List<CrossSliceAggregates.Value> pooled(String aggregation, Counts[][] counts, int[] volumeOf,
                                                           int variants, CrossSliceAggregates.Bootstrap bootstrap) {
        int[] all = new int[counts.length];
        for (int s = 0; s < all.length; s++) {
            all[s] = s;
        }
        List<int[]> units = bootstrap.byVolume() ? slicesByVolume(volumeOf) : singletons(counts.length);
        int[][] draws = bootstrap.resamples() > 0 && units.size() > 1
                ? PercentileBootstrap.resamples(units.size(), bootstrap.resamples(), bootstrap.seed()) : null;
        List<CrossSliceAggregates.Value> out = new ArrayList<>(variants);
        for (int v = 0; v < variants; v++) {
            Double low = null;
            Double high = null;
            if (draws != null) {
                double[] values = new double[draws.length];
                for (int b = 0; b < draws.length; b++) {
                    List<Integer> chosen = new ArrayList<>();
                    for (int unit : draws[b]) {
                        for (int s : units.get(unit)) {
                            chosen.add(s);
                        }
                    }
                    values[b] = sum(counts, v, chosen.stream().mapToInt(Integer::intValue).toArray()).dice();
                }
                low = NormalQuantile.linear(values, 0.025);
                high = NormalQuantile.linear(values, 0.975);
            }
            out.add(new CrossSliceAggregates.Value(aggregation, Metrics.DICE_AT_NORMAL_Q99, v,
                    CrossSliceAggregates.ALL_VOLUMES, sum(counts, v, all).dice(), counts.length, null, null, null,
                    low, high));
        }
        return out;
    }

    private static List<CrossSliceAggregates.Value> volumeMean(Counts[][] counts, int[] volumeOf, int variants,
                                                               CrossSliceAggregates.Bootstrap bootstrap) {
        List<int[]> volumes = slicesByVolume(volumeOf);
        List<Integer> present = new ArrayList<>();
        List<Integer> slicesOf = new ArrayList<>();
        for (int k = 0; k < volumes.size(); k++) {
            if (volumes.get(k).length > 0) {
                present.add(k);
                slicesOf.add(volumes.get(k).length);
            }
        }
        List<CrossSliceAggregates.Value> out = new ArrayList<>();
        for (int v = 0; v < variants; v++) {
            double[] perVolume = new double[present.size()];
            for (int i = 0; i < perVolume.length; i++) {
                perVolume[i] = sum(counts, v, volumes.get(present.get(i))).dice();
            }
            // the same mean, std, t-interval and bootstrap over volumes as the other metrics' volume-mean
            out.addAll(CrossSliceAggregates.volumeMean(new double[][] {perVolume}, present, slicesOf,
                    List.of(Metrics.DICE_AT_NORMAL_Q99), v, bootstrap));
        }
        return out;
    }

    /** [volume] → its slices' indices (empty for a volume without slices). */
    private static List<int[]> slicesByVolume(int[] volumeOf) {
        int volumes = 0;
        for (int v : volumeOf) {
            volumes = Math.max(volumes, v + 1);
        }
        List<int[]> out = new ArrayList<>(volumes);
        for (int k = 0; k < volumes; k++) {
            int kk = k;
            out.add(java.util.stream.IntStream.range(0, volumeOf.length).filter(s -> volumeOf[s] == kk).toArray());
        }
        return out;
    }

    private static List<int[]> singletons(int n) {
        List<int[]> out = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
            out.add(new int[] {s});
        }
        return out;
    }
}
