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

/**
 * Submits one experiment, follows it to the end with a progress bar, then fetches its grid and saves the
 * cells CSV, the per-slice results CSV and the heatmap.
 */
public final class ExperimentRunner {
    /** Scoring learns of an experiment through Kafka, so right after submission it may not know it yet. */
    static final Duration UNKNOWN_GRACE = Duration.ofSeconds(30);
    static final long POLL_MILLIS = 500;

    private final BlindspotClient client;
    private final PrintStream out;
    private final boolean terminal;

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
        return new Outcome(id, name, grid, files);
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

    private static Path save(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        return file;
    }

    /** The experiment name made safe as a file name. */
    static String fileBase(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() ? "experiment" : safe;
    }
}
