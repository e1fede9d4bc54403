package io.blindspot.inference.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.inference.domain.onnx.TestModels;
import io.blindspot.inference.messaging.InMemoryChannels;
import io.blindspot.inference.store.InMemoryModelStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/models} needs a bearer token with role admin, verified by SmallRye JWT against the configured
 * public key and issuer: every refusal is a JSON {@code {"error": ...}} and stores nothing; reads stay open.
 */
@QuarkusTest
@QuarkusTestResource(InMemoryChannels.class)
@QuarkusTestResource(TestJwt.class)
class ModelAuthTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/api/models")
    URI models;

    @Inject
    InMemoryModelStore store;

    private HttpResponse<String> upload(String name, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(models + "?name=" + name))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(TestModels.bytes("scale2-8x8.onnx")));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertRefused(HttpResponse<String> r, int status, String errorStart, String name) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("error").asText()).startsWith(errorStart);
        assertThat(body.size()).isEqualTo(1);
        assertThat(store.files).doesNotContainKey(name);
    }

    @Test
    void withoutATokenIs401WithABearerChallenge() throws Exception {
        HttpResponse<String> r = upload("auth-none", null);
        assertRefused(r, 401, "this request needs a bearer token", "auth-none");
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void aTokenOfAnotherKeyAnExpiredOneOrAnotherIssuerIs401() throws Exception {
        assertRefused(upload("auth-foreign", TestJwt.foreignToken("admin")), 401,
                "the bearer token was not accepted", "auth-foreign");
        assertRefused(upload("auth-expired", TestJwt.expiredToken("admin")), 401,
                "the bearer token was not accepted", "auth-expired");
        assertRefused(upload("auth-issuer", TestJwt.otherIssuerToken("admin")), 401,
                "the bearer token was not accepted", "auth-issuer");
        assertRefused(upload("auth-garbage", "not.a.jwt"), 401, "the bearer token was not accepted",
                "auth-garbage");
    }

    @Test
    void roleSubmitIsNotEnoughForModels() throws Exception {
        assertRefused(upload("auth-submit", TestJwt.token("submit")), 403, "the bearer token lacks the role",
                "auth-submit");
        assertRefused(upload("auth-norole", TestJwt.token()), 403, "the bearer token lacks the role",
                "auth-norole");
    }

    @Test
    void roleAdminRegisters() throws Exception {
        HttpResponse<String> r = upload("auth-admin", TestJwt.token("admin"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(store.files).containsKey("auth-admin");
    }

    @Test
    void readsHealthAndMetricsStayOpenEvenWithABadToken() throws Exception {
        for (String path : new String[]{"/api/models", "/q/health/ready", "/q/metrics", "/q/openapi"}) {
            HttpResponse<String> open = http.send(HttpRequest.newBuilder(models.resolve(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(open.statusCode()).as(path).isEqualTo(200);
        }
        HttpResponse<String> stray = http.send(HttpRequest.newBuilder(models.resolve("/q/health/live"))
                .header("Authorization", "Bearer " + TestJwt.foreignToken("admin")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stray.statusCode()).isEqualTo(200);
    }
}
