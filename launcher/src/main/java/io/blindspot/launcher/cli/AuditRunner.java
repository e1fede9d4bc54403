package io.blindspot.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a blind-spot audit: posts it to ingest ({@code POST /api/audits}), follows its three experiments to the end,
 * then saves scoring's report into {@code OUT/audit-<model>/}: {@code audit.json}, {@code page.html},
 * {@code figure.png} and {@code figure.svg} (each a warning when scoring answers 404), and prints the matched
 * sigma and blind-spot intervals per mode.
 */
final class AuditRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlindspotClient client;
    private final ExperimentRunner runner;
    private final PrintStream out;

    AuditRunner(BlindspotClient client, PrintStream out, boolean terminal) {
        this.client = client;
        this.runner = new ExperimentRunner(client, out, terminal);
        this.out = out;
    }

    /** What a finished audit produced; {@code figureErrors} lists report files scoring failed to produce. */
    record Outcome(String auditId, Map<String, String> experiments, Path dir, List<Path> files,
                   List<String> figureErrors) {
    }

    /** The request body: model, threshold, and the dataset when one is given (else ingest's default). */
    static ObjectNode request(String model, double threshold, ObjectNode dataset) {
        return request(model, JSON.getNodeFactory().numberNode(threshold), dataset);
    }

    /** {@link #request(String, double, ObjectNode)} with any form of threshold (a number, or a rule object). */
    static ObjectNode request(String model, JsonNode threshold, ObjectNode dataset) {
        ObjectNode request = JSON.createObjectNode();
        request.put("model", model);
        if (dataset != null) {
            request.set("dataset", dataset);
        }
        request.set("threshold", threshold);
        return request;
    }

    Outcome run(ObjectNode request, Path outDir) throws IOException, InterruptedException {
        String model = request.path("model").asText();
        JsonNode thresholdNode = request.path("threshold");
        double threshold = thresholdNode.asDouble(0.5);
        JsonNode accepted;
        try {
            accepted = client.submitAudit(JSON.writeValueAsBytes(request));
        } catch (ApiException e) {
            if (e.status() >= 400 && e.status() < 500) {
                throw new CliException(2, "the audit was refused (" + e.status() + "): " + e.getMessage());
            }
            throw new CliException(1, "ingest failed (" + e.status() + "): " + e.getMessage());
        }
        String auditId = accepted.path("auditId").asText();
        Map<String, String> experiments = new LinkedHashMap<>();
        accepted.path("experiments").fields().forEachRemaining(e -> experiments.put(e.getKey(), e.getValue().asText()));
        out.printf(Locale.ROOT, "audit %s of model %s submitted: %s%n", auditId, model, experiments);
        long t0 = System.nanoTime();
        runner.awaitAll(experiments);
        out.printf(Locale.ROOT, "audit done in %.1f s%n", (System.nanoTime() - t0) / 1e9);

        Path dir = outDir.resolve("audit-" + ExperimentRunner.fileBase(model));
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        String base = "/api/audits/" + auditId;
        runner.saveFigure(dir.resolve("audit.json"), base).ifPresent(files::add);
        runner.saveFigure(dir.resolve("page.html"), base + "/page").ifPresent(files::add);
        runner.saveFigure(dir.resolve("figure.png"), base + "/figure.png").ifPresent(files::add);
        runner.saveFigure(dir.resolve("figure.svg"), base + "/figure.svg").ifPresent(files::add);

        Path auditJson = dir.resolve("audit.json");
        if (files.contains(auditJson)) {
            out.println();
            JsonNode audit = JSON.readTree(auditJson.toFile());
            // a plain number reads as before; a rule (another metric, a multiple of chance) as scoring words it
            boolean plain = thresholdNode.isMissingNode() || thresholdNode.isNumber();
            String rule = plain ? "AP < " + threshold : audit.path("rule").asText("see audit.json");
            out.println("blind spot of " + model + " (" + (plain ? "threshold " + threshold : rule) + "):");
            for (String line : AuditSummary.lines(audit, rule)) {
                out.println("  " + line);
            }
        }
        return new Outcome(auditId, experiments, dir, files, runner.figureErrors());
    }
}
