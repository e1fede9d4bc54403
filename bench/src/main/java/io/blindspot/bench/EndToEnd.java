package io.blindspot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blindspot.contracts.events.Metrics;
import io.blindspot.launcher.cli.BlindspotClient;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One experiment through the REST API of the running stack, timed from the submission (POST to ingest) until
 * scoring reports it done AND its {@code /cells} answer holds every cell of the grid with every slice in it: the
 * moment a user can read the whole result.
 */
final class EndToEnd {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Status polls every 2 % of the time elapsed so far, between 100 ms and 1 s: the wall time is rounded up by
     * at most ~2 %, and a long run is not slowed by a count(*) five times a second on a 2-core machine.
     */
    static long pollMillis(long elapsedMillis) {
        return Math.max(100, Math.min(1000, elapsedMillis / 50));
    }
    /** Give up on one experiment after this long (the whole benchmark must stay under 15 minutes). */
    static final long TIMEOUT_MILLIS = 20 * 60 * 1000;

    private EndToEnd() {
    }

    /**
     * @param cpuSeconds CPU time each service spent between submission and completion (from the OS)
     * @param timers     each service's Micrometer timers over the same span (count and seconds added)
     */
    record Run(String id, Sweep grid, int slices, double seconds, Map<String, Double> cpuSeconds,
               Map<String, Map<String, Prometheus.Timer>> timers) {
        long apValues() {
            return grid.cells() * slices;
        }

        double secondsPerApValue() {
            return seconds / apValues();
        }
    }

    /** The experiment-1 spec of this grid on the workload's slices, with its centres as explicit positions. */
    static ObjectNode spec(String name, Workload w, Sweep grid) {
        return spec(name, w, grid, List.of("ap"), List.of());
    }

    /**
     * {@link #spec(String, Workload, Sweep)} asking for these per-slice metrics and, when not empty, these
     * aggregations ({@code "aggregation"}; left out when empty, so the spec is today's).
     */
    static ObjectNode spec(String name, Workload w, Sweep grid, List<String> metrics, List<String> aggregation) {
        ObjectNode spec = JSON.createObjectNode();
        spec.put("name", name);
        ObjectNode dataset = spec.putObject("dataset");
        dataset.put("source", "sample:ch2bet");
        dataset.put("axis", Workload.AXIS);
        ArrayNode slices = dataset.putArray("slices");
        w.slices().forEach(slices::add);
        ObjectNode anomaly = spec.putObject("anomaly");
        anomaly.put("type", "disk");
        anomaly.put("radius", w.radius());
        anomaly.putObject("intensities").putArray("linspace").add(0).add(Sweep.MAX_INTENSITY).add(grid.intensities());
        ArrayNode positions = anomaly.putArray("positions");
        for (int[] c : w.centres()) {
            positions.addArray().add(c[0]).add(c[1]);
        }
        ObjectNode rec = spec.putObject("reconstruction");
        rec.put("mode", "normal-rec");
        rec.put("reconstructor", "gaussian-blur");
        rec.putObject("sigmas").putArray("linspace").add(0).add(Sweep.MAX_SIGMA).add(grid.sigmas());
        ArrayNode m = spec.putArray("metrics");
        metrics.forEach(m::add);
        if (!aggregation.isEmpty()) {
            ArrayNode a = spec.putArray("aggregation");
            aggregation.forEach(a::add);
        }
        return spec;
    }

    static Run run(BlindspotClient client, ServiceMonitor monitor, Workload w, Sweep grid, String name)
            throws Exception {
        return run(client, monitor, w, grid, name, List.of("ap"), List.of());
    }

    /**
     * One experiment asking for these metrics (each stored as its own row per slice and cell: ingest expects
     * cells × slices × per-slice metrics results) and aggregations; with {@code pooled} among them the clock
     * also waits for {@code /cells?aggregation=pooled} to list every cell.
     *
     * @throws io.blindspot.launcher.cli.ApiException when ingest or scoring refuses a field (e.g. an aggregation
     *                                                 this build does not offer yet)
     */
    static Run run(BlindspotClient client, ServiceMonitor monitor, Workload w, Sweep grid, String name,
                   List<String> metrics, List<String> aggregation) throws Exception {
        byte[] body = JSON.writeValueAsBytes(spec(name, w, grid, metrics, aggregation));
        Map<String, Double> cpu0 = monitor.cpuSeconds();
        Map<String, Map<String, Prometheus.Timer>> timers0 = monitor.timers();
        long t0 = System.nanoTime();
        JsonNode accepted = client.submit(body, "application/json");
        String id = accepted.get("id").asText();
        long expected = grid.cells() * w.slices().size() * Metrics.perSlice(metrics).size();
        if (accepted.path("expected").asLong() != expected) {
            throw new IllegalStateException("ingest expects " + accepted.path("expected") + " results for " + name
                    + ", the benchmark " + expected);
        }
        awaitDone(client, id, t0);
        awaitAllCells(client, id, grid, w.slices().size(), t0);
        for (String a : aggregation) {
            if (!"slice-mean".equals(a)) {
                awaitAggregatedCells(client, id, grid, a, "", t0);
            }
        }
        if (metrics.contains(Metrics.DICE_AT_NORMAL_Q99)) {
            // its per-slice rows are written by the aggregation stage once the others are in
            awaitAggregatedCells(client, id, grid, "slice-mean", "&metric=" + Metrics.DICE_AT_NORMAL_Q99, t0);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> cpu1 = monitor.cpuSeconds();
        Map<String, Map<String, Prometheus.Timer>> timers1 = monitor.timers();
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu1.forEach((s, v) -> cpu.put(s, v < 0 || cpu0.getOrDefault(s, -1.0) < 0 ? -1.0 : v - cpu0.get(s)));
        Map<String, Map<String, Prometheus.Timer>> timers = new LinkedHashMap<>();
        timers1.forEach((s, after) -> {
            Map<String, Prometheus.Timer> delta = new LinkedHashMap<>();
            Map<String, Prometheus.Timer> before = timers0.getOrDefault(s, Map.of());
            after.forEach((t, v) -> {
                Prometheus.Timer d = v.minus(before.get(t));
                if (d.count() > 0) {
                    delta.put(t, d);
                }
            });
            timers.put(s, delta);
        });
        return new Run(id, grid, w.slices().size(), seconds, cpu, timers);
    }

    private static void awaitDone(BlindspotClient client, String id, long t0) throws InterruptedException {
        while (true) {
            JsonNode status = client.status(id);
            String state = status == null ? "unknown" : status.path("status").asText();
            if ("done".equals(state)) {
                return;
            }
            if ("failed".equals(state)) {
                throw new IllegalStateException("experiment " + id + " failed: " + status.path("errors"));
            }
            checkTimeout(t0, "experiment " + id + " is still " + state
                    + (status == null ? "" : " (" + status.path("done") + "/" + status.path("expected") + ")"));
            Thread.sleep(pollMillis((System.nanoTime() - t0) / 1_000_000));
        }
    }

    /** Waits until /cells lists every cell of the grid, each averaged over every slice. */
    private static void awaitAllCells(BlindspotClient client, String id, Sweep grid, int slices, long t0)
            throws InterruptedException {
        while (true) {
            JsonNode cells = client.cells(id).path("cells");
            long complete = 0;
            for (JsonNode c : cells) {
                if (c.path("n").asInt() == slices) {
                    complete++;
                }
            }
            if (cells.size() == grid.cells() && complete == grid.cells()) {
                return;
            }
            checkTimeout(t0, "experiment " + id + " is done but /cells has " + complete + " of " + grid.cells()
                    + " complete cells");
            Thread.sleep(pollMillis((System.nanoTime() - t0) / 1_000_000));
        }
    }

    /**
     * Waits until {@code /cells?aggregation=a} lists every cell of the grid (an aggregation over slices is
     * computed once the per-slice rows are complete; scoring answers 409 until then). A refusal (400: this build
     * has no such stage) is thrown.
     */
    private static void awaitAggregatedCells(BlindspotClient client, String id, Sweep grid, String aggregation,
                                             String metric, long t0) throws Exception {
        while (true) {
            JsonNode cells;
            try {
                cells = JSON.readTree(client.download(id, "cells?aggregation=" + aggregation + metric)).path("cells");
            } catch (io.blindspot.launcher.cli.ApiException e) {
                if (e.status() != 409) {
                    throw e;
                }
                cells = JSON.createArrayNode();           // 409: the aggregation stage is still running
            }
            if (cells.size() == grid.cells()) {
                return;
            }
            checkTimeout(t0, "experiment " + id + " is done but /cells?aggregation=" + aggregation + " has "
                    + cells.size() + " of " + grid.cells() + " cells");
            Thread.sleep(pollMillis((System.nanoTime() - t0) / 1_000_000));
        }
    }

    private static void checkTimeout(long t0, String what) {
        if ((System.nanoTime() - t0) / 1_000_000 > TIMEOUT_MILLIS) {
            throw new IllegalStateException("timed out after " + TIMEOUT_MILLIS / 1000 + " s: " + what);
        }
    }

    /** Key of a per-slice value: slice, intensity index, sigma index. */
    record CellKey(int slice, int intensityIndex, int sigmaIndex) {
    }

    /** A per-slice value from /results: the grid values as the services hold them, and the AP. */
    record SliceValue(double intensity, double sigma, double ap) {
    }

    /**
     * The per-slice values of {@code wanted} from {@code /results?format=csv} (columns found by header name;
     * the doubles are Java's shortest round-trip text, so nothing is lost).
     */
    static Map<CellKey, SliceValue> sliceValues(BlindspotClient client, String id, Set<CellKey> wanted) {
        String csv = new String(client.download(id, "results?format=csv"), StandardCharsets.UTF_8);
        return parseResults(csv, wanted);
    }

    static Map<CellKey, SliceValue> parseResults(String csv, Set<CellKey> wanted) {
        String[] lines = csv.split("\n");
        List<String> header = Arrays.asList(lines[0].strip().split(","));
        int slice = column(header, "slice");
        int ii = column(header, "intensity_index");
        int si = column(header, "sigma_index");
        int intensity = column(header, "intensity");
        int sigma = column(header, "sigma");
        int ap = column(header, "ap");
        Map<CellKey, SliceValue> out = new HashMap<>();
        for (int l = 1; l < lines.length; l++) {
            if (lines[l].isBlank()) {
                continue;
            }
            String[] f = lines[l].strip().split(",", -1);
            CellKey key = new CellKey(Integer.parseInt(f[slice]), Integer.parseInt(f[ii]), Integer.parseInt(f[si]));
            if (wanted.contains(key)) {
                out.put(key, new SliceValue(Double.parseDouble(f[intensity]), Double.parseDouble(f[sigma]),
                        Double.parseDouble(f[ap])));
            }
        }
        return out;
    }

    private static int column(List<String> header, String name) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IllegalStateException("/results?format=csv has no column '" + name + "': " + header);
        }
        return i;
    }
}
