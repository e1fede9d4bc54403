package io.blindspot.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads the OpenAPI document a service serves ({@code /q/openapi?format=json}) for the services' schema tests. */
public final class OpenApiDocs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiDocs() {
    }

    /** The document at {@code openapi}, which must answer 200. */
    public static JsonNode fetch(URI openapi) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(openapi).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** {@code schema}, which must be present, or the component its {@code $ref} names in {@code doc}. */
    public static JsonNode resolve(JsonNode doc, JsonNode schema) {
        assertThat(schema.isMissingNode()).as("schema present").isFalse();
        JsonNode ref = schema.get("$ref");
        return ref == null ? schema : doc.at(ref.asText().substring(1));
    }

    /** The field names of an object, or the texts of an array's elements; none for anything else. */
    public static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node != null && node.isObject()) {
            node.fieldNames().forEachRemaining(names::add);
        } else if (node != null && node.isArray()) {
            node.forEach(n -> names.add(n.asText()));
        }
        return names;
    }
}
