package io.blindspot.inference.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.inference.messaging.InMemoryChannels;
import io.blindspot.inference.rest.TestJwt;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code cuda} deployment that fell back to the CPU is not ready. This machine has no CUDA (the CPU build of ONNX
 * Runtime has no CUDA provider at all), so provider=cuda always falls back here.
 */
@QuarkusTest
@QuarkusTestResource(InMemoryChannels.class)
@QuarkusTestResource(TestJwt.class)
@TestProfile(CudaFallbackReadinessTest.Cuda.class)
class CudaFallbackReadinessTest {
    public static class Cuda implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("blindspot.inference.provider", "cuda");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/q/health/ready")
    URI ready;

    @Test
    void aCudaFallbackIsDownWithTheReason() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(ready).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        JsonNode onnx = null;
        for (JsonNode check : JSON.readTree(r.body()).get("checks")) {
            if ("onnx-runtime".equals(check.get("name").asText())) {
                onnx = check;
            }
        }
        assertThat(onnx).as(r.body()).isNotNull();
        assertThat(onnx.get("status").asText()).isEqualTo("DOWN");
        JsonNode data = onnx.get("data");
        assertThat(data.get("provider-requested").asText()).isEqualTo("cuda");
        assertThat(data.get("provider-in-use").asText()).isEqualTo("cpu");
        assertThat(data.get("fallback").asBoolean()).isTrue();
        assertThat(data.get("fallback-reason").asText()).isNotEqualTo("none").containsIgnoringCase("cuda");
    }
}
