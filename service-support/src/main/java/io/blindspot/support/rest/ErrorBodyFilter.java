package io.blindspot.support.rest;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.List;
import java.util.Map;

/**
 * Gives every 4xx/5xx response of every service's OpenAPI document that is declared without content (an
 * {@code @APIResponse} with a code and a description only) the {@link ErrorBody} JSON schema, so the resources
 * need not repeat it; and adds the {@code Error} schema to the components when no resource names it. Runs at
 * build time, so the document written to {@code target/openapi/} has it too.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ErrorBodyFilter implements OASFilter {
    static final String JSON = "application/json";
    static final String REF = "#/components/schemas/" + ErrorBody.SCHEMA;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean used = false;
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            Map<PathItem.HttpMethod, Operation> operations = item.getOperations();
            if (operations == null) {
                continue;
            }
            for (Operation operation : operations.values()) {
                if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
                    continue;
                }
                for (Map.Entry<String, APIResponse> e : operation.getResponses().getAPIResponses().entrySet()) {
                    if (isError(e.getKey()) && e.getValue().getRef() == null && isEmpty(e.getValue())) {
                        e.getValue().setContent(OASFactory.createContent().addMediaType(JSON,
                                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF))));
                        used = true;
                    }
                }
            }
        }
        if (used) {
            if (openAPI.getComponents() == null) {
                openAPI.setComponents(OASFactory.createComponents());
            }
            Map<String, Schema> schemas = openAPI.getComponents().getSchemas();
            if (schemas == null || !schemas.containsKey(ErrorBody.SCHEMA)) {
                openAPI.getComponents().addSchema(ErrorBody.SCHEMA, schema());
            }
        }
    }

    /** The schema the scanner makes of {@link ErrorBody}. */
    static Schema schema() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("error", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("What is wrong"))
                .required(List.of("error"));
    }

    static boolean isError(String code) {
        return code != null && code.length() == 3 && (code.charAt(0) == '4' || code.charAt(0) == '5');
    }

    private static boolean isEmpty(APIResponse response) {
        return response.getContent() == null || response.getContent().getMediaTypes() == null
                || response.getContent().getMediaTypes().isEmpty();
    }
}
