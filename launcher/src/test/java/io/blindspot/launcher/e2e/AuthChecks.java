package io.blindspot.launcher.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.launcher.stack.EmbeddedStack;
import io.blindspot.launcher.stack.StackKeys;
import io.blindspot.testing.NiftiFiles;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of {@code /api} write on the running stack, with no token, a token of another key, an expired token,
 * a token without the needed role, and the stack's own token: 401, 401, 401, 403 (each a JSON
 * {@code {"error": ...}}), then the endpoint's own answer. Reads, health and metrics need no token. Run by
 * {@link PipelineEndToEndTest} on its stack, so that no second stack is started for it.
 */
final class AuthChecks {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AuthChecks() {
    }

    /** One protected endpoint: where, what body, and which role it needs. */
    private record Write(String name, String url, String contentType, byte[] body, String role) {
    }

    static void verify(EmbeddedStack stack, Path repoRoot) throws Exception {
        StackKeys keys = StackKeys.loadOrCreate(stack.dataDir()); // the stack's own key, as kept in its data dir
        Instant now = Instant.now();
        String expired = keys.mint(StackKeys.ALL_ROLES, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)));
        String foreign = StackKeys.sign(StackKeys.newKeyPair().getPrivate(), StackKeys.ISSUER, StackKeys.ALL_ROLES,
                now, now.plus(Duration.ofHours(1)));
        String ingest = stack.url("ingest");

        byte[] spec = """
                {"name": "auth-e2e", "dataset": {"source": "sample:ch2bet", "slices": [85]},
                 "anomaly": {"type": "disk", "radius": 20, "intensities": [0.0], "positions": [[99, 52]]},
                 "reconstruction": {"mode": "normal-rec", "reconstructor": "gaussian-blur", "sigmas": [0.0]}}
                """.getBytes();
        byte[] volume = NiftiFiles.float32(8, 8, 4, (i, j, k) -> (i + j + k) % 5);
        // An audit of an unregistered model: the role check passes, then ingest answers 422 (a real audit would
        // run three experiments; the audits' own end-to-end tests submit those with the stack's token).
        byte[] audit = "{\"model\": \"no-such-model-auth\"}".getBytes();
        byte[] model = Files.readAllBytes(repoRoot.resolve("inference-service/src/test/resources/models/scale2-8x8.onnx"));
        List<Write> writes = List.of(
                new Write("experiment", ingest + "/api/experiments", "application/json", spec, "submit"),
                new Write("volume", ingest + "/api/volumes", "application/octet-stream", volume, "submit"),
                new Write("audit", ingest + "/api/audits", "application/json", audit, "submit"),
                new Write("model", stack.url("inference") + "/api/models?name=scale2-auth",
                        "application/octet-stream", model, "admin"));

        Map<String, Integer> allowed = new LinkedHashMap<>();
        for (Write w : writes) {
            assertRefused(w, send(w, null), 401, "this request needs a bearer token");
            assertRefused(w, send(w, foreign), 401, "the bearer token was not accepted");
            assertRefused(w, send(w, expired), 401, "the bearer token was not accepted");
            assertRefused(w, send(w, "garbage"), 401, "the bearer token was not accepted");
            assertRefused(w, send(w, stack.token("reader")), 403, "the bearer token lacks the role");
            if (w.role().equals("admin")) {
                assertRefused(w, send(w, stack.token("submit")), 403, "the bearer token lacks the role");
            }
            HttpResponse<String> ok = send(w, stack.token(w.role()));
            allowed.put(w.name(), ok.statusCode());
            // admin includes submit: one operator token does everything
            if (w.role().equals("submit") && !w.name().equals("experiment")) {
                assertThat(send(w, stack.token("admin")).statusCode()).as(w.name() + " with role admin")
                        .isEqualTo(ok.statusCode());
            }
            if (w.name().equals("experiment")) {
                E2e.awaitDone(new io.blindspot.launcher.cli.BlindspotClient(ingest, stack.url("scoring"),
                        stack.token()), JSON.readTree(ok.body()).get("id").asText(), Duration.ofMinutes(3), () -> "");
            }
        }
        assertThat(allowed).as("answers with the right role").containsEntry("experiment", 202)
                .containsEntry("volume", 201).containsEntry("model", 201);
        assertThat(allowed.get("audit")).as("an audit of an unknown model, past the role check").isIn(400, 422);

        // Reads, health and metrics stay open (blindspot.auth.protect-reads=false by default).
        for (String url : List.of(ingest + "/api/samples", stack.url("inference") + "/api/models",
                stack.url("scoring") + "/results", ingest + "/q/health/ready", stack.url("scoring") + "/q/metrics")) {
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).as(url).isEqualTo(200);
        }
    }

    private static HttpResponse<String> send(Write w, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(w.url())).header("Content-Type", w.contentType())
                .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofByteArray(w.body()));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(Write w, HttpResponse<String> r, int status, String errorStart)
            throws Exception {
        assertThat(r.statusCode()).as("%s: %s", w.name(), r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as(w.name()).startsWith("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("error").asText()).as(w.name()).startsWith(errorStart);
    }
}
