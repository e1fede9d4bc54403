package io.blindspot.launcher.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.launcher.stack.EmbeddedStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.blindspot.testing.NiftiFiles.dims;
import static io.blindspot.testing.NiftiFiles.floats;
import static io.blindspot.testing.NiftiFiles.gzip;
import static io.blindspot.testing.NiftiFiles.nifti;
import static io.blindspot.testing.OnnxProto.FLOAT;
import static io.blindspot.testing.OnnxProto.INT64;
import static io.blindspot.testing.OnnxProto.identity;
import static io.blindspot.testing.OnnxProto.identityGraph;
import static io.blindspot.testing.OnnxProto.image;
import static io.blindspot.testing.OnnxProto.message;
import static io.blindspot.testing.OnnxProto.model;
import static io.blindspot.testing.OnnxProto.tensor;
import static io.blindspot.testing.OnnxProto.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Bad input through the REST API of the running services (real Kafka, S3Proxy, PostgreSQL; {@link SharedStack}):
 * one row per case, each with the request, the exact status and a distinctive part of the {@code {"error": ...}}
 * message, which must say what to change. After the table, the stack still runs a valid experiment and nothing
 * refused was stored ("bad input loses nothing else"). Every request goes through {@link #send}, with the headers
 * of {@link #headers} (the stack's token: the table is about bad input from an authorised user; 401/403 are
 * {@code AuthChecks}'s).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String OCTETS = "application/octet-stream";
    private static final String SPEC = """
            {"name": "bad-input-base",
             "dataset": {"source": "sample:ch2bet", "slices": [80]},
             "anomaly": {"type": "disk", "radius": 20, "intensities": [0.0, 1.0], "positions": [[90, 108]]},
             "reconstruction": {"mode": "normal-rec", "reconstructor": "gaussian-blur", "sigmas": [0.0, 1.0]}}
            """;
    private static final String UNKNOWN_UUID = "00000000-0000-4000-8000-000000000000";

    private static EmbeddedStack stack;
    /** A 2D image uploaded before the table ({@code upload:<id>}); its one slice is along axis 2. */
    private static String twoD;

    /** A request: service, method, path (with query), content type, body (null: none), and how it is sent. */
    record Call(String service, String method, String path, String type, Supplier<HttpRequest.BodyPublisher> body,
                boolean expectContinue) {
        @Override
        public String toString() {
            return method + " " + service + path;
        }
    }

    /** What came back: status, content type, body. */
    record Answer(int status, String type, String body) {
    }

    /** One row of the table. */
    record Case(String name, Call call, int status, String fragment) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void startStack() throws Exception {
        stack = SharedStack.get();
        Answer upload = send(post("ingest", "/api/volumes", OCTETS, nifti(dims(64, 48), 16, 32,
                floats(64 * 48, n -> 1f + n % 7))));
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        JsonNode answer = JSON.readTree(upload.body());
        assertThat(answer.get("dims").toString()).isEqualTo("[64,48,1]");
        twoD = answer.get("source").asText();
        Answer model = send(post("inference", "/api/models?name=bad-input-identity", OCTETS,
                model(13, identityGraph())));
        assertThat(model.status()).as(model.body()).isEqualTo(201);
    }

    static Stream<Case> cases() {
        List<Case> t = new ArrayList<>();
        // ---- POST /api/experiments: the body ----
        t.add(row("empty body", spec(""), 400, "malformed spec: the body is empty"));
        t.add(row("JSON with a second document after it", spec(SPEC + " {}"), 400, "malformed spec"));
        t.add(row("duplicate key in JSON", spec(SPEC.replace("{\"name\": \"bad-input-base\",",
                "{\"name\": \"a\", \"name\": \"b\",")), 400, "Duplicate field 'name'"));
        t.add(row("duplicate key in YAML", yaml("name: a\nname: b\n"), 400, "Duplicate field 'name'"));
        t.add(row("YAML alias bomb (anchors expanding 9^10)", yaml(yamlBomb()), 400,
                "YAML anchors (&a0) are not supported"));
        t.add(row("YAML alias to a list", yaml("""
                name: alias
                dataset: {source: "sample:ch2bet", slices: [80]}
                anomaly: {type: disk, radius: 20, intensities: [0.5], positions: [[90, 108]]}
                reconstruction: {sigmas: *nothing}
                """), 400, "YAML aliases (*nothing) are not supported"));
        t.add(row("two YAML documents", yaml("name: a\n---\nname: b\n"), 400, "more than one YAML document"));
        t.add(row("JSON nested 5000 deep", spec("[".repeat(5000) + "]".repeat(5000)), 400, "nesting depth"));
        t.add(row("NaN in YAML", yaml(SPEC.replace("[0.0, 1.0]", "[.nan]")), 400, "malformed spec"));
        t.add(row("spec as text/plain", new Call("ingest", "POST", "/api/experiments", "text/plain",
                bytes(SPEC.getBytes(StandardCharsets.UTF_8)), false), 415, "send the body as application/json"));
        t.add(row("spec over 1 MiB, declared length", new Call("ingest", "POST", "/api/experiments",
                "application/json", () -> zeros(2L << 20), true), 413, "max-spec-bytes"));
        t.add(row("spec over 1 MiB, chunked", new Call("ingest", "POST", "/api/experiments", "application/json",
                () -> HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        (" ".repeat(2 << 20) + SPEC).getBytes(StandardCharsets.UTF_8))), false), 413,
                "larger than the limit of 1048576 bytes"));
        // ---- the spec's values ----
        t.add(row("intensity above 1", spec(SPEC.replace("[0.0, 1.0]", "[0.0, 1.5]")), 400,
                "anomaly.intensities[1]: 1.5 is outside [0, 1]"));
        t.add(row("raw scanner intensities", spec(SPEC.replace("[0.0, 1.0]", "{\"linspace\": [0, 133, 3]}")), 400,
                "66.5 is outside [0, 1]; intensities are in units of the normalised slice"));
        t.add(row("negative intensity", spec(SPEC.replace("[0.0, 1.0]", "[-0.2]")), 400, "-0.2 is outside [0, 1]"));
        t.add(row("negative sigma", spec(SPEC.replace("[0.0, 1.0]}", "[0.0, -1.0]}")), 400,
                "reconstruction.sigmas[1]: sigma must be >= 0"));
        t.add(row("radius 0", spec(SPEC.replace("\"radius\": 20", "\"radius\": 0")), 400,
                "anomaly.radius: must be a positive number"));
        t.add(row("linspace of a billion values", spec(SPEC.replace("[0.0, 1.0]}", "{\"linspace\": [0, 1, 1000000000]}}")),
                400, "reconstruction.sigmas"));
        t.add(row("slice 3 of a 2D image", new Call("ingest", "POST", "/api/experiments", "application/json",
                () -> HttpRequest.BodyPublishers.ofString(SPEC.replace("sample:ch2bet", twoD).replace("[80]", "[3]")
                        .replace("[[90, 108]]", "[[10, 10]]")), false), 400, "slice"));
        // ---- dataset sources and object keys ----
        t.add(row("store key climbing out: store:../x", source("store:../x"), 400, "'..' segment"));
        t.add(row("absolute store key", source("store:/etc/passwd"), 400, "empty, '.' or '..' segment"));
        t.add(row("store key with a control character", source("store:a\u0007b.nii"), 400, "U+0007"));
        t.add(row("store key with a Cyrillic look-alike", source("store:br\u0430in.nii"), 400,
                "U+0430 (CYRILLIC SMALL LETTER A)"));
        t.add(row("store key with a backslash", source("store:..\\\\x"), 400, "U+005C"));
        t.add(row("sample name climbing out", source("sample:../../etc/passwd"), 400,
                "must be sample:NAME, upload:ID or store:KEY"));
        t.add(row("upload that does not exist", source("upload:" + UNKNOWN_UUID), 404, "no uploaded volume"));
        t.add(row("store object that does not exist", source("store:nothing/here.nii.gz"), 404,
                "no object 'nothing/here.nii.gz'"));
        t.add(row("model name climbing out", spec(SPEC.replace("\"reconstructor\": \"gaussian-blur\", \"sigmas\": [0.0, 1.0]",
                "\"reconstructor\": \"onnx:../x\"")), 400, "unknown reconstructor 'onnx:../x'"));
        // ---- audits ----
        t.add(row("audit without a model", new Call("ingest", "POST", "/api/audits", "application/json",
                bytes("{}".getBytes(StandardCharsets.UTF_8)), false), 400, "model"));
        t.add(row("audit with intensities above 1", new Call("ingest", "POST", "/api/audits", "application/json",
                bytes("{\"model\": \"bad-input-identity\", \"intensities\": [2]}".getBytes(StandardCharsets.UTF_8)),
                false), 400, "is outside [0, 1]"));
        // ---- POST /api/volumes ----
        t.add(row("4D series of 3 volumes", volume(nifti(dims(2, 2, 2, 3), 2, 8, new byte[24])), 422,
                "only 3D volumes are supported: dim[4] is 3"));
        t.add(row("1D image", volume(nifti(dims(8), 2, 8, new byte[8])), 422, "a 1D image"));
        t.add(row("complex64 datatype", volume(nifti(dims(2, 2, 2), 32, 64, new byte[64])), 422,
                "unsupported NIfTI datatype code 32 (complex64)"));
        t.add(row("RGB datatype", volume(nifti(dims(2, 2, 2), 128, 24, new byte[24])), 422, "(RGB)"));
        t.add(row("a NaN voxel", volume(nifti(dims(4, 4, 4), 16, 32, floats(64, n -> n == 5 ? Float.NaN : 1f))),
                422, "non-finite voxels"));
        t.add(row("an infinite voxel", volume(nifti(dims(4, 4, 4), 16, 32,
                floats(64, n -> n == 9 ? Float.POSITIVE_INFINITY : 1f))), 422, "1 non-finite voxels"));
        t.add(row("a zero dimension", volume(nifti(dims(4, 0, 4), 2, 8, new byte[0])), 422,
                "dim[2] is 0, sizes must be positive"));
        t.add(row("overflowing dimensions 32767^3", volume(nifti(dims(32767, 32767, 32767), 16, 32, new byte[16])),
                422, "volume too large: 32767x32767x32767 voxels"));
        t.add(row("all-zero volume (empty brain mask)", volume(nifti(dims(4, 4, 4), 16, 32, new byte[256])), 422,
                "no positive voxel"));
        t.add(row("256^3 declared, 16 bytes sent", volume(nifti(dims(256, 256, 256), 16, 32, new byte[16])), 422,
                "too short: header says 16777216 voxels"));
        t.add(row("gzip bomb declaring 512^3", volume(gzip(nifti(dims(512, 512, 512), 16, 32, new byte[0]),
                64 << 20)), 422, "volume too large: 512x512x512 voxels"));
        t.add(row("empty upload", volume(new byte[0]), 422, "too short"));
        t.add(row("a PNG", volume(png()), 422, "not a NIfTI-1 file"));
        t.add(row("volume over 256 MiB, declared length", new Call("ingest", "POST", "/api/volumes", OCTETS,
                () -> zeros(300L << 20), true), 413, "max-volume-bytes"));
        t.add(row("volume label with a newline", new Call("ingest", "POST", "/api/volumes?name=" + enc("a\nb"),
                OCTETS, bytes(new byte[1]), false), 400, "control character U+000A"));
        // ---- POST /api/models ----
        byte[] good = model(13, identityGraph());
        t.add(row("no model name", modelCall("", good), 400, "a model name is required"));
        t.add(row("model name ../x", modelCall(enc("../x"), good), 400, "model name '../x' is invalid"));
        t.add(row("model name a/b", modelCall(enc("a/b"), good), 400, "model name 'a/b' is invalid"));
        t.add(row("model name with a control character", modelCall(enc("a\u001bb"), good), 400, "\\u001b"));
        t.add(row("model name with a Cyrillic look-alike", modelCall(enc("\u0430e-latent128"), good), 400,
                "is invalid: it must match"));
        t.add(row("model name taken", modelCall("bad-input-identity", good), 409, "already registered"));
        t.add(row("two inputs", modelCall("two-inputs", model(13, message().message(1, identity("image",
                "reconstruction")).message(11, image("image", 8, 8)).message(11, image("mask", 8, 8))
                .message(12, image("reconstruction", 8, 8)))), 422, "inputs [image, mask] found, expected exactly one"));
        t.add(row("input of rank 3", modelCall("rank3", model(13, message().message(1, identity("image",
                "reconstruction")).message(11, value("image", FLOAT, List.of("N", 8L, 8L)))
                .message(12, image("reconstruction", 8, 8)))), 422, "input 'image' has rank 3"));
        t.add(row("int64 input", modelCall("int64", model(13, message().message(1, identity("image",
                "reconstruction")).message(11, value("image", INT64, List.of("N", 1L, 8L, 8L)))
                .message(12, image("reconstruction", 8, 8)))), 422, "input 'image' type INT64, expected FLOAT"));
        t.add(row("input with a dynamic H and W", modelCall("dynamic", model(13, message().message(1,
                identity("image", "reconstruction")).message(11, value("image", FLOAT, List.of("N", 1L, "H", "W")))
                .message(12, image("reconstruction", 8, 8)))), 422, "must have a fixed H and W"));
        t.add(row("no reconstruction output", modelCall("no-output", model(13, message().message(1,
                identity("image", "out")).message(11, image("image", 8, 8)).message(12, image("out", 8, 8)))), 422,
                "output 'reconstruction' missing"));
        t.add(row("external data", modelCall("external", model(13, identityGraph().message(5,
                tensor("w", FLOAT, new long[] {4}, null).varint(14, 1).message(13, message().string(1, "location")
                        .string(2, "../../../etc/passwd"))))), 422, "keeps its data in an external file"));
        t.add(row("huge initialiser declared in a few bytes", modelCall("huge", model(13, identityGraph().message(5,
                tensor("w", FLOAT, new long[] {100_000, 100_000}, null)))), 422,
                "declares FLOAT [100000, 100000] = 40000000000 bytes, more than the limit"));
        t.add(row("initialiser with less raw data than declared", modelCall("short", model(13, identityGraph()
                .message(5, tensor("w", FLOAT, new long[] {1000}, new byte[4])))), 422, "its raw_data has 4"));
        t.add(row("opset 99", modelCall("opset99", model(99, identityGraph())), 422,
                "opset 99 is outside the supported range"));
        t.add(row("not an ONNX file", modelCall("garbage", "just some text".getBytes(StandardCharsets.UTF_8)), 422,
                "not a loadable ONNX model"));
        t.add(row("empty model file", modelCall("empty", new byte[0]), 422, "the model file is empty"));
        t.add(row("model over 512 MiB, declared length", new Call("inference", "POST", "/api/models?name=big",
                OCTETS, () -> zeros(600L << 20), true), 413, "max-bytes"));
        t.add(row("unknown model", get("inference", "/api/models/nope"), 404, "unknown model 'nope'"));
        // ---- ids that are not UUIDs, on every {id} path of scoring (ingest has none) ----
        for (String path : List.of("/api/experiments/%s", "/api/experiments/%s/cells", "/api/experiments/%s/results",
                "/api/experiments/%s/heatmap.svg", "/api/experiments/%s/histogram", "/api/experiments/%s/curve.png",
                "/api/experiments/%s/match?reference=" + UNKNOWN_UUID, "/results/%s")) {
            t.add(row("experiment id not a UUID: " + path, get("scoring", path.formatted("not-a-uuid")), 400,
                    "experiment id 'not-a-uuid' is not a UUID"));
        }
        t.add(row("UUID.fromString would take 1-1-1-1-1", get("scoring", "/api/experiments/1-1-1-1-1"), 400,
                "is not a UUID"));
        t.add(row("reference not a UUID", get("scoring", "/api/experiments/" + UNKNOWN_UUID + "/match?reference=x"),
                400, "experiment id 'x' is not a UUID"));
        t.add(row("figure list with a bad id", get("scoring", "/api/figures/curves?experiments=" + UNKNOWN_UUID
                + ",bad"), 400, "experiment id 'bad' is not a UUID"));
        for (String path : List.of("/api/audits/%s", "/api/audits/%s/page", "/api/audits/%s/figure.svg")) {
            t.add(row("audit id not a UUID: " + path, get("scoring", path.formatted("x1")), 400,
                    "audit id 'x1' is not a UUID"));
        }
        t.add(row("unknown experiment", get("scoring", "/api/experiments/" + UNKNOWN_UUID + "/cells"), 404,
                "unknown experiment"));
        return t.stream();
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("cases")
    @Order(1)
    void eachBadInputGetsItsStatusAndAMessageSayingWhatToChange(Case c) throws Exception {
        Answer response = send(c.call());
        assertThat(response.status()).as(c + ": " + response.body()).isEqualTo(c.status());
        assertThat(response.type()).as(c.name()).startsWith("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.fieldNames()).toIterable().as(c.name()).containsExactly("error");
        assertThat(body.get("error").asText()).as(c.name()).contains(c.fragment())
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    @Order(2)
    void theTableHasAtLeastFortyCases() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(40);
    }

    @Test
    @Order(3)
    void nothingRefusedWasStoredAndAValidExperimentStillRuns() throws Exception {
        JsonNode models = JSON.readTree(send(get("inference", "/api/models")).body());
        List<String> names = new ArrayList<>();
        models.forEach(m -> names.add(m.get("name").asText()));
        assertThat(names).contains("bad-input-identity").doesNotContain("two-inputs", "rank3", "int64", "external",
                "huge", "short", "opset99", "garbage", "empty", "big", "a", "x");

        Answer accepted = send(spec(SPEC));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = JSON.readTree(accepted.body()).get("id").asText();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            Answer r = send(get("scoring", "/api/experiments/" + id));
            if (r.status() == 200) {
                status = JSON.readTree(r.body());
                if (!"running".equals(status.get("status").asText())) {
                    break;
                }
            }
            Thread.sleep(500);
        }
        assertThat(status).as("no status for " + id).isNotNull();
        assertThat(status.get("status").asText()).as(status.toString()).isEqualTo("done");
        assertThat(status.get("done").asLong()).isEqualTo(4);
    }

    // ---- the one place requests are sent ----

    /** The headers every request carries: the stack's bearer token (roles submit and admin), the body's type. */
    static Map<String, String> headers(Call call) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + stack.token());
        if (call.type() != null) {
            headers.put("Content-Type", call.type());
        }
        return headers;
    }

    /** Sends a call; every request of this class goes through here. */
    static Answer send(Call call) throws IOException, InterruptedException {
        if (call.expectContinue()) {
            return sendHeadersFirst(call);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.url(call.service()) + call.path()))
                .timeout(Duration.ofMinutes(2))
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody() : call.body().get());
        headers(call).forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    /**
     * A large upload as curl sends one: the headers with the declared length and {@code Expect: 100-continue},
     * the body only once the server says continue. A length over the limit is answered before any body byte
     * (here the body is never sent). Java's HttpClient cannot be used for this: it rejects the final response's
     * {@code Connection: close} header after an expect-continue.
     */
    private static Answer sendHeadersFirst(Call call) throws IOException {
        URI uri = URI.create(stack.url(call.service()) + call.path());
        long length = call.body().get().contentLength();
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder(call.method() + " " + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " HTTP/1.1\r\n"
                    + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Content-Length: " + length + "\r\nExpect: 100-continue\r\n");
            headers(call).forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            socket.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String status = line(in);
            int code = Integer.parseInt(status.split(" ")[1]);
            if (code == 100) {
                return fail("the server asked for the " + length + "-byte body instead of refusing it: " + status);
            }
            String type = "";
            int contentLength = -1;
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                String name = h.substring(0, h.indexOf(':')).trim().toLowerCase(java.util.Locale.ROOT);
                String value = h.substring(h.indexOf(':') + 1).trim();
                if (name.equals("content-type")) {
                    type = value;
                } else if (name.equals("content-length")) {
                    contentLength = Integer.parseInt(value);
                }
            }
            byte[] body = contentLength >= 0 ? in.readNBytes(contentLength) : in.readAllBytes();
            return new Answer(code, type, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    // ---- building rows ----

    private static Case row(String name, Call call, int status, String fragment) {
        return new Case(name, call, status, fragment);
    }

    private static Call post(String service, String path, String type, byte[] body) {
        return new Call(service, "POST", path, type, bytes(body), false);
    }

    private static Call get(String service, String path) {
        return new Call(service, "GET", path, null, null, false);
    }

    private static Supplier<HttpRequest.BodyPublisher> bytes(byte[] body) {
        return () -> HttpRequest.BodyPublishers.ofByteArray(body);
    }

    private static Call spec(String text) {
        return post("ingest", "/api/experiments", "application/json", text.getBytes(StandardCharsets.UTF_8));
    }

    private static Call yaml(String text) {
        return post("ingest", "/api/experiments", "application/yaml", text.getBytes(StandardCharsets.UTF_8));
    }

    private static Call source(String source) {
        try {
            return spec(SPEC.replace("\"sample:ch2bet\"", JSON.writeValueAsString(source)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Call volume(byte[] file) {
        return post("ingest", "/api/volumes", OCTETS, file);
    }

    private static Call modelCall(String name, byte[] onnx) {
        return post("inference", "/api/models" + (name.isEmpty() ? "" : "?name=" + name), OCTETS, onnx);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code length} zero bytes, generated as they are sent (never in the heap), with that declared length. */
    private static HttpRequest.BodyPublisher zeros(long length) {
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() ->
                new InputStream() {
                    private long left = length;

                    @Override
                    public int read() {
                        return left-- > 0 ? 0 : -1;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (left <= 0) {
                            return -1;
                        }
                        int n = (int) Math.min(len, left);
                        Arrays.fill(b, off, off + n, (byte) 0);
                        left -= n;
                        return n;
                    }
                }), length);
    }

    /** Anchors nine deep, each list nine aliases of the one before: 9^10 strings if it were expanded. */
    private static String yamlBomb() {
        StringBuilder b = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 9; i++) {
            String prev = "*a" + (i - 1);
            b.append("a").append(i).append(": &a").append(i).append(" [").append(String.join(", ",
                    java.util.Collections.nCopies(9, prev))).append("]\n");
        }
        return b.toString();
    }

    private static byte[] png() {
        byte[] b = new byte[400];
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(magic, 0, b, 0, magic.length);
        return b;
    }
}
