package io.blindspot.inference.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.inference.messaging.InMemoryChannels;
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

/** {@code blindspot.auth.protect-reads=true}: every GET under /api needs a valid token of any role. */
@QuarkusTest
@QuarkusTestResource(InMemoryChannels.class)
@QuarkusTestResource(TestJwt.class)
@TestProfile(ProtectedReadsTest.ProtectReads.class)
class ProtectedReadsTest {
    public static class ProtectReads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("blindspot.auth.protect-reads", "true");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/api/models")
    URI models;

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(models.resolve(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readsNeedAValidTokenOfAnyRole() throws Exception {
        HttpResponse<String> none = get("/api/models", null);
        assertThat(none.statusCode()).as(none.body()).isEqualTo(401);
        assertThat(JSON.readTree(none.body()).get("error").asText()).startsWith("this request needs a bearer token");

        HttpResponse<String> expired = get("/api/models", TestJwt.expiredToken("submit"));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(expired.body()).get("error").asText())
                .startsWith("the bearer token was not accepted");

        assertThat(get("/api/models", TestJwt.token("submit")).statusCode()).isEqualTo(200);
        assertThat(get("/api/models", TestJwt.token()).statusCode()).isEqualTo(200);
    }

    @Test
    void healthAndMetricsStayOpen() throws Exception {
        assertThat(get("/q/health/ready", null).statusCode()).isEqualTo(200);
        assertThat(get("/q/metrics", null).statusCode()).isEqualTo(200);
    }
}
