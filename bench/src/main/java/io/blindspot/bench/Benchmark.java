package io.blindspot.bench;

import io.blindspot.launcher.cli.BlindspotClient;
import io.blindspot.launcher.stack.EmbeddedStack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The performance benchmark of issue 6, one run on the same inputs (ch2bet, 30 axial slices, disk radius 20,
 * the same centres everywhere):
 * <ol>
 *   <li>the paper's method in Python ({@code bench/python/paper_reference.py}) on a subset of cells, timed per
 *       cell — the baseline of every ratio;</li>
 *   <li>Blindspot's AP kernel in this JVM: full sort vs incremental, per cell, with warm-up;</li>
 *   <li>Blindspot end to end on the embedded stack through the REST API: the 10 × 10, 30 × 30 and 100 × 100
 *       grids on the 30 slices, wall time from submission to every cell queryable; each service's peak heap and
 *       CPU time; then the Python cells are looked up in the 100 × 100 run's per-slice results and must agree
 *       to 1e-9.</li>
 * </ol>
 * Prints a table (figure, value, baseline, ratio, target, met) and writes it to {@code OUT/benchmark.json} and
 * {@code OUT/benchmark.md}. Exit status 1 when Blindspot's values differ from the paper's code (or the two AP
 * paths differ), 2 on bad arguments; missed speed targets are reported, not failed: timings depend on the load.
 *
 * <pre>
 * java -cp 'bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*' io.blindspot.bench.Benchmark
 *      [--out bench/target] [--repo . (default: -Dblindspot.repo.root)] [--grids 10,30,100] [--no-e2e]
 *      [--skip-python (reuse OUT/python-output.json of an earlier run)] [--no-kernel]
 * </pre>
 */
public final class Benchmark {
    /** Python's values and Blindspot's must agree to this (golden rule: 1e-9, in practice bit for bit). */
    static final double TOLERANCE = 1e-9;
    static final double E2E_TARGET = 100;
    static final double KERNEL_TARGET = 300;
    static final double HEAP_TARGET_MIB = 512;
    /** The subset's intensities (fractions of the range) and sigmas (values), mapped onto the grid's indices. */
    static final double[] SUBSET_INTENSITY_FRACTIONS = {0.0, 1.0 / 3, 2.0 / 3, 1.0};
    static final double[] SUBSET_SIGMAS = {1.0, 2.0, 5.0};

    private final PrintStream out;
    /** Issue 14's metric kernels, measured beside the AP kernel (null with --no-kernel). */
    private MetricBench.Result metrics;
    /** Issue 14's metric lists end to end (null with --no-e2e or --no-metrics-e2e). */
    private MetricEndToEnd.Result metricRuns;
    /** The scorer with metrics, shared path vs the path of before, in this JVM (null with --no-kernel). */
    private ScorerMetricsBench.Result scorerMetrics;

    private Benchmark(PrintStream out) {
        this.out = out;
    }

    /** Parsed command line. */
    record Options(Path out, Path repo, List<Integer> grids, boolean endToEnd, boolean python, boolean kernel,
                   int metricReps) {
        /** Today's options with issue 14's end-to-end metric lines once each. */
        Options(Path out, Path repo, List<Integer> grids, boolean endToEnd, boolean python, boolean kernel) {
            this(out, repo, grids, endToEnd, python, kernel, 1);
        }

        static Options parse(String[] args) {
            Path out = Path.of("bench/target");
            // The root script passes -Dblindspot.repo.root, as for the launcher.
            Path repo = Path.of(System.getProperty("blindspot.repo.root", "."));
            List<Integer> grids = List.of(10, 30, 100);
            boolean e2e = true;
            boolean python = true;
            boolean kernel = true;
            int metricReps = 1;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--out" -> out = Path.of(value(args, ++i, "--out"));
                    case "--repo" -> repo = Path.of(value(args, ++i, "--repo"));
                    case "--grids" -> grids = Stream.of(value(args, ++i, "--grids").split(","))
                            .map(String::strip).map(Integer::parseInt).sorted().toList();
                    case "--no-e2e" -> e2e = false;
                    case "--skip-python" -> python = false;
                    case "--no-kernel" -> kernel = false;
                    case "--metric-reps" -> metricReps = Integer.parseInt(value(args, ++i, "--metric-reps"));
                    case "--no-metrics-e2e" -> metricReps = 0;
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]
                            + " (--out DIR, --repo DIR, --grids 10,30,100, --no-e2e, --skip-python, --no-kernel, "
                            + "--metric-reps N, --no-metrics-e2e)");
                }
            }
            if (grids.isEmpty() || grids.getFirst() < 2) {
                throw new IllegalArgumentException("--grids needs sizes of at least 2");
            }
            if (metricReps < 0) {
                throw new IllegalArgumentException("--metric-reps needs a count of at least 0");
            }
            return new Options(out, repo, grids, e2e, python, kernel, metricReps);
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[i];
        }
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        int status;
        try {
            status = new Benchmark(System.out).run(options);
        } catch (Exception e) {
            System.err.println("bench: FAILED: " + e);
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    /** Indices of the grid nearest to the wanted values of an axis running from 0 to max over n points. */
    static int[] indices(double[] wanted, double max, int n) {
        int[] idx = new int[wanted.length];
        for (int i = 0; i < wanted.length; i++) {
            idx[i] = (int) Math.round(wanted[i] / max * (n - 1));
        }
        return idx;
    }

    int run(Options o) throws Exception {
        long start = System.nanoTime();
        Path repo = o.repo().toAbsolutePath().normalize();
        Path outDir = o.out().toAbsolutePath().normalize();
        Files.createDirectories(outDir);
        Machine machine = Machine.current();
        String date = LocalDate.now().toString();
        double loadBefore = Machine.loadAverage();
        out.printf(Locale.ROOT, "Blindspot benchmark, %s, %s, load average %.2f%n", date, machine.describe(),
                loadBefore);

        Workload w = Workload.load(repo.resolve("samples/ch2bet.nii.gz"), Workload.defaultSlices());
        out.printf(Locale.ROOT, "workload: ch2bet, %d slices z=%d..%d step 2 (%d x %d pixels), disk radius %d, "
                        + "centres drawn with seed %d: %s%n", w.slices().size(), w.slices().getFirst(),
                w.slices().getLast(), w.rows(), w.cols(), w.radius(), Workload.CENTRE_SEED,
                w.positions());

        Sweep big = Sweep.square(o.grids().getLast());
        PythonReference.Subset subset = new PythonReference.Subset(big,
                indices(SUBSET_INTENSITY_FRACTIONS, 1.0, big.intensities()),
                indices(SUBSET_SIGMAS, Sweep.MAX_SIGMA, big.sigmas()));

        // 1. The paper's method.
        out.printf(Locale.ROOT, "%n[1/3] paper's method in Python on %d cells (%d slices x %d intensities x %d sigmas"
                        + " of the %s grid) ...%n", w.slices().size() * subset.cellsPerSlice(), w.slices().size(),
                subset.intensityIndices().length, subset.sigmaIndices().length, big.label());
        // --skip-python (profiling runs) reuses the answer of an earlier run on the same grid: same baseline.
        PythonReference.Result py = o.python()
                ? PythonReference.run(repo.resolve("bench/python/paper_reference.py"), w, subset, outDir)
                : PythonReference.previous(w, subset, outDir);
        out.printf(Locale.ROOT, "  %s per cell (of which average_precision_score %s), %d cells in %.1f s; %s%n",
                Report.time(py.secondsPerCell()), Report.time(py.apSecondsPerCell()), py.cells().size(),
                py.wallSeconds(), py.versions());

        // 2. The AP kernel.
        KernelBench.Result k = o.kernel() ? kernel(w, big, subset) : null;

        // 3. End to end.
        List<EndToEnd.Run> runs = new ArrayList<>();
        Map<String, Long> storeBytes = new LinkedHashMap<>();
        Map<String, Double> peakHeap = Map.of();
        Map<String, Double> peakLive = Map.of();
        Double maxDiff = null;
        int missing = 0;
        int compared = 0;
        if (o.endToEnd()) {
            Path data = outDir.resolve("stack");
            deleteRecursively(data);
            out.printf(Locale.ROOT, "%n[3/3] end to end on the embedded stack (data in %s) ...%n", data);
            long s0 = System.nanoTime();
            try (EmbeddedStack stack = EmbeddedStack.start(data, repo)) {
                out.printf(Locale.ROOT, "  stack started in %.1f s%n", (System.nanoTime() - s0) / 1e9);
                BlindspotClient client = new BlindspotClient(stack.url("ingest"), stack.url("scoring"),
                        stack.token());
                Map<String, String> urls = new LinkedHashMap<>();
                for (String s : EmbeddedStack.SERVICES) {
                    urls.put(s, stack.url(s));
                }
                try (ServiceMonitor monitor = new ServiceMonitor(urls, data)) {
                    // The services' first experiment also pays for class loading and JIT: run one that is not timed.
                    EndToEnd.Run warm = EndToEnd.run(client, monitor, w, Sweep.square(3), "bench-warm-up-3x3");
                    out.printf(Locale.ROOT, "  warm-up 3x3 (not counted): %.1f s%n", warm.seconds());
                    for (int n : o.grids()) {
                        EndToEnd.Run r = EndToEnd.run(client, monitor, w, Sweep.square(n), "bench-" + n + "x" + n);
                        runs.add(r);
                        out.printf(Locale.ROOT, "  %-7s %8d APs in %7.1f s: %s per AP%n", r.grid().label(),
                                r.apValues(), r.seconds(), Report.time(r.secondsPerApValue()));
                        // The last events delete their artefacts just after their rows are stored.
                        Thread.sleep(2000);
                        long bytes = storeBytes(data.resolve("s3"), r.id());
                        storeBytes.put(r.grid().label(), bytes);
                        out.printf(Locale.ROOT, "          object store holds %.1f MB for this experiment "
                                + "(scoring's blindspot.retention.intermediates decides)%n", bytes / 1e6);
                    }
                    peakHeap = monitor.peakHeapBytes();
                    peakLive = monitor.peakLiveBytes();
                    EndToEnd.Run last = runs.getLast();
                    double[] line = fit(runs);
                    if (line != null) {
                        out.printf(Locale.ROOT, "  growth: wall = %.1f s + %s x APs (least squares over the grids)%n",
                                line[0], Report.time(line[1]));
                    }
                    printSplit(last);

                    // Python's cells against the largest run's per-slice values.
                    Set<EndToEnd.CellKey> wanted = new HashSet<>();
                    py.cells().forEach(c -> wanted.add(new EndToEnd.CellKey(c.slice(), c.intensityIndex(),
                            c.sigmaIndex())));
                    Map<EndToEnd.CellKey, EndToEnd.SliceValue> values = EndToEnd.sliceValues(client, last.id(), wanted);
                    double diff = 0;
                    for (PythonReference.Cell c : py.cells()) {
                        EndToEnd.SliceValue v = values.get(new EndToEnd.CellKey(c.slice(), c.intensityIndex(),
                                c.sigmaIndex()));
                        if (v == null || v.intensity() != c.intensity() || v.sigma() != c.sigma()) {
                            missing++;
                            continue;
                        }
                        compared++;
                        diff = Math.max(diff, Math.abs(v.ap() - c.ap()));
                    }
                    maxDiff = diff;
                    out.printf(Locale.ROOT, "  Python vs Blindspot: %d cells compared, %d missing or on other grid "
                            + "values, max |AP difference| %.3g (must be <= %.0e)%n", compared, missing, diff,
                            TOLERANCE);
                    peakHeap = mergeMax(peakHeap, monitor.peakHeapBytes());
                    peakLive = mergeMax(peakLive, monitor.peakLiveBytes());
                    Map<String, Double> live = peakLive;
                    out.println("  peak heap in use / peak live data after GC, per service (-Xmx512m each):");
                    peakHeap.forEach((s, b) -> out.printf(Locale.ROOT, "    %-9s %5.0f MiB / %5.0f MiB%n", s,
                            b / 1048576.0, live.getOrDefault(s, -1.0) / 1048576.0));

                    // Issue 14: the largest grid once per metric list, against AP only in the same run.
                    if (o.metricReps() > 0) {
                        out.printf(Locale.ROOT, "%n  metrics end to end, %s x %d slices, AP only first and last, "
                                + "each list %d time(s) ...%n", last.grid().label(), w.slices().size(), o.metricReps());
                        metricRuns = MetricEndToEnd.run(client, monitor, w, last.grid(), o.metricReps(), out);
                        out.printf(Locale.ROOT, "  metric lines took %.0f s%n", metricRuns.wallSeconds());
                    }
                }
            }
        }

        // The baseline again, after the other parts: this machine's speed drifts within a run, so the ratios use
        // the mean of the Python timings taken before and after Blindspot's (both printed).
        PythonReference.Result baseline = py;
        if (o.python() && (o.kernel() || o.endToEnd())) {
            PythonReference.Result again = PythonReference.run(repo.resolve("bench/python/paper_reference.py"), w,
                    subset, outDir);
            baseline = new PythonReference.Result(py.cells(), (py.secondsPerCell() + again.secondsPerCell()) / 2,
                    (py.apSecondsPerCell() + again.apSecondsPerCell()) / 2, py.versions(),
                    py.wallSeconds() + again.wallSeconds());
            out.printf(Locale.ROOT, "%n  paper's method again, after the rest: %s per cell (first %s); the ratios use "
                            + "the mean, %s%n", Report.time(again.secondsPerCell()), Report.time(py.secondsPerCell()),
                    Report.time(baseline.secondsPerCell()));
        }
        Report report = table(baseline, k, runs, peakHeap, maxDiff, compared, missing);
        MetricEndToEnd.rows(report, metricRuns);
        ScorerMetricsBench.rows(report, scorerMetrics);
        metricRows(report, metrics);
        out.println();
        out.print(report.text());
        Map<String, Object> details = details(w, subset, baseline, k, runs, peakHeap, peakLive);
        details.put("store_bytes_per_experiment", storeBytes);
        if (metrics != null) {
            details.put("metrics", metrics);
        }
        if (metricRuns != null) {
            details.put("metrics_end_to_end", MetricEndToEnd.details(metricRuns));
        }
        // Timings on a shared machine mean little without the load they were taken under.
        String context = String.format(Locale.ROOT, "1-minute load average %.2f at the start, %.2f at the end "
                + "(%d cores); whole benchmark %.0f s.", loadBefore, Machine.loadAverage(), machine.nproc(),
                (System.nanoTime() - start) / 1e9);
        Files.writeString(outDir.resolve("benchmark.json"), report.json(date, machine, context, details));
        Files.writeString(outDir.resolve("benchmark.md"), report.markdown(date, machine, context));
        out.printf(Locale.ROOT, "%nwrote %s and %s; whole benchmark %.1f s%n", outDir.resolve("benchmark.json"),
                outDir.resolve("benchmark.md"), (System.nanoTime() - start) / 1e9);

        // Inference throughput of the shipped models, ONNX Runtime Java beside PyTorch (InferenceThroughput, also
        // runnable alone); -Dblindspot.bench.inference=false skips it. Its failure is reported, not fatal.
        if (Boolean.parseBoolean(System.getProperty("blindspot.bench.inference", "true"))) {
            out.printf(Locale.ROOT, "%n[+] inference throughput of the shipped models ...%n");
            try {
                new InferenceThroughput(out).run(InferenceThroughput.Options.parse(new String[] {
                        "--repo", repo.toString(), "--out", outDir.toString()}));
            } catch (Exception e) {
                out.println("inference throughput not measured: " + e);
            }
        }

        long differing = (k == null ? 0 : k.differingCells())
                + (scorerMetrics == null ? 0 : scorerMetrics.differingValues());
        boolean valuesOk = differing == 0 && (maxDiff == null || (missing == 0 && maxDiff <= TOLERANCE));
        if (!valuesOk) {
            System.err.println("bench: FAILED: Blindspot's values do not match "
                    + (differing > 0 ? "between the full-sort and incremental APs" : "the paper's code"));
            return 1;
        }
        if (!report.allTargetsMet()) {
            out.println("note: some targets are not met on this run (see 'met'); timings depend on the machine's load");
        }
        return 0;
    }

    /** Part 2: the AP kernel, printed as it is measured. */
    private KernelBench.Result kernel(Workload w, Sweep big, PythonReference.Subset subset) {
        out.printf(Locale.ROOT, "%n[2/3] AP kernel in this JVM (%d warm-up + %d timed iterations, median) ...%n",
                KernelBench.WARMUP, KernelBench.TIMED);
        KernelBench.Result k = KernelBench.run(w, big, subset.sigmaIndices(), subset.intensityIndices());
        out.printf(Locale.ROOT, "  full sort   %s per cell (%d cells of %d pixels)%n", Report.time(k.fullSortMicros() / 1e6),
                k.fullSortCells(), w.pixels());
        out.printf(Locale.ROOT, "  incremental %s per cell (%d cells; one sort of ~%d negatives and one of the label's "
                        + "reconstruction values per slice and sigma, shared by %d intensities; per intensity a merge "
                        + "of ~%.0f label residuals)%n", Report.time(k.incrementalMicros() / 1e6),
                k.incrementalCells(), k.negatives(), big.intensities(), k.meanPositives());
        out.printf(Locale.ROOT, "  incremental on all %d cores (pairs shared out; wall time), %s per cell%n", k.cores(),
                Report.time(k.incrementalAllCoresMicros() / 1e6));
        out.printf(Locale.ROOT, "  incremental, general path (positives sorted per call, ap()), %s per cell without "
                + "the negatives' sort%n",
                Report.time(k.incrementalApOnlyMicros() / 1e6));
        out.printf(Locale.ROOT, "  SliceScorer %s per cell (residuals + check + APs + mean residual, %d cells)%n",
                Report.time(k.scorerMicros() / 1e6), k.scorerCells());
        out.printf(Locale.ROOT, "  incremental (merged and sorted) vs full sort: %d cells compared, %d differ "
                + "(max |diff| %.3g)%n",
                k.comparedCells(), k.differingCells(), k.maxDifference());
        scorerMetrics = ScorerMetricsBench.run(w, big, subset.sigmaIndices());
        ScorerMetricsBench.print(out, scorerMetrics);
        metrics = MetricBench.run(w, big, subset.sigmaIndices(), subset.intensityIndices());
        out.printf(Locale.ROOT, "  metrics (MetricKernels, %d cells): AP %s, AUROC %s, best Dice %s, AUPRO-0.3 %s, "
                        + "pooled AP over the %d slices %s (float16 %s) per cell; vs full sort: %d cells, max |diff| "
                        + "%.3g%n", metrics.cells(), Report.time(metrics.apMicros() / 1e6),
                Report.time(metrics.aurocMicros() / 1e6), Report.time(metrics.bestDiceMicros() / 1e6),
                Report.time(metrics.auproMicros() / 1e6), w.slices().size(), Report.time(metrics.pooledApMicros() / 1e6),
                Report.time(metrics.pooledApFloat16Micros() / 1e6), metrics.comparedCells(), metrics.maxDifference());
        return k;
    }

    /**
     * Issue 14's lines: each metric per (slice, intensity, sigma) cell of the grid's data, against today's
     * per-slice AP measured in the same pass (target for AUROC and pooled AP: within 2× of it).
     */
    static void metricRows(Report r, MetricBench.Result m) {
        if (m == null) {
            return;
        }
        String base = "AP " + Report.time(m.apMicros() / 1e6) + "/cell (ratio: time / AP time)";
        r.add(new Report.Row("metric AP (today's per-slice AP, MetricKernels), per cell", m.apMicros() / 1e6, "s",
                Report.time(m.apMicros() / 1e6), "", null, "", null));
        Object[][] lines = {
                {"metric AUROC, per cell", m.aurocMicros(), true},
                {"metric pooled AP over slices, per cell", m.pooledApMicros(), true},
                {"metric pooled AP, float16 (MOOD), per cell", m.pooledApFloat16Micros(), false},
                {"metric best Dice, per cell", m.bestDiceMicros(), false},
                {"metric AUPRO-0.3, per cell", m.auproMicros(), false}};
        for (Object[] l : lines) {
            double micros = (double) l[1];
            boolean target = (boolean) l[2];
            // The ratio column reads "how many times today's AP time": value / baseline here.
            r.add(new Report.Row((String) l[0], micros / 1e6, "s", Report.time(micros / 1e6), base, m.ratio(micros),
                    target ? "≤ 2× AP" : "", target ? m.ratio(micros) <= 2.0 : null));
        }
        r.add(new Report.Row(String.format(Locale.ROOT, "metrics, normal-rec vs full sort (%d cells)",
                m.comparedCells()), m.maxDifference(), "", String.format(Locale.ROOT, "%.2e", m.maxDifference()), "",
                null, "≤ 1e-9", m.maxDifference() <= TOLERANCE));
    }

    /**
     * How the largest run's time split: CPU seconds of each service, of Kafka + S3Proxy (this JVM) and of
     * PostgreSQL, then each service's Micrometer timers (count × total seconds; {@code worker_pool_usage} adds up
     * the busy time of concurrent worker threads, so it can exceed the wall time).
     */
    private void printSplit(EndToEnd.Run r) {
        double total = r.cpuSeconds().values().stream().filter(v -> v > 0).mapToDouble(Double::doubleValue).sum();
        out.printf(Locale.ROOT, "  time split over the %s run (%.1f s wall, %.1f s CPU on %d cores):%n",
                r.grid().label(), r.seconds(), total, Runtime.getRuntime().availableProcessors());
        r.cpuSeconds().forEach((s, cpu) -> out.printf(Locale.ROOT, "    %-14s %7.1f s CPU (%4.1f%%)%n", s, cpu,
                total > 0 ? 100 * cpu / total : 0));
        out.println("  Micrometer timers over the same run (count x total seconds, largest first):");
        r.timers().forEach((s, timers) -> timers.entrySet().stream()
                .sorted(Comparator.comparingDouble(e -> -e.getValue().seconds()))
                .limit(8)
                .forEach(e -> out.printf(Locale.ROOT, "    %-9s %-44s %7.0f x %10.3f s%n", s, e.getKey(),
                        e.getValue().count(), e.getValue().seconds())));
    }

    /**
     * Least-squares line wall = fixed + perAp × APs through the grids' runs: perAp is the cost of one more
     * (slice, cell) once the fixed latency of an experiment (Kafka hops, first reads) is paid; growth is linear
     * in cells when the line fits. Null with fewer than two runs.
     */
    static double[] fit(List<EndToEnd.Run> runs) {
        if (runs.size() < 2) {
            return null;
        }
        double n = runs.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (EndToEnd.Run r : runs) {
            double x = r.apValues();
            double y = r.seconds();
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return new double[] {(sy - slope * sx) / n, slope};
    }

    static Report table(PythonReference.Result py, KernelBench.Result k, List<EndToEnd.Run> runs,
                        Map<String, Double> peakHeap, Double maxDiff, int compared, int missing) {
        double pyCell = py.secondsPerCell();
        String base = "Python " + Report.time(pyCell) + "/cell";
        Report r = new Report();
        r.add(new Report.Row("paper's method (Python: skimage, scipy, sklearn), per cell", pyCell, "s",
                Report.time(pyCell), "", null, "", null));
        if (k != null) {
            double full = k.fullSortMicros() / 1e6;
            r.add(new Report.Row("AP kernel, full sort (reference), per cell", full, "s", Report.time(full), base,
                    pyCell / full, "", null));
            double inc = k.incrementalMicros() / 1e6;
            r.add(new Report.Row("AP kernel, incremental, per cell", inc, "s", Report.time(inc), base, pyCell / inc,
                    "≥ " + (int) KERNEL_TARGET + "×", pyCell / inc >= KERNEL_TARGET));
            double all = k.incrementalAllCoresMicros() / 1e6;
            r.add(new Report.Row(String.format(Locale.ROOT, "AP kernel, incremental, on all %d cores (wall), per cell",
                    k.cores()), all, "s", Report.time(all), base, pyCell / all, "", null));
            double scorer = k.scorerMicros() / 1e6;
            r.add(new Report.Row("SliceScorer (residuals + AP), per cell", scorer, "s", Report.time(scorer), base,
                    pyCell / scorer, "", null));
        }
        double[] line = fit(runs);
        for (EndToEnd.Run run : runs) {
            double per = run.secondsPerApValue();
            boolean largest = run == runs.getLast();
            r.add(new Report.Row(String.format(Locale.ROOT, "end to end %s x %d slices (%s in %s), per cell",
                    run.grid().label(), run.slices(), String.format(Locale.ROOT, "%,d APs", run.apValues()),
                    Report.time(run.seconds())), per, "s", Report.time(per), base, pyCell / per,
                    largest ? "≥ " + (int) E2E_TARGET + "×" : "", largest ? pyCell / per >= E2E_TARGET : null));
        }
        if (line != null) {
            r.add(new Report.Row(String.format(Locale.ROOT, "end to end, marginal per cell (fit over the grids; "
                    + "fixed %s per experiment)", Report.time(line[0])), line[1], "s", Report.time(line[1]), base,
                    pyCell / line[1], "", null));
        }
        peakHeap.forEach((s, bytes) -> {
            double mib = bytes / (1024.0 * 1024.0);
            r.add(new Report.Row("peak heap, " + s + "-service", mib, "MiB",
                    bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", mib), "", null,
                    "≤ " + (int) HEAP_TARGET_MIB + " MiB", bytes >= 0 && mib <= HEAP_TARGET_MIB));
        });
        if (maxDiff != null) {
            r.add(new Report.Row(String.format(Locale.ROOT, "max |AP Blindspot − AP Python| (%d cells%s)", compared,
                    missing > 0 ? ", " + missing + " MISSING" : ""), maxDiff, "",
                    maxDiff == 0 ? "0 (bit-identical)" : String.format(Locale.ROOT, "%.2e", maxDiff), "", null,
                    "≤ 1e-9", missing == 0 && maxDiff <= TOLERANCE));
        }
        return r;
    }

    private static Map<String, Object> details(Workload w, PythonReference.Subset subset, PythonReference.Result py,
                                               KernelBench.Result k, List<EndToEnd.Run> runs,
                                               Map<String, Double> peakHeap, Map<String, Double> peakLive) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("slices", w.slices());
        d.put("positions", w.positions());
        d.put("radius", w.radius());
        d.put("python", Map.of("cells", py.cells().size(), "seconds_per_cell", py.secondsPerCell(),
                "ap_seconds_per_cell", py.apSecondsPerCell(), "intensity_indices", subset.intensityIndices(),
                "sigma_indices", subset.sigmaIndices(), "versions", py.versions()));
        if (k != null) {
            d.put("kernel", k);
        }
        List<Map<String, Object>> grids = new ArrayList<>();
        for (EndToEnd.Run r : runs) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("grid", r.grid().label());
            g.put("cells", r.grid().cells());
            g.put("ap_values", r.apValues());
            g.put("seconds", r.seconds());
            g.put("seconds_per_ap", r.secondsPerApValue());
            g.put("cpu_seconds", r.cpuSeconds());
            Map<String, Object> timers = new LinkedHashMap<>();
            r.timers().forEach((s, t) -> {
                Map<String, Object> m = new LinkedHashMap<>();
                t.forEach((name, v) -> m.put(name, Map.of("count", v.count(), "seconds", v.seconds())));
                timers.put(s, m);
            });
            g.put("timers", timers);
            grids.add(g);
        }
        d.put("end_to_end", grids);
        double[] line = fit(runs);
        if (line != null) {
            d.put("end_to_end_fit", Map.of("fixed_seconds", line[0], "seconds_per_ap", line[1]));
        }
        d.put("peak_heap_mib", mib(peakHeap));
        d.put("peak_live_data_mib", mib(peakLive));
        return d;
    }

    private static Map<String, Double> mib(Map<String, Double> bytes) {
        Map<String, Double> m = new LinkedHashMap<>();
        bytes.forEach((s, b) -> m.put(s, b < 0 ? -1 : b / (1024.0 * 1024.0)));
        return m;
    }

    private static Map<String, Double> mergeMax(Map<String, Double> a, Map<String, Double> b) {
        Map<String, Double> m = new LinkedHashMap<>(a);
        b.forEach((s, v) -> m.merge(s, v, Math::max));
        return m;
    }

    /**
     * Bytes the object store's files hold for one experiment: S3Proxy keeps each object as a file under
     * {@code s3/}, named by its key, and every key of an experiment contains its id.
     */
    static long storeBytes(Path s3Dir, String experimentId) throws IOException {
        if (!Files.isDirectory(s3Dir)) {
            return -1;
        }
        try (Stream<Path> walk = Files.walk(s3Dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> p.toString().contains(experimentId))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
