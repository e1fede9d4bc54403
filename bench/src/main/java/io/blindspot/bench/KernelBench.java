package io.blindspot.bench;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.Modes;
import io.blindspot.inference.InferenceKernels;
import io.blindspot.scoring.ScoringKernels;
import io.blindspot.synth.SynthKernels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Blindspot's AP kernel alone, in this JVM, on real residuals: the normal-rec residuals of every benchmark slice
 * for a few sigmas and all of the grid's intensities, built with the services' own domain code through their
 * public entry points ({@link SynthKernels#disk}, {@link InferenceKernels#gaussianBlur},
 * {@link ScoringKernels#residual}) — nothing reimplemented.
 *
 * <p>A plain harness: warm-up iterations (JIT), then timed iterations, each over the whole set; the figure is
 * the median iteration divided by its cells. Per cell means per (slice, intensity, sigma) AP:
 * <ul>
 *   <li>full sort: {@link ScoringKernels#averagePrecision} on the whole residual map, as sklearn does (the reference
 *       implementation), on a few intensities per (slice, sigma) since each costs the same;</li>
 *   <li>incremental: what scoring does per (slice, sigma) event for its APs, {@link ScoringKernels#normalRecAps}
 *       (its loop calls the domain directly) — the negatives sorted once (one radix sort of n keys), the
 *       reconstruction's label values sorted once, then per intensity a merge of its k label residuals and their
 *       look-ups in the negatives; the sorts are included and shared by the grid's intensities, so the figure is
 *       that event's time / intensities (the general path, {@link ScoringKernels.SharedNegatives#aps}, which
 *       sorts each intensity's positives, is reported without the negatives' sort);</li>
 *   <li>scorer: {@link ScoringKernels#score} as the service calls it (the variants prepared once per slice into a
 *       {@link ScoringKernels.PreparedSlice}, as its cache holds them; then per sigma the background residual,
 *       the APs and the mean residuals), on a few slices.</li>
 * </ul>
 * The incremental APs (merged and sorted paths) are also compared with the full sort's on every cell the full
 * sort computed: they must be bit-identical.
 */
public final class KernelBench {
    /** Iterations (warm-up, timed) of each measurement. */
    static final int WARMUP = 2;
    static final int TIMED = 5;
    /** Slices the scorer measurement uses (it keeps whole anomalous stacks in memory). */
    static final int SCORER_SLICES = 3;

    private static volatile double sink;

    private KernelBench() {
    }

    /** The figures, in µs per cell, and the exactness check. */
    public record Result(double fullSortMicros, long fullSortCells, double incrementalMicros,
                         double incrementalAllCoresMicros, int cores, long incrementalCells,
                         double incrementalApOnlyMicros, double scorerMicros, long scorerCells, long comparedCells,
                         long differingCells,
                         double maxDifference, int negatives, double meanPositives) {
    }

    /**
     * The residuals of one (slice, sigma): shared negatives, each intensity's positives, a few full maps; and
     * what the scorer starts from: the reference residual map, the reconstruction, the label pixels and the
     * anomalous value of each intensity (the disk's value on every label pixel).
     */
    private record Pair(float[] negatives, float[][] positives, float[][] fullResiduals, boolean[] label,
                        float[] referenceResidual, float[] rec, int[] labelPixels, float[] values) {
    }

    /**
     * @param sigmaIndices          sigmas of the grid to use (each with every intensity of the grid)
     * @param fullIntensityIndices  intensities on which the full sort is timed and compared
     */
    public static Result run(Workload w, Sweep grid, int[] sigmaIndices, int[] fullIntensityIndices) {
        double[] intensities = grid.intensityValues();
        double[] sigmas = grid.sigmaValues();
        List<Double> intensityList = Arrays.stream(intensities).boxed().toList();
        List<Pair> pairs = new ArrayList<>();
        List<SynthKernels.DiskVariants> scorerVariants = new ArrayList<>();
        List<List<FloatArray>> scorerRecs = new ArrayList<>();
        long positivesTotal = 0;
        for (int s = 0; s < w.slices().size(); s++) {
            float[] normal = w.normals().get(s);
            int[] c = w.centres().get(s);
            SynthKernels.DiskVariants v = SynthKernels.disk(w.radius(), normal, w.rows(), w.cols(), c[0], c[1],
                    intensityList);
            boolean[] label = new boolean[w.pixels()];
            float[] l = v.label().data();
            for (int i = 0; i < label.length; i++) {
                label[i] = l[i] == 1f;
            }
            List<FloatArray> recs = new ArrayList<>();
            for (int si : sigmaIndices) {
                float[] rec = InferenceKernels.gaussianBlur(sigmas[si], normal, w.rows(), w.cols());
                recs.add(FloatArray.of2d(w.rows(), w.cols(), rec));
                Pair p = pair(v.anomalous().data(), rec, label, intensities.length, fullIntensityIndices);
                positivesTotal += p.positives()[0].length;
                pairs.add(p);
            }
            if (s < SCORER_SLICES) {
                scorerVariants.add(v);
                scorerRecs.add(recs);
            }
        }

        // Exactness first: every compared cell must give the same bits on all paths (full sort, incremental with
        // the positives sorted, incremental with the positives merged from the sorted reconstruction, and the
        // timed per-(slice, sigma) path, ScoringKernels.normalRecAps).
        long compared = 0;
        long differing = 0;
        double maxDiff = 0;
        ScoringKernels.Workspace workspace = ScoringKernels.workspace();
        double[] timedAps = new double[intensities.length];
        for (Pair p : pairs) {
            ScoringKernels.normalRecAps(p.referenceResidual(), p.label(), p.rec(), p.labelPixels(), p.values(),
                    timedAps, workspace);
            ScoringKernels.SharedNegatives inc = ScoringKernels.sharedNegatives(p.negatives());
            ScoringKernels.SortedLabelValues sorted = ScoringKernels.sortedLabelValues(p.rec(), p.labelPixels());
            int[] keys = workspace.keys(sorted.size());
            for (int f = 0; f < fullIntensityIndices.length; f++) {
                double full = ScoringKernels.averagePrecision(p.fullResiduals()[f], p.label());
                double fast = inc.ap(p.positives()[fullIntensityIndices[f]]);
                sorted.descendingKeys(p.values()[fullIntensityIndices[f]], keys);
                double sortedPath = inc.apOfDescending(keys, sorted.size(), workspace);
                int[] groupValues = new int[sorted.size()];
                int[] groupEnds = new int[sorted.size()];
                int distinct = sorted.descendingGroups(p.values()[fullIntensityIndices[f]], groupValues, groupEnds);
                double merged = inc.apOfGroups(groupValues, groupEnds, distinct, sorted.size(), workspace);
                double timed = timedAps[fullIntensityIndices[f]];
                compared++;
                long bits = Double.doubleToRawLongBits(full);
                if (bits != Double.doubleToRawLongBits(fast) || bits != Double.doubleToRawLongBits(merged)
                        || bits != Double.doubleToRawLongBits(sortedPath)
                        || bits != Double.doubleToRawLongBits(timed)) {
                    differing++;
                    maxDiff = Math.max(maxDiff, Math.max(Math.max(Math.abs(full - fast), Math.abs(full - timed)),
                            Math.max(Math.abs(full - merged), Math.abs(full - sortedPath))));
                }
            }
        }

        long fullCells = (long) pairs.size() * fullIntensityIndices.length;
        double fullNanos = medianNanos(() -> {
            double acc = 0;
            for (Pair p : pairs) {
                for (float[] residual : p.fullResiduals()) {
                    acc += ScoringKernels.averagePrecision(residual, p.label());
                }
            }
            return consume(acc);
        });
        long incCells = (long) pairs.size() * intensities.length;
        // What scoring does per (slice, sigma) event for its APs: the negatives sorted once, the reconstruction's
        // label values sorted once, then per intensity a merge of k keys and the look-ups in the negatives.
        double incNanos = medianNanos(() -> consume(incremental(pairs)));
        // The same work on every core, (slice, sigma) pairs shared out as the scoring-service shares out a block's
        // sigmas: wall time per cell, for comparison only — the Python baseline runs on one core.
        int cores = Runtime.getRuntime().availableProcessors();
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(cores);
        double incAllNanos;
        try {
            incAllNanos = medianNanos(() -> pool.submit(() -> consume(pairs.parallelStream()
                    .mapToDouble(p -> incremental(List.of(p))).sum())).join());
        } finally {
            pool.shutdown();
        }
        // The general path (any positives, sorted per call), without the negatives' sort.
        List<ScoringKernels.SharedNegatives> built = pairs.stream()
                .map(p -> ScoringKernels.sharedNegatives(p.negatives())).toList();
        double[] generalAps = new double[intensities.length];
        double apOnlyNanos = medianNanos(() -> {
            double acc = 0;
            for (int i = 0; i < pairs.size(); i++) {
                int n = built.get(i).aps(pairs.get(i).positives(), generalAps);
                for (int v = 0; v < n; v++) {
                    acc += generalAps[v];
                }
            }
            return consume(acc);
        });
        long scorerCells = (long) scorerVariants.size() * sigmaIndices.length * intensities.length;
        // As the service runs it: the variants prepared once per slice (its cache), then one call per sigma.
        List<ScoringKernels.PreparedSlice> prepared = scorerVariants.stream()
                .map(v -> ScoringKernels.prepare(v.anomalous(), v.label())).toList();
        double scorerNanos = medianNanos(() -> {
            double acc = 0;
            for (int s = 0; s < prepared.size(); s++) {
                for (FloatArray rec : scorerRecs.get(s)) {
                    acc += ScoringKernels.score(prepared.get(s), rec, Modes.NORMAL_REC);
                }
            }
            return consume(acc);
        });
        return new Result(fullNanos / fullCells / 1e3, fullCells, incNanos / incCells / 1e3,
                incAllNanos / incCells / 1e3, cores, incCells,
                apOnlyNanos / incCells / 1e3,
                scorerNanos / scorerCells / 1e3, scorerCells, compared, differing, maxDiff,
                pairs.getFirst().negatives().length, (double) positivesTotal / pairs.size());
    }

    /**
     * What scoring does per (slice, sigma) for its APs, over the given pairs: the negatives sorted once, the
     * reconstruction's label values sorted once, then per intensity a merge of the k label residuals into
     * distinct groups and their look-ups in the negatives. Returns the sum of the APs (to be consumed).
     */
    private static double incremental(List<Pair> pairs) {
        double acc = 0;
        ScoringKernels.Workspace scratch = ScoringKernels.workspace();
        double[] aps = new double[pairs.isEmpty() ? 0 : pairs.getFirst().values().length];
        for (Pair p : pairs) {
            int n = ScoringKernels.normalRecAps(p.referenceResidual(), p.label(), p.rec(), p.labelPixels(),
                    p.values(), aps, scratch);
            for (int v = 0; v < n; v++) {
                acc += aps[v];
            }
        }
        return acc;
    }

    /** Residuals of every variant against one normal-rec reconstruction, split into negatives and positives. */
    private static Pair pair(float[] anomalous, float[] rec, boolean[] label, int variants, int[] fullIndices) {
        int pixels = label.length;
        int k = 0;
        for (boolean b : label) {
            k += b ? 1 : 0;
        }
        int[] labelPixels = new int[k];
        for (int i = 0, j = 0; i < pixels; i++) {
            if (label[i]) {
                labelPixels[j++] = i;
            }
        }
        float[] residual = new float[pixels];
        float[] reference = null;
        float[] negatives = new float[pixels - k];
        float[][] positives = new float[variants][k];
        float[][] full = new float[fullIndices.length][];
        float[] values = new float[variants];
        for (int v = 0; v < variants; v++) {
            ScoringKernels.residual(rec, 0, anomalous, v * pixels, residual);
            values[v] = k > 0 ? anomalous[v * pixels + labelPixels[0]] : 0f;
            int p = 0;
            int n = 0;
            for (int i = 0; i < pixels; i++) {
                if (label[i]) {
                    positives[v][p++] = residual[i];
                } else if (v == 0) {
                    negatives[n++] = residual[i];
                }
            }
            if (v == 0) {
                reference = residual.clone();
            }
            for (int f = 0; f < fullIndices.length; f++) {
                if (fullIndices[f] == v) {
                    full[f] = residual.clone();
                }
            }
        }
        return new Pair(negatives, positives, full, label, reference, rec, labelPixels, values);
    }

    /** Runs {@link #WARMUP} untimed then {@link #TIMED} timed iterations; the median timed one, in ns. */
    public static double medianNanos(LongSupplier iteration) {
        for (int i = 0; i < WARMUP; i++) {
            iteration.getAsLong();
        }
        long[] times = new long[TIMED];
        for (int i = 0; i < TIMED; i++) {
            long t0 = System.nanoTime();
            iteration.getAsLong();
            times[i] = System.nanoTime() - t0;
        }
        return median(times);
    }

    /** The middle value; the mean of the two middle ones for an even count. */
    static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2.0;
    }

    /** Keeps the JIT from dropping the work whose result nobody reads. */
    private static long consume(double value) {
        sink += value;
        return Double.doubleToRawLongBits(value);
    }
}
