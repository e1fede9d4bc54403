package io.blindspot.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.ingest.domain.InvalidSpecException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The answers of service-support's shared mappers in this service, beside ingest's own: JAX-RS's refusals and the
 * catch-all 500 in the one {@code {"error"}} shape, and ingest's specific mappers still winning over the
 * catch-all (an invalid spec stays a 400).
 */
@QuarkusTest
@QuarkusTestResource(InMemoryChannels.class)
class ErrorAnswersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Failures on demand; hidden from the OpenAPI document. */
    @Path("/test-failures")
    public static class Failures {
        @GET
        @Path("invalid-spec")
        @Operation(hidden = true)
        public String invalidSpec() {
            throw new InvalidSpecException("anomaly.radius: must be a positive number");
        }

        @GET
        @Path("unexpected")
        @Operation(hidden = true)
        public String unexpected() {
            throw new IllegalStateException("a detail that stays in the log");
        }

        @GET
        @Path("gone")
        @Operation(hidden = true)
        public String gone() {
            throw new ClientErrorException("this was removed", 410);
        }
    }

    @TestHTTPResource("/")
    URI root;

    @Test
    void anUnknownPathIsA404NamingTheCall() throws Exception {
        assertAnswer(send("GET", "api/nothing-here", null), 404, "no such resource: GET /api/nothing-here");
    }

    @Test
    void aWrongMethodIsA405NamingTheCall() throws Exception {
        assertAnswer(send("DELETE", "api/samples", null), 405, "method not allowed: DELETE /api/samples");
    }

    @Test
    void aSpecOfAnotherTypeIsA415NamingTheTypesAccepted() throws Exception {
        assertAnswer(send("POST", "api/experiments", "text/plain"), 415,
                "unsupported media type 'text/plain' for POST /api/experiments; send the body as application/json, "
                        + "application/yaml, text/yaml or application/x-yaml");
    }

    @Test
    void ingestsOwnMapperWinsOverTheCatchAll() throws Exception {
        assertAnswer(send("GET", "test-failures/invalid-spec", null), 400,
                "anomaly.radius: must be a positive number");
    }

    @Test
    void anyOtherFailureIsA500WithoutItsDetails() throws Exception {
        HttpResponse<String> r = send("GET", "test-failures/unexpected", null);
        assertAnswer(r, 500, "internal error (IllegalStateException); see the blindspot-ingest log");
        assertThat(r.body()).doesNotContain("a detail", "\tat ", "Exception:");
    }

    @Test
    void anotherRefusalKeepsItsStatusAndMessage() throws Exception {
        assertAnswer(send("GET", "test-failures/gone", null), 410, "this was removed");
    }

    private HttpResponse<String> send(String method, String path, String type) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(root.resolve(path));
        if (type != null) {
            request.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString("name: x"));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertAnswer(HttpResponse<String> r, int status, String message) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.properties()).hasSize(1);
        assertThat(body.get("error").asText()).isEqualTo(message);
    }
}
