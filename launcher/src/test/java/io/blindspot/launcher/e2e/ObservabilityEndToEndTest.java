package io.blindspot.launcher.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.blindspot.launcher.cli.BlindspotClient;
import io.blindspot.launcher.stack.EmbeddedStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import static io.blindspot.launcher.e2e.E2e.deleteRecursively;
import static io.blindspot.launcher.e2e.E2e.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Observability on the embedded stack (README "Observe: traces, logs, health"): with JSON logs switched on and an
 * OTLP endpoint set, one slice of an experiment is ONE trace from the POST through synth, inference and scoring.
 *
 * <p>Two proofs of the same trace id: every service's JSON log line about the slice carries it in {@code mdc.traceId}
 * (the ingest line of the POST included), and every service exported spans of that trace to the OTLP receiver this
 * test runs (OTLP over HTTP, protobuf; the id's 16 bytes and the service's name are looked up in the request bodies
 * rather than decoding them: no protobuf classes needed). One stack, one single-slice experiment.
 */
class ObservabilityEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** quarkus.application.name of each service: the spans' service.name. */
    private static final Map<String, String> SERVICE_NAMES = new LinkedHashMap<>();
    static {
        SERVICE_NAMES.put("ingest", "blindspot-ingest");
        SERVICE_NAMES.put("synth", "blindspot-synth");
        SERVICE_NAMES.put("inference", "blindspot-inference");
        SERVICE_NAMES.put("scoring", "scoring-service");
    }
    /** The text format's start (HH:mm:ss,SSS LEVEL): a line like this means JSON was not switched on. */
    private static final Pattern TEXT_RECORD = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d[.,]\\d{3} +[A-Z]+ ");
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");

    private static final List<byte[]> exported = new CopyOnWriteArrayList<>();
    private static HttpServer receiver;
    private static EmbeddedStack stack;
    private static BlindspotClient client;

    @BeforeAll
    static void startStack() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                exported.add(body.readAllBytes());
            }
            // an empty ExportTraceServiceResponse: all spans accepted
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        Path repoRoot = SharedStack.repoRoot();
        Path dataDir = Path.of("target", "otel-stack").toAbsolutePath();
        deleteRecursively(dataDir);
        Map<String, String> properties = new LinkedHashMap<>(EmbeddedStack.observability(true,
                "http://127.0.0.1:" + receiver.getAddress().getPort()));
        // The services speak OTLP/gRPC by default (Jaeger's 4317); this receiver is plain HTTP. Export batches
        // every 500 ms instead of 5 s so the test need not wait.
        properties.put("quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf");
        properties.put("quarkus.otel.bsp.schedule.delay", "500ms");
        long t0 = System.nanoTime();
        stack = EmbeddedStack.start(dataDir, repoRoot, Map.of(), properties);
        System.out.printf(Locale.ROOT, "[e2e] observability stack started in %.1f s%n", seconds(t0));
        client = new BlindspotClient(stack.url("ingest"), stack.url("scoring"), stack.token());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void oneSliceIsOneTraceAcrossTheFourServicesInTheirJsonLogsAndExportedSpans() throws Exception {
        long t0 = System.nanoTime();
        JsonNode accepted = client.submit("""
                {"name": "trace-e2e",
                 "dataset": {"source": "sample:ch2bet", "slices": [85]},
                 "anomaly": {"type": "disk", "radius": 20, "intensities": [0.5], "positions": [[99, 52]]},
                 "reconstruction": {"mode": "normal-rec", "reconstructor": "gaussian-blur", "sigmas": [2.0]}}
                """.getBytes(StandardCharsets.UTF_8), "application/json");
        String id = accepted.get("id").asText();
        E2e.awaitDone(client, id, Duration.ofMinutes(3), this::logTails);
        System.out.printf(Locale.ROOT, "[e2e] single-slice experiment done in %.1f s%n", seconds(t0));

        // The ingest line of the POST ("experiment <id> (...) accepted") names the trace the slice started.
        String slice = "experiment " + id + " slice ";
        JsonNode post = awaitLine("ingest", l -> l.path("message").asText().startsWith("experiment " + id + " ")
                && l.path("message").asText().contains("accepted"));
        String traceId = post.path("mdc").path("traceId").asText();
        assertThat(traceId).as("trace id of the POST's log line %s", post).matches(TRACE_ID);
        // Each downstream service's line about the slice carries the same id (synth's, inference's and scoring's
        // consumer span are children of what the previous service sent); the experiment's registration in
        // scoring too, a child of the POST as well.
        for (String service : List.of("synth", "inference", "scoring")) {
            JsonNode line = awaitLine(service, l -> l.path("message").asText().startsWith(slice)
                    && l.path("message").asText().contains(": processed in"));
            assertThat(line.path("mdc").path("traceId").asText()).as("%s: %s", service, line).isEqualTo(traceId);
        }
        JsonNode registered = awaitLine("scoring", l -> l.path("message").asText().startsWith("experiment " + id)
                && l.path("message").asText().contains("registered"));
        assertThat(registered.path("mdc").path("traceId").asText()).isEqualTo(traceId);

        // Every log line is a JSON record with the usual fields; no text-format line slipped through.
        for (String service : SERVICE_NAMES.keySet()) {
            List<String> lines = Files.readAllLines(stack.log(service, 1));
            int records = 0;
            for (String line : lines) {
                assertThat(TEXT_RECORD.matcher(line).find()).as("%s logged text: %s", service, line).isFalse();
                if (line.startsWith("{")) {
                    JsonNode record = JSON.readTree(line);
                    assertThat(record.has("timestamp") && record.has("level") && record.has("loggerName")
                            && record.has("message")).as("%s: %s", service, line).isTrue();
                    records++;
                }
            }
            assertThat(records).as("JSON records of %s", service).isGreaterThan(5);
            assertThat(String.join("\n", lines)).as("%s: export errors", service).doesNotContain("Failed to export");
        }

        // The spans themselves: each service exported spans of this trace.
        byte[] traceBytes = HexFormat.of().parseHex(traceId);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> missing;
        do {
            missing = new ArrayList<>();
            for (String name : SERVICE_NAMES.values()) {
                byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
                if (exported.stream().noneMatch(b -> contains(b, nameBytes) && contains(b, traceBytes))) {
                    missing.add(name);
                }
            }
            if (!missing.isEmpty()) {
                Thread.sleep(250);
            }
        } while (!missing.isEmpty() && System.nanoTime() < deadline);
        assertThat(missing).as("services without exported spans of trace %s (%d export requests received)",
                traceId, exported.size()).isEmpty();
    }

    /** The first JSON record of the service's log that matches, waiting up to 30 s for it to be written. */
    private JsonNode awaitLine(String service, java.util.function.Predicate<JsonNode> match) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Optional<JsonNode> found = records(service).stream().filter(match).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                return fail("no matching log line in " + service + "\n" + logTails());
            }
            Thread.sleep(250);
        }
    }

    private static List<JsonNode> records(String service) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(stack.log(service, 1))) {
            if (line.startsWith("{")) {
                try {
                    records.add(JSON.readTree(line));
                } catch (IOException partial) {
                    // the last line may still be being written
                }
            }
        }
        return records;
    }

    private String logTails() {
        StringBuilder s = new StringBuilder();
        for (String service : SERVICE_NAMES.keySet()) {
            s.append("--- ").append(service).append('\n').append(E2e.tail(stack.log(service, 1), 15)).append('\n');
        }
        return s.toString();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
