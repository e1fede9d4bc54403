package io.blindspot.support.rest;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Error responses declared without content get the Error schema; the others are left as they are. */
class ErrorBodyFilterTest {

    @Test
    void errorResponsesWithoutContentGetTheErrorSchema() {
        Operation post = OASFactory.createOperation().responses(OASFactory.createAPIResponses()
                .addAPIResponse("202", OASFactory.createAPIResponse().description("accepted"))
                .addAPIResponse("400", OASFactory.createAPIResponse().description("invalid"))
                .addAPIResponse("503", OASFactory.createAPIResponse().description("store away"))
                .addAPIResponse("409", OASFactory.createAPIResponse().description("own body").content(
                        OASFactory.createContent().addMediaType("text/plain", OASFactory.createMediaType()))));
        OpenAPI doc = OASFactory.createOpenAPI().paths(OASFactory.createPaths()
                .addPathItem("/api/x", OASFactory.createPathItem().POST(post)));

        new ErrorBodyFilter().filterOpenAPI(doc);

        assertThat(schemaRef(post.getResponses().getAPIResponse("400"))).isEqualTo("#/components/schemas/Error");
        assertThat(schemaRef(post.getResponses().getAPIResponse("503"))).isEqualTo("#/components/schemas/Error");
        assertThat(post.getResponses().getAPIResponse("202").getContent()).isNull();
        assertThat(post.getResponses().getAPIResponse("409").getContent().getMediaTypes()).containsOnlyKeys(
                "text/plain");
        assertThat(doc.getComponents().getSchemas().get("Error").getProperties()).containsOnlyKeys("error");
        assertThat(doc.getComponents().getSchemas().get("Error").getRequired()).containsExactly("error");
    }

    @Test
    void aDocumentWithoutErrorsGetsNoSchema() {
        OpenAPI doc = OASFactory.createOpenAPI().paths(OASFactory.createPaths().addPathItem("/api/x",
                OASFactory.createPathItem().GET(OASFactory.createOperation().responses(OASFactory
                        .createAPIResponses().addAPIResponse("200", OASFactory.createAPIResponse())))));
        new ErrorBodyFilter().filterOpenAPI(doc);
        assertThat(doc.getComponents()).isNull();
    }

    private static String schemaRef(APIResponse response) {
        return response.getContent().getMediaType("application/json").getSchema().getRef();
    }
}
