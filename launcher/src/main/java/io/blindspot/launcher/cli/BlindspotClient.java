package io.blindspot.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The REST API of ingest (submissions, uploads) and scoring (status, results), as the CLI and the integration
 * test use it. Error answers become {@link ApiException} with the server's {@code "error"} message. Every request
 * carries {@code Authorization: Bearer <token>} when it has a token (writes need one; reads when the deployment
 * protects them).
 */
public final class BlindspotClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String ingest;
    private final String scoring;
    private final String token;

    /** With the token of {@code BLINDSPOT_TOKEN}, or none when it is unset. */
    public BlindspotClient(String ingestUrl, String scoringUrl) {
        this(ingestUrl, scoringUrl, token(null));
    }

    /** With {@code token} (null or blank: no Authorization header). */
    public BlindspotClient(String ingestUrl, String scoringUrl, String token) {
        this.ingest = stripSlash(ingestUrl);
        this.scoring = stripSlash(scoringUrl);
        this.token = token == null || token.isBlank() ? null : token.strip();
    }

    /** Environment variable holding the bearer token; it wins over a stack's token file. */
    public static final String TOKEN_VARIABLE = "BLINDSPOT_TOKEN";

    /**
     * The token to send: {@code BLINDSPOT_TOKEN} when set, else {@code <dataDir>/token} (written by the embedded
     * stack) when {@code dataDir} is given and the file exists, else null.
     */
    public static String token(Path dataDir) {
        String fromEnv = System.getenv(TOKEN_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        if (dataDir != null) {
            Path file = dataDir.resolve("token");
            if (Files.isRegularFile(file)) {
                try {
                    return Files.readString(file).strip();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the stack's token " + file, e);
                }
            }
        }
        return null;
    }

    /**
     * How long a submission may take: ingest reads and checks every volume of the dataset before answering, and
     * a MOOD-style folder may hold hundreds.
     */
    static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(30);

    /** POST /api/experiments: returns {"id","name","expected","slices"}. */
    public JsonNode submit(byte[] spec, String contentType) {
        return json(send(HttpRequest.newBuilder(URI.create(ingest + "/api/experiments"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(spec)), SUBMIT_TIMEOUT));
    }

    /** POST /api/audits: returns {"auditId", "experiments": {role: id}, "links": {...}}. */
    public JsonNode submitAudit(byte[] request) {
        return json(send(HttpRequest.newBuilder(URI.create(ingest + "/api/audits"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)), SUBMIT_TIMEOUT));
    }

    /** POST /api/volumes?name=NAME with raw NIfTI bytes: returns {"source": "upload:<id>", ...}. */
    public JsonNode uploadVolume(byte[] nifti, String name) {
        String query = name == null ? "" : "?name=" + java.net.URLEncoder.encode(name,
                java.nio.charset.StandardCharsets.UTF_8);
        return json(send(HttpRequest.newBuilder(URI.create(ingest + "/api/volumes" + query))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(nifti))));
    }

    /** Any GET on scoring, {@code path} starting with {@code /api/}; {@link ApiException} on an error status. */
    public byte[] scoring(String path) {
        return get(scoring + path);
    }

    /** POST /api/volumes with raw NIfTI bytes: returns {"source": "upload:<id>", ...}. */
    public JsonNode uploadVolume(byte[] nifti) {
        return json(send(HttpRequest.newBuilder(URI.create(ingest + "/api/volumes"))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(nifti))));
    }

    /** GET /api/experiments/{id} on scoring; {@code null} while scoring has not seen the experiment (404). */
    public JsonNode status(String id) {
        try {
            return json(get(scoring + "/api/experiments/" + id));
        } catch (ApiException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    public JsonNode cells(String id) {
        return json(get(scoring + "/api/experiments/" + id + "/cells"));
    }

    /** The per-slice rows as an array (also when the answer wraps them as {"results": [...]}). */
    public JsonNode results(String id) {
        JsonNode answer = json(get(scoring + "/api/experiments/" + id + "/results"));
        return answer.isObject() && answer.has("results") ? answer.get("results") : answer;
    }

    /** Any GET on scoring below /api/experiments/{id}, e.g. {@code cells?format=csv} or {@code heatmap.png}. */
    public byte[] download(String id, String path) {
        return get(scoring + "/api/experiments/" + id + "/" + path);
    }

    private byte[] get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private byte[] send(HttpRequest.Builder request) {
        return send(request, Duration.ofSeconds(120));
    }

    private byte[] send(HttpRequest.Builder request, Duration timeout) {
        HttpResponse<byte[]> response;
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            response = http.send(request.timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + request.build().uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (response.statusCode() == 401 && token == null) {
            throw new ApiException(401, errorMessage(response.body()) + " (no token was sent: set "
                    + TOKEN_VARIABLE + ", e.g. export " + TOKEN_VARIABLE + "=$(cat .blindspot/token))");
        }
        if (response.statusCode() >= 400) {
            throw new ApiException(response.statusCode(), errorMessage(response.body()));
        }
        return response.body();
    }

    /** The {@code "error"} field of an error body, or the body itself when it is not that JSON. */
    static String errorMessage(byte[] body) {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).trim();
        try {
            JsonNode node = JSON.readTree(text);
            if (node != null && node.hasNonNull("error")) {
                return node.get("error").asText();
            }
        } catch (IOException notJson) {
            // fall through: show whatever the server said
        }
        return text.isEmpty() ? "(empty answer)" : text;
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the server's answer is not JSON: " + e.getMessage(), e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
