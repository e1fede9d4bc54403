package io.blindspot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bench/python/paper_reference.py} (the paper's method: skimage disk, scipy gaussian_filter, sklearn
 * average_precision_score, one cell at a time) on a subset of the grid's cells and reads back each cell's AP
 * and time. The subset is the cross product of some intensity and sigma indices of the grid on every slice.
 */
public final class PythonReference {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Debian's interpreter: the one with python3-scipy, python3-skimage and python3-sklearn. */
    static final String PYTHON = "/usr/bin/python3";

    private PythonReference() {
    }

    /** Which cells of a grid Python computes: indices into the grid's intensities and sigmas. */
    public record Subset(Sweep grid, int[] intensityIndices, int[] sigmaIndices) {
        public int cellsPerSlice() {
            return intensityIndices.length * sigmaIndices.length;
        }
    }

    /** One cell as Python computed it; the indices say where it lies in the grid. */
    public record Cell(int slice, int intensityIndex, int sigmaIndex, double intensity, double sigma, double ap,
                       double seconds, double apSeconds) {
    }

    /** Every cell, and the mean time per cell (whole method, and the AP call alone). */
    public record Result(List<Cell> cells, double secondsPerCell, double apSecondsPerCell,
                         Map<String, String> versions, double wallSeconds) {
    }

    /**
     * The script's input: the volume, the radius, each slice with its centre, and the subset's intensities and
     * sigmas as full-precision doubles (Jackson writes the shortest text that parses back to the same double).
     */
    static ObjectNode input(Workload workload, Subset subset) {
        ObjectNode root = JSON.createObjectNode();
        root.put("nifti", workload.nifti().toAbsolutePath().toString());
        root.put("radius", workload.radius());
        ArrayNode slices = root.putArray("slices");
        for (int s = 0; s < workload.slices().size(); s++) {
            ObjectNode slice = slices.addObject();
            slice.put("z", workload.slices().get(s));
            slice.putArray("position").add(workload.centres().get(s)[0]).add(workload.centres().get(s)[1]);
        }
        double[] intensities = subset.grid().intensityValues();
        double[] sigmas = subset.grid().sigmaValues();
        ArrayNode i = root.putArray("intensities");
        for (int idx : subset.intensityIndices()) {
            i.add(intensities[idx]);
        }
        ArrayNode s = root.putArray("sigmas");
        for (int idx : subset.sigmaIndices()) {
            s.add(sigmas[idx]);
        }
        return root;
    }

    /**
     * Runs the script with the input written to {@code workDir/python-input.json} (kept, so a run can be
     * repeated by hand) and its answer to {@code workDir/python-output.json}.
     */
    public static Result run(Path script, Workload workload, Subset subset, Path workDir)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path in = workDir.resolve("python-input.json");
        Path out = workDir.resolve("python-output.json");
        Path err = workDir.resolve("python-stderr.txt");
        JSON.writerWithDefaultPrettyPrinter().writeValue(in.toFile(), input(workload, subset));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(PYTHON, script.toAbsolutePath().toString(), in.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the Python reference did not finish within 10 minutes");
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        if (p.exitValue() != 0) {
            throw new IllegalStateException("the Python reference failed (exit " + p.exitValue() + "): "
                    + Files.readString(err, StandardCharsets.UTF_8).strip()
                    + "\n(it needs Debian's python3-numpy, python3-scipy, python3-skimage and python3-sklearn)");
        }
        return parse(JSON.readTree(out.toFile()), workload, subset, wall);
    }

    /**
     * The answer an earlier {@link #run} left in {@code workDir/python-output.json}, for runs that measure only
     * Blindspot (profiling): the baseline and the cells to cross-check stay those of a real run of the script.
     * Its input must be the one this workload and subset would write, or the cells would not line up.
     */
    public static Result previous(Workload workload, Subset subset, Path workDir) throws IOException {
        Path in = workDir.resolve("python-input.json");
        Path out = workDir.resolve("python-output.json");
        if (!Files.isRegularFile(out) || !Files.isRegularFile(in)) {
            throw new IllegalStateException("--skip-python needs " + out + " from an earlier run (run once without it)");
        }
        if (!JSON.readTree(in.toFile()).equals(input(workload, subset))) {
            throw new IllegalStateException(in + " was written for other inputs or another grid: run once without "
                    + "--skip-python");
        }
        return parse(JSON.readTree(out.toFile()), workload, subset, 0);
    }

    /** Reads the script's answer; the cells come in the input's order (slice, intensity, sigma). */
    static Result parse(JsonNode answer, Workload workload, Subset subset, double wallSeconds) {
        JsonNode cells = answer.path("cells");
        int expected = workload.slices().size() * subset.cellsPerSlice();
        if (cells.size() != expected) {
            throw new IllegalStateException("the Python reference returned " + cells.size() + " cells, expected "
                    + expected);
        }
        List<Cell> out = new ArrayList<>(expected);
        int n = 0;
        for (int s = 0; s < workload.slices().size(); s++) {
            for (int ii : subset.intensityIndices()) {
                for (int si : subset.sigmaIndices()) {
                    JsonNode c = cells.get(n++);
                    if (c.path("slice").asInt() != workload.slices().get(s)) {
                        throw new IllegalStateException("the Python reference's cell " + (n - 1) + " is slice "
                                + c.path("slice").asInt() + ", expected " + workload.slices().get(s));
                    }
                    out.add(new Cell(workload.slices().get(s), ii, si, c.path("intensity").asDouble(),
                            c.path("sigma").asDouble(), c.path("ap").asDouble(), c.path("seconds").asDouble(),
                            c.path("ap_seconds").asDouble()));
                }
            }
        }
        Map<String, String> versions = new TreeMap<>();
        answer.path("versions").properties().forEach(e -> versions.put(e.getKey(), e.getValue().asText()));
        return new Result(List.copyOf(out), answer.path("mean_seconds_per_cell").asDouble(),
                answer.path("mean_ap_seconds_per_cell").asDouble(), versions, wallSeconds);
    }
}
