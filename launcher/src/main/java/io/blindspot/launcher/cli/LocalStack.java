package io.blindspot.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.launcher.stack.EmbeddedStack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The embedded stack under a {@code --data} directory as the commands see it: the one already running there (its
 * {@code stack.json} answers), or one a command starts and stops again ({@link #attachOrStart}, {@link #close}).
 */
final class LocalStack {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CliContext context;
    private final Path data;
    private final Map<String, String> endpoints;
    /** The stack this command started, or null when it uses one already running. */
    private final EmbeddedStack started;

    private LocalStack(CliContext context, Path data, Map<String, String> endpoints, EmbeddedStack started) {
        this.context = context;
        this.data = data;
        this.endpoints = endpoints;
        this.started = started;
    }

    /** The stack already running under {@code data}, else a new one (stopped by {@link #close}). */
    static LocalStack attachOrStart(CliContext context, Path data) throws Exception {
        Map<String, String> endpoints = running(data);
        if (endpoints != null) {
            context.out().println("Using the stack already running from " + data.resolve("stack.json"));
            return new LocalStack(context, data, endpoints, null);
        }
        EmbeddedStack started = start(context, data, Map.of());
        return new LocalStack(context, data, started.endpoints(), started);
    }

    /**
     * A client of this stack with the token of a stack this command started (certainly valid there), else
     * BLINDSPOT_TOKEN or data/token.
     */
    BlindspotClient client() {
        return new BlindspotClient(endpoints.get("ingest"), endpoints.get("scoring"),
                started != null ? started.token() : BlindspotClient.token(context.envToken(), data));
    }

    /** Stops the stack when this command started it; a stack that was already running keeps running. */
    void close() {
        if (started != null) {
            context.out().println("stopping the stack...");
            started.close();
        }
    }

    /** Starts Kafka, S3Proxy, PostgreSQL and the services under {@code data}, refusing when a stack runs there. */
    static EmbeddedStack start(CliContext context, Path data, Map<String, Integer> replicas) throws Exception {
        if (running(data) != null) {
            throw new CliException(1, "a stack is already running on " + data + " (see " + data.resolve("stack.json")
                    + "); stop it first or use another --data directory");
        }
        Files.createDirectories(data.resolve("logs"));
        // Before the first logger is made: Kafka, S3Proxy and PostgreSQL log to a file, not over the CLI's output.
        if (System.getProperty("org.slf4j.simpleLogger.logFile") == null) {
            System.setProperty("org.slf4j.simpleLogger.logFile", data.resolve("logs/stack.log").toString());
        }
        PrintStream out = context.out();
        out.println("Starting Kafka, S3Proxy, PostgreSQL and the four services (data: " + data + ", logs: "
                + data.resolve("logs") + ") ...");
        long t0 = System.nanoTime();
        EmbeddedStack stack = EmbeddedStack.start(data, context.repoRoot(), replicas);
        out.printf(Locale.ROOT, "Stack ready in %.1f s:%n", (System.nanoTime() - t0) / 1e9);
        stack.endpoints().forEach((k, v) -> out.printf(Locale.ROOT, "  %-9s %s%n", k, v));
        return stack;
    }

    /** The endpoints in {@code data/stack.json} when that stack answers, else null (no stack, or a stale file). */
    static Map<String, String> running(Path data) {
        Path file = data.resolve("stack.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Map<String, String> endpoints = readStackFile(file);
        String ingest = endpoints.get("ingest");
        if (ingest == null) {
            return null;
        }
        try {
            HttpResponse<Void> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(ingest + "/q/health/ready")).timeout(Duration.ofSeconds(3))
                            .build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200 ? endpoints : null;
        } catch (IOException notRunning) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The service name → URL map of a {@code stack.json}. */
    static Map<String, String> readStackFile(Path file) {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            Map<String, String> m = new HashMap<>();
            node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
