package io.blindspot.support.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared answers' messages and the table of accepted media types, without starting Quarkus (each service's
 * own tests send the requests: ingest's ErrorMappersTest).
 */
class ErrorMappersTest {

    @Path("/api/things")
    @Consumes(MediaType.APPLICATION_JSON)
    public static class Things {
        @POST
        @Consumes({MediaType.APPLICATION_JSON, "application/yaml, text/yaml"})
        public void create(String body) {
        }

        @PUT
        @Path("{id}")
        public void replace(String body) {
        }

        @PUT
        @Path("/{id}/parts/{part: [0-9]+}")
        @Consumes(MediaType.APPLICATION_OCTET_STREAM)
        public void part(byte[] body) {
        }

        @GET
        public String list() {
            return "";
        }
    }

    @Path("api/other/")
    public static class Other {
        @POST
        public void noConsumes(String body) {
        }
    }

    private final List<AcceptedMediaTypes.Endpoint> table = AcceptedMediaTypes.endpoints(List.of(Things.class,
            Other.class));

    @Test
    void theTypesAcceptedAreTheMethodsOrElseTheClasss() {
        assertThat(AcceptedMediaTypes.accepted(table, "POST", "/api/things"))
                .containsExactly("application/json", "application/yaml", "text/yaml");
        assertThat(AcceptedMediaTypes.accepted(table, "POST", "api/things/")).containsExactly("application/json",
                "application/yaml", "text/yaml");
        assertThat(AcceptedMediaTypes.accepted(table, "PUT", "/api/things/42")).containsExactly("application/json");
        assertThat(AcceptedMediaTypes.accepted(table, "PUT", "/api/things/42/parts/7"))
                .containsExactly("application/octet-stream");
    }

    @Test
    void noTypesWhereNothingMatchesOrNothingIsDeclared() {
        assertThat(AcceptedMediaTypes.accepted(table, "PUT", "/api/things/42/parts/x")).isEmpty();
        assertThat(AcceptedMediaTypes.accepted(table, "DELETE", "/api/things")).isEmpty();
        assertThat(AcceptedMediaTypes.accepted(table, "POST", "/api/other")).isEmpty();
        assertThat(AcceptedMediaTypes.accepted(table, "POST", "/api/thingsx")).isEmpty();
        assertThat(AcceptedMediaTypes.accepted(table, "PUT", "/api/things/4/2")).isEmpty();
    }

    @Test
    void theMessagesSayTheCallAndWhatToSend() {
        assertThat(ErrorMappers.notFoundMessage("GET /api/nope")).isEqualTo("no such resource: GET /api/nope");
        assertThat(ErrorMappers.notAllowedMessage("DELETE /api/x")).isEqualTo("method not allowed: DELETE /api/x");
        assertThat(ErrorMappers.unsupportedMessage(MediaType.TEXT_PLAIN_TYPE, "POST /api/things",
                List.of("application/json", "application/yaml", "text/yaml")))
                .isEqualTo("unsupported media type 'text/plain' for POST /api/things; send the body as "
                        + "application/json, application/yaml or text/yaml");
        assertThat(ErrorMappers.unsupportedMessage(null, "PUT /api/x", List.of("application/octet-stream")))
                .isEqualTo("unsupported media type (none) for PUT /api/x; send the body as application/octet-stream");
        assertThat(ErrorMappers.unsupportedMessage(null, "PUT /api/x", List.of()))
                .isEqualTo("unsupported media type (none) for PUT /api/x");
        assertThat(ErrorMappers.internalMessage(new IllegalStateException("secret detail"), "blindspot-ingest"))
                .isEqualTo("internal error (IllegalStateException); see the blindspot-ingest log");
    }

    @Test
    void theBodyIsJsonWithTheMessage() {
        Response r = ErrorBody.response(Response.Status.CONFLICT, "taken");
        assertThat(r.getStatus()).isEqualTo(409);
        assertThat(r.getMediaType()).isEqualTo(MediaType.APPLICATION_JSON_TYPE);
        assertThat(r.getEntity()).isEqualTo(new ErrorBody("taken"));
    }
}
