package io.blindspot.inference.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.inference.domain.onnx.TestModels;
import io.blindspot.inference.messaging.InMemoryChannels;
import io.blindspot.inference.store.InMemoryModelStore;
import io.blindspot.testing.OnnxProto;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry over HTTP in the assembled service (in-memory channels and model store: no Kafka, no S3). */
@QuarkusTest
@QuarkusTestResource(InMemoryChannels.class)
@QuarkusTestResource(TestJwt.class)
class ModelResourceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/api/models")
    URI models;

    @Inject
    InMemoryModelStore store;

    private HttpResponse<String> post(String query, byte[] body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(models + query))
                .header("Content-Type", "application/octet-stream")
                .header("Authorization", "Bearer " + TestJwt.token("admin"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(models + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void uploadListAndDescribe() throws Exception {
        HttpResponse<String> created = post("?name=http-scale2", TestModels.bytes("scale2-8x8.onnx"));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                l -> assertThat(l).endsWith("/api/models/http-scale2"));
        JsonNode body = JSON.readTree(created.body());
        assertThat(JSON.readTree(created.body())).isEqualTo(JSON.readTree("""
                {"name": "http-scale2",
                 "inputs": [{"name": "image", "type": "FLOAT", "shape": ["N", 1, 8, 8]}],
                 "outputs": [{"name": "reconstruction", "type": "FLOAT", "shape": ["N", 1, 8, 8]}],
                 "input_size": [8, 8],
                 "metadata": {"family": "test-scale2", "final_loss": "0.0", "input_size": "8", "latent": "none",
                              "steps": "0", "training_data": "none"}}"""));
        assertThat(store.files).containsKey("http-scale2");

        HttpResponse<String> one = get("/http-scale2");
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(one.body())).isEqualTo(body);

        HttpResponse<String> all = get("");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(all.body()).findValuesAsText("name")).contains("http-scale2");
    }

    @Test
    void aContractMismatchIs422NamingItAndStoresNothing() throws Exception {
        HttpResponse<String> r = post("?name=http-int64", TestModels.bytes("int64-input.onnx"));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(r.body())).isEqualTo(JSON.readTree(
                "{\"error\": \"input 'image' type INT64, expected FLOAT\"}"));
        assertThat(store.files).doesNotContainKey("http-int64");
    }

    @Test
    void aGraphWrittenTwiceIs422JsonAndStoresNothing() throws Exception {
        OnnxProto external = OnnxProto.identityGraph()
                .message(5, OnnxProto.tensor("w", OnnxProto.FLOAT, new long[] {4}, null).varint(14, 1));
        byte[] twice = OnnxProto.message().varint(1, 8).message(8, OnnxProto.message().string(1, "").varint(2, 13))
                .message(7, external).message(7, OnnxProto.identityGraph()).bytes();
        HttpResponse<String> r = post("?name=http-two-graphs", twice);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(r.body()).get("error").asText())
                .startsWith("not a loadable ONNX model: the model's graph occurs more than once in the file");
        assertThat(store.files).doesNotContainKey("http-two-graphs");
    }

    @Test
    void anUploadIsBufferedAloneInAnOwnerOnlyDirectoryThatIsDeletedAfterwards() throws Exception {
        List<Path> seen = new ArrayList<>();
        String got = ModelResource.buffered(new ByteArrayInputStream(new byte[] {1, 2, 3}), file -> {
            seen.add(file);
            try (Stream<Path> beside = Files.list(file.getParent())) {
                assertThat(beside.toList()).containsExactly(file);
                assertThat(file.getParent().getFileName().toString()).startsWith("blindspot-model-");
                assertThat(file.getParent().getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                        .isEqualTo("rwx------");
                assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return "loaded";
        });
        assertThat(got).isEqualTo("loaded");
        assertThat(seen.get(0)).doesNotExist();
        assertThat(seen.get(0).getParent()).doesNotExist();
        // Also when the check refuses the file.
        assertThatThrownBy(() -> ModelResource.buffered(new ByteArrayInputStream(new byte[1]), file -> {
            seen.add(file);
            throw new IllegalArgumentException("refused");
        })).hasMessage("refused");
        assertThat(seen.get(1)).doesNotExist();
        assertThat(seen.get(1).getParent()).doesNotExist();
    }

    @Test
    void badNameDuplicateAndUnknownModel() throws Exception {
        HttpResponse<String> noName = post("", TestModels.bytes("scale2-8x8.onnx"));
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noName.body()).get("error").asText()).startsWith("a model name is required");

        assertThat(post("?name=http-dup", TestModels.bytes("scale2-8x8.onnx")).statusCode()).isEqualTo(201);
        HttpResponse<String> dup = post("?name=http-dup", TestModels.bytes("scale2-8x8.onnx"));
        assertThat(dup.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(dup.body()).get("error").asText())
                .isEqualTo("model 'http-dup' is already registered; choose another name");

        HttpResponse<String> unknown = get("/no-such-model");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).startsWith("unknown model 'no-such-model'");
    }

    /** The shared mappers of service-support answer what the resource does not: a wrong type, an unknown path. */
    @Test
    void aWrongBodyTypeAndAnUnknownPathAreJsonErrors() throws Exception {
        HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(models + "?name=as-json"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestJwt.token("admin"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(json.body()).get("error").asText()).isEqualTo("unsupported media type "
                + "'application/json' for POST /api/models; send the body as application/octet-stream");

        HttpResponse<String> nowhere = get("/x/y");
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(nowhere.body()).get("error").asText()).isEqualTo(
                "no such resource: GET /api/models/x/y");
    }

    @Test
    void readinessShowsTheExecutionProvider() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(models.resolve("/q/health/ready")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode onnx = null;
        for (JsonNode check : JSON.readTree(r.body()).get("checks")) {
            if ("onnx-runtime".equals(check.get("name").asText())) {
                onnx = check;
            }
        }
        assertThat(onnx).isNotNull();
        assertThat(onnx.get("status").asText()).isEqualTo("UP");
        assertThat(onnx.get("data").get("provider-requested").asText()).isEqualTo("cpu");
        assertThat(onnx.get("data").get("provider-in-use").asText()).isEqualTo("cpu");
        assertThat(onnx.get("data").get("fallback").asBoolean()).isFalse();
        assertThat(onnx.get("data").get("fallback-reason").asText()).isEqualTo("none");

        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(models.resolve("/q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("blindspot_inference_provider_in_use{provider=\"cpu\"} 1.0")
                .contains("blindspot_inference_provider_fallback{requested=\"cpu\"} 0.0");
    }
}
