package io.blindspot.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Submits one experiment, follows it to the end with a progress bar, then fetches its grid and saves the
 * cells CSV, the per-slice results CSV and the heatmap (PNG and SVG), and for a curve (a texture, or a single
 * sigma as with a model) the curve as PNG and SVG. A figure scoring does not serve (404) is a warning.
 */
public final class ExperimentRunner {
    /** Scoring learns of an experiment through Kafka, so right after submission it may not know it yet. */
    static final Duration UNKNOWN_GRACE = Duration.ofSeconds(30);
    static final long POLL_MILLIS = 500;

    private final BlindspotClient client;
    private final PrintStream out;
    private final boolean terminal;
    private final List<String> figureErrors = new ArrayList<>();

    public ExperimentRunner(BlindspotClient client, PrintStream out, boolean terminal) {
        this.client = client;
        this.out = out;
        this.terminal = terminal;
    }

    /** What a finished run produced. */
    public record Outcome(String id, String name, Grid grid, List<Path> files) {
    }

    /** Reads the spec file and runs it; the content type follows the extension (.json, .yaml, .yml). */
    public Outcome run(Path specFile, Path outDir) throws IOException, InterruptedException {
        if (!Files.isRegularFile(specFile)) {
            throw new CliException(2, "no such spec file: " + specFile);
        }
        String file = specFile.getFileName().toString().toLowerCase(Locale.ROOT);
        String contentType;
        if (file.endsWith(".json")) {
            contentType = "application/json";
        } else if (file.endsWith(".yaml") || file.endsWith(".yml")) {
            contentType = "application/yaml";
        } else {
            throw new CliException(2, "a spec must be a .json, .yaml or .yml file: " + specFile);
        }
        return run(Files.readAllBytes(specFile), contentType, outDir);
    }

    public Outcome run(byte[] spec, String contentType, Path outDir) throws IOException, InterruptedException {
        JsonNode accepted;
        try {
            accepted = client.submit(spec, contentType);
        } catch (ApiException e) {
            if (e.status() >= 400 && e.status() < 500) {
                throw new CliException(2, "the spec was rejected (" + e.status() + "): " + e.getMessage());
            }
            throw new CliException(1, "ingest failed (" + e.status() + "): " + e.getMessage());
        }
        String id = accepted.get("id").asText();
        String name = accepted.path("name").asText(id);
        out.printf(Locale.ROOT, "submitted %s as %s: %d slices, %d results expected%n", name, id,
                accepted.path("slices").isArray() ? accepted.path("slices").size() : accepted.path("slices").asInt(),
                accepted.path("expected").asLong());
        long t0 = System.nanoTime();
        JsonNode status = awaitEnd(id);
        if ("failed".equals(status.path("status").asText())) {
            StringBuilder errors = new StringBuilder();
            for (JsonNode e : status.path("errors")) {
                errors.append(System.lineSeparator()).append("  - ").append(e.isTextual() ? e.asText() : e);
            }
            throw new CliException(1, "experiment " + name + " (" + id + ") failed:" + errors);
        }
        out.printf(Locale.ROOT, "%s done in %.1f s%n", name, (System.nanoTime() - t0) / 1e9);

        Grid grid = Grid.fromCells(client.cells(id));
        Files.createDirectories(outDir);
        String base = fileBase(name);
        List<Path> files = new ArrayList<>();
        files.add(save(outDir.resolve(base + "-cells.csv"), client.download(id, "cells?format=csv")));
        files.add(save(outDir.resolve(base + "-results.csv"), client.download(id, "results?format=csv")));
        files.add(save(outDir.resolve(base + "-heatmap.png"), client.download(id, "heatmap.png")));
        saveFigure(outDir.resolve(base + "-heatmap.svg"), "/api/experiments/" + id + "/heatmap.svg")
                .ifPresent(files::add);
        if (isCurve(grid)) {
            for (String format : List.of("png", "svg")) {
                saveFigure(outDir.resolve(base + "-curve." + format), "/api/experiments/" + id + "/curve." + format)
                        .ifPresent(files::add);
            }
        }
        return new Outcome(id, name, grid, files);
    }

    /**
     * Whether the experiment is a curve rather than a grid: a texture (one variant, no intensity: AP against
     * sigma) or a single sigma (a model, or one blur: AP against intensity).
     */
    /** Figures scoring failed to draw (other than 404) so far; the caller turns them into exit code 1. */
    public List<String> figureErrors() {
        return List.copyOf(figureErrors);
    }

    /** @throws CliException (exit 1) when a figure failed, after everything else was saved and printed */
    void failOnFigureErrors() {
        if (!figureErrors.isEmpty()) {
            throw new CliException(1, figureErrors.size() + " figure(s) failed: " + String.join("; ", figureErrors));
        }
    }

    static boolean isCurve(Grid grid) {
        boolean texture = grid.intensities().length > 0;
        for (double intensity : grid.intensities()) {
            texture &= Double.isNaN(intensity);
        }
        return texture || grid.sigmas().length == 1;
    }

    /**
     * Saves one figure (or report file) from scoring; empty, with a warning, when scoring answers 404 (a figure
     * it does not serve). Any other error is printed and remembered ({@link #figureErrors()}) but does not stop
     * the other files from being saved: the command fails at its end instead.
     */
    Optional<Path> saveFigure(Path file, String scoringPath) throws IOException {
        byte[] bytes;
        try {
            bytes = client.scoring(scoringPath);
        } catch (ApiException e) {
            if (e.status() == 404) {
                out.println("warning: " + scoringPath + " is not available (404); " + file.getFileName()
                        + " not saved");
                return Optional.empty();
            }
            String error = "GET " + scoringPath + " failed (" + e.status() + "): " + e.getMessage();
            out.println("error: " + error);
            figureErrors.add(error);
            return Optional.empty();
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Optional.of(save(file, bytes));
    }

    /**
     * Follows several experiments at once (an audit's three) with one progress bar over all their results; returns
     * once every one is done.
     *
     * @param ids experiment id by label (the label names a failed experiment)
     * @throws CliException when any of them failed
     */
    void awaitAll(Map<String, String> ids) throws InterruptedException {
        Progress progress = new Progress(out, terminal);
        long unknownSince = System.nanoTime();
        while (true) {
            long done = 0;
            long expected = 0;
            boolean allDone = true;
            boolean unknown = false;
            for (Map.Entry<String, String> e : ids.entrySet()) {
                JsonNode status = client.status(e.getValue());
                if (status == null) {
                    unknown = true;
                    allDone = false;
                    continue;
                }
                String state = status.path("status").asText();
                if ("failed".equals(state)) {
                    progress.finish(done, expected);
                    throw new CliException(1, "experiment " + e.getKey() + " (" + e.getValue() + ") failed:"
                            + errors(status));
                }
                done += status.path("done").asLong();
                expected += status.path("expected").asLong();
                allDone &= "done".equals(state);
            }
            if (allDone) {
                progress.finish(done, expected);
                return;
            }
            if (unknown && System.nanoTime() - unknownSince > UNKNOWN_GRACE.toNanos()) {
                throw new CliException(1, "scoring still does not know every experiment of " + ids + " after "
                        + UNKNOWN_GRACE.toSeconds() + " s: is the scoring-service consuming blindspot.experiments?");
            }
            progress.update(done, expected);
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static String errors(JsonNode status) {
        StringBuilder errors = new StringBuilder();
        for (JsonNode e : status.path("errors")) {
            errors.append(System.lineSeparator()).append("  - ").append(e.isTextual() ? e.asText() : e);
        }
        return errors.toString();
    }

    /** Polls scoring until the experiment is done or failed; returns that last status. */
    private JsonNode awaitEnd(String id) throws InterruptedException {
        Progress progress = new Progress(out, terminal);
        long unknownSince = System.nanoTime();
        while (true) {
            JsonNode status = client.status(id);
            if (status == null) {
                if (System.nanoTime() - unknownSince > UNKNOWN_GRACE.toNanos()) {
                    throw new CliException(1, "scoring still does not know experiment " + id + " after "
                            + UNKNOWN_GRACE.toSeconds() + " s: is the scoring-service consuming "
                            + "blindspot.experiments? (see its log)");
                }
            } else {
                long done = status.path("done").asLong();
                long expected = status.path("expected").asLong();
                String state = status.path("status").asText();
                if ("done".equals(state) || "failed".equals(state)) {
                    progress.finish(done, expected);
                    return status;
                }
                progress.update(done, expected);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    static Path save(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        return file;
    }

    /** The experiment name made safe as a file name. */
    static String fileBase(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() ? "experiment" : safe;
    }
}
