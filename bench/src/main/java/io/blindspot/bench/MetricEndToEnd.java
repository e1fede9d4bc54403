package io.blindspot.bench;

import io.blindspot.contracts.events.Metrics;
import io.blindspot.launcher.cli.ApiException;
import io.blindspot.launcher.cli.BlindspotClient;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 14's metrics END TO END: the largest grid on the same workload through the four services, once per
 * metric list, each against the AP-only experiment of the same run ({@code "metrics": ["ap"]}, today's path).
 * Every list holds {@code ap} (an experiment always stores it) plus the metric measured; its rows are stored one
 * per metric, so a line's time includes scoring's extra rows, not only the kernel. Pooled AP is the AP-only spec
 * with {@code "aggregation": ["pooled"]}; a build whose ingest or scoring refuses that field prints "pooled: not
 * available" with the refusal instead of failing.
 *
 * <p>Order: the AP-only baseline first and again last (the machine's speed drifts within a run: the baseline is
 * the mean of its runs), the metric lists between; {@code reps} > 1 repeats the metric lists and the baseline
 * interleaved (ap, auroc, …, ap, auroc, …, ap), each line then the mean of its runs.
 */
final class MetricEndToEnd {
    /** The AUROC and pooled-AP lines must stay within this multiple of the AP-only time (the target). */
    static final double TARGET_RATIO = 2.0;

    private MetricEndToEnd() {
    }

    /**
     * One metric line: the spec's metrics and aggregations.
     *
     * @param target whether the 2× target applies (AUROC and pooled AP; the others are reported)
     */
    record Case(String label, List<String> metrics, List<String> aggregation, boolean target) {
        boolean baseline() {
            return metrics.equals(Metrics.DEFAULT) && aggregation.isEmpty();
        }
    }

    /** The baseline, each per-slice metric beside AP, all of them, pooled AP, and dice-at-normal-q99. */
    static List<Case> cases() {
        List<String> all = Metrics.perSlice(Metrics.ALL);
        return List.of(
                new Case("ap", List.of(Metrics.AP), List.of(), false),
                new Case("ap + auroc", List.of(Metrics.AP, Metrics.AUROC), List.of(), true),
                new Case("ap + dice-best", List.of(Metrics.AP, Metrics.DICE_BEST), List.of(), false),
                new Case("ap + aupro-0.3", List.of(Metrics.AP, Metrics.AUPRO), List.of(), false),
                new Case("all per-slice (" + String.join(", ", all) + ")", all, List.of(), false),
                new Case("ap, pooled", List.of(Metrics.AP), List.of("pooled"), true),
                // cross-slice: the aggregation stage re-reads every slice's artefacts for the normal q99 threshold
                new Case("ap + dice-at-normal-q99", List.of(Metrics.AP, Metrics.DICE_AT_NORMAL_Q99), List.of(),
                        false));
    }

    /**
     * A line's outcome: its runs' wall times (seconds), or why it could not run.
     *
     * @param rows results rows one run stores (cells × slices × per-slice metrics)
     */
    record Line(Case c, List<Double> seconds, long rows, String unavailable) {
        double mean() {
            return seconds.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        boolean available() {
            return unavailable == null;
        }
    }

    /** The lines in {@link #cases()} order; the first is the AP-only baseline. */
    record Result(Sweep grid, int slices, List<Line> lines, double wallSeconds) {
        Line baseline() {
            return lines.getFirst();
        }

        double ratio(Line l) {
            return l.mean() / baseline().mean();
        }
    }

    /** How one experiment is run; the real one goes through {@link EndToEnd#run}. */
    interface Runner {
        /** Wall seconds from submission to every cell queryable. */
        double run(Case c, String name) throws Exception;
    }

    static Result run(BlindspotClient client, ServiceMonitor monitor, Workload w, Sweep grid, int reps,
                      PrintStream out) throws Exception {
        return run(grid, w.slices().size(), reps, out, (c, name) -> {
            EndToEnd.Run r = EndToEnd.run(client, monitor, w, grid, name, c.metrics(), c.aggregation());
            // Where the extra time goes: scoring's compute or the rows PostgreSQL stores.
            StringBuilder cpu = new StringBuilder();
            r.cpuSeconds().forEach((s, v) -> cpu.append(String.format(Locale.ROOT, " %s %.1f", s, v)));
            out.printf(Locale.ROOT, "    CPU s:%s%n", cpu);
            return r.seconds();
        });
    }

    static Result run(Sweep grid, int slices, int reps, PrintStream out, Runner runner) throws Exception {
        long t0 = System.nanoTime();
        List<Case> cases = cases();
        Map<Case, List<Double>> seconds = new LinkedHashMap<>();
        Map<Case, String> unavailable = new LinkedHashMap<>();
        cases.forEach(c -> seconds.put(c, new ArrayList<>()));
        Case baseline = cases.getFirst();
        List<Case> order = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            order.addAll(cases);
        }
        order.add(baseline);
        int i = 0;
        for (Case c : order) {
            i++;
            if (unavailable.containsKey(c)) {
                continue;
            }
            String name = String.format(Locale.ROOT, "bench-metrics-%s-%d-%s", grid.label(), i,
                    c.label().replaceAll("[^a-z0-9]+", "-"));
            try {
                double s = runner.run(c, name);
                seconds.get(c).add(s);
                out.printf(Locale.ROOT, "  %-62s %7.1f s%n", c.metrics()
                        + (c.aggregation().isEmpty() ? "" : " aggregation " + c.aggregation()), s);
            } catch (ApiException e) {
                if (c.baseline()) {
                    throw e;
                }
                // This build does not offer the field yet (e.g. "aggregation" before its stage landed).
                unavailable.put(c, "HTTP " + e.status() + ": " + e.getMessage());
                out.printf(Locale.ROOT, "  %s: not available (%s)%n", c.label(), unavailable.get(c));
            }
        }
        List<Line> lines = new ArrayList<>();
        for (Case c : cases) {
            long rows = grid.cells() * slices * Metrics.perSlice(c.metrics()).size();
            lines.add(new Line(c, List.copyOf(seconds.get(c)), rows, unavailable.get(c)));
        }
        return new Result(grid, slices, lines, (System.nanoTime() - t0) / 1e9);
    }

    /** The report's lines: the baseline, then each metric list with its ratio to it. */
    static void rows(Report r, Result m) {
        if (m == null) {
            return;
        }
        Line base = m.baseline();
        String label = String.format(Locale.ROOT, "end to end %s x %d slices", m.grid().label(), m.slices());
        r.add(new Report.Row(String.format(Locale.ROOT, "%s, metrics [ap] (baseline, mean of %d runs)", label,
                base.seconds().size()), base.mean(), "s", Report.time(base.mean()), "", null, "", null));
        String baseText = "AP only " + Report.time(base.mean()) + " (ratio: time / AP-only time)";
        for (Line l : m.lines().subList(1, m.lines().size())) {
            String figure = String.format(Locale.ROOT, "%s, %s%s", label,
                    l.c().aggregation().isEmpty() ? "metrics " + l.c().metrics() : "aggregation "
                            + l.c().aggregation(),
                    l.seconds().size() > 1 ? " (mean of " + l.seconds().size() + " runs)" : "");
            String target = l.c().target() ? "≤ 2× AP" : "";
            if (!l.available()) {
                r.add(new Report.Row(figure + ": not available", Double.NaN, "s", "not available", baseText, null,
                        "", null));
                continue;
            }
            double ratio = m.ratio(l);
            r.add(new Report.Row(figure, l.mean(), "s", Report.time(l.mean()), baseText, ratio, target,
                    l.c().target() ? ratio <= TARGET_RATIO : null));
        }
    }

    /** For benchmark.json: per line its runs, mean, ratio and stored rows. */
    static List<Map<String, Object>> details(Result m) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Line l : m.lines()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("label", l.c().label());
            d.put("metrics", l.c().metrics());
            d.put("aggregation", l.c().aggregation());
            d.put("seconds", l.seconds());
            d.put("mean_seconds", l.mean());
            d.put("ratio_to_ap_only", l.available() ? m.ratio(l) : null);
            d.put("rows_stored", l.rows());
            d.put("unavailable", l.unavailable());
            out.add(d);
        }
        return out;
    }
}
