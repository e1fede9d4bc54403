package io.blindspot.bench;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.Metrics;
import io.blindspot.contracts.events.Modes;
import io.blindspot.inference.InferenceKernels;
import io.blindspot.scoring.ScoringKernels;
import io.blindspot.synth.SynthKernels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The scorer with metrics beside AP, in this JVM, before and after the metrics shared the AP path's sorted
 * negatives and look-ups ({@link ScoringKernels#scoreWithMetrics}, {@code shared} true or false), against the
 * AP-only scorer, in one run (the end-to-end lines cannot show both paths: a stack runs one build). Per cell =
 * per (slice, intensity, sigma); the first {@link KernelBench#SCORER_SLICES} slices × the given sigmas × all
 * intensities, variants prepared once per slice as scoring caches them. Both paths must give the same bits.
 */
final class ScorerMetricsBench {
    private static volatile double sink;

    private ScorerMetricsBench() {
    }

    /** µs per cell: AP only, then per metric list shared and separate; and whether the two paths agreed. */
    record Result(long cells, double apOnlyMicros, List<String> labels, double[] sharedMicros,
                  double[] separateMicros, long comparedValues, long differingValues) {
    }

    static final List<List<String>> LISTS = List.of(List.of(Metrics.AP, Metrics.AUROC),
            List.of(Metrics.AP, Metrics.DICE_BEST), List.of(Metrics.AP, Metrics.AUPRO));

    static Result run(Workload w, Sweep grid, int[] sigmaIndices) {
        double[] sigmas = grid.sigmaValues();
        List<Double> intensities = Arrays.stream(grid.intensityValues()).boxed().toList();
        List<ScoringKernels.PreparedSlice> prepared = new ArrayList<>();
        List<List<FloatArray>> recs = new ArrayList<>();
        for (int s = 0; s < Math.min(KernelBench.SCORER_SLICES, w.slices().size()); s++) {
            float[] normal = w.normals().get(s);
            int[] c = w.centres().get(s);
            SynthKernels.DiskVariants v = SynthKernels.disk(w.radius(), normal, w.rows(), w.cols(), c[0], c[1],
                    intensities);
            prepared.add(ScoringKernels.prepare(v.anomalous(), v.label()));
            List<FloatArray> r = new ArrayList<>();
            for (int si : sigmaIndices) {
                r.add(FloatArray.of2d(w.rows(), w.cols(),
                        InferenceKernels.gaussianBlur(sigmas[si], normal, w.rows(), w.cols())));
            }
            recs.add(r);
        }
        long cells = (long) prepared.size() * sigmaIndices.length * intensities.size();
        int variants = intensities.size();

        long compared = 0;
        long differing = 0;
        for (List<String> metrics : LISTS) {
            double[] a = new double[variants * metrics.size()];
            double[] b = new double[variants * metrics.size()];
            for (int s = 0; s < prepared.size(); s++) {
                for (FloatArray rec : recs.get(s)) {
                    ScoringKernels.scoreWithMetrics(prepared.get(s), rec, Modes.NORMAL_REC, metrics, true, a);
                    ScoringKernels.scoreWithMetrics(prepared.get(s), rec, Modes.NORMAL_REC, metrics, false, b);
                    for (int i = 0; i < a.length; i++) {
                        compared++;
                        differing += Double.doubleToRawLongBits(a[i]) == Double.doubleToRawLongBits(b[i]) ? 0 : 1;
                    }
                }
            }
        }

        double apOnly = KernelBench.medianNanos(() -> {
            long acc = 0;
            for (int s = 0; s < prepared.size(); s++) {
                for (FloatArray rec : recs.get(s)) {
                    acc += ScoringKernels.score(prepared.get(s), rec, Modes.NORMAL_REC);
                }
            }
            return acc;
        }) / cells / 1e3;
        double[] shared = new double[LISTS.size()];
        double[] separate = new double[LISTS.size()];
        List<String> labels = new ArrayList<>();
        for (int l = 0; l < LISTS.size(); l++) {
            List<String> metrics = LISTS.get(l);
            labels.add(metrics.toString());
            double[] values = new double[variants * metrics.size()];
            // Interleaved per list: the machine's drift hits both paths alike.
            separate[l] = time(prepared, recs, metrics, false, values) / cells / 1e3;
            shared[l] = time(prepared, recs, metrics, true, values) / cells / 1e3;
        }
        return new Result(cells, apOnly, labels, shared, separate, compared, differing);
    }

    private static double time(List<ScoringKernels.PreparedSlice> prepared, List<List<FloatArray>> recs,
                               List<String> metrics, boolean shared, double[] values) {
        return KernelBench.medianNanos(() -> {
            double acc = 0;
            for (int s = 0; s < prepared.size(); s++) {
                for (FloatArray rec : recs.get(s)) {
                    ScoringKernels.scoreWithMetrics(prepared.get(s), rec, Modes.NORMAL_REC, metrics, shared, values);
                    acc += values[1];
                }
            }
            sink += acc;
            return Double.doubleToRawLongBits(acc);
        });
    }

    static void print(java.io.PrintStream out, Result r) {
        out.printf(Locale.ROOT, "  scorer with metrics (%d cells): AP only %s per cell%n", r.cells(),
                Report.time(r.apOnlyMicros() / 1e6));
        for (int l = 0; l < r.labels().size(); l++) {
            out.printf(Locale.ROOT, "    %-22s shared %s (%.2fx AP only), separate (before) %s (%.2fx)%n",
                    r.labels().get(l), Report.time(r.sharedMicros()[l] / 1e6), r.sharedMicros()[l] / r.apOnlyMicros(),
                    Report.time(r.separateMicros()[l] / 1e6), r.separateMicros()[l] / r.apOnlyMicros());
        }
        out.printf(Locale.ROOT, "    shared vs separate: %d values compared, %d differ%n", r.comparedValues(),
                r.differingValues());
    }

    static void rows(Report report, Result r) {
        if (r == null) {
            return;
        }
        String base = "scorer AP only " + Report.time(r.apOnlyMicros() / 1e6) + "/cell (ratio: time / AP-only time)";
        for (int l = 0; l < r.labels().size(); l++) {
            for (int p = 0; p < 2; p++) {
                double micros = p == 0 ? r.sharedMicros()[l] : r.separateMicros()[l];
                report.add(new Report.Row(String.format(Locale.ROOT, "scorer %s, %s, per cell", r.labels().get(l),
                        p == 0 ? "shared with AP" : "separate (before)"), micros / 1e6, "s",
                        Report.time(micros / 1e6), base, micros / r.apOnlyMicros(), "", null));
            }
        }
        report.add(new Report.Row(String.format(Locale.ROOT, "scorer metrics, shared vs separate (%d values)",
                r.comparedValues()), r.differingValues(), "", r.differingValues() == 0 ? "bit-identical"
                : r.differingValues() + " differ", "", null, "0 differ", r.differingValues() == 0));
    }
}
