package io.blindspot.inference.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.blindspot.inference.messaging.InMemoryChannels;
import io.blindspot.testing.OpenApiDocs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static io.blindspot.testing.OpenApiDocs.names;
import static io.blindspot.testing.OpenApiDocs.resolve;
import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document: the model upload (a binary body, its name parameter) and the model views are typed. */
@QuarkusTest
@QuarkusTestResource(InMemoryChannels.class)
@QuarkusTestResource(TestJwt.class)
class OpenApiSchemaTest {
    @TestHTTPResource("/q/openapi?format=json")
    URI openapi;

    @Test
    void theModelUploadAndTheModelsAreDocumented() throws Exception {
        JsonNode doc = OpenApiDocs.fetch(openapi);

        JsonNode post = doc.at("/paths/~1api~1models/post");
        JsonNode body = post.at("/requestBody/content/application~1octet-stream/schema");
        assertThat(body.get("type").asText()).isEqualTo("string");
        assertThat(body.get("format").asText()).isEqualTo("binary");
        assertThat(post.at("/requestBody/required").asBoolean()).isTrue();
        JsonNode name = post.get("parameters").get(0);
        assertThat(name.get("name").asText()).isEqualTo("name");
        assertThat(name.get("required").asBoolean()).isTrue();
        assertThat(name.at("/schema/pattern").asText()).contains("[a-z0-9._-]");

        JsonNode created = resolve(doc, post.at("/responses/201/content/application~1json/schema"));
        assertThat(names(created.get("properties"))).contains("name", "inputs", "outputs", "input_size",
                "metadata");
        for (String code : List.of("400", "401", "403", "409", "413", "422")) {
            assertThat(names(resolve(doc, post.at("/responses/" + code + "/content/application~1json/schema"))
                    .get("properties"))).as(code).containsExactly("error");
        }
        JsonNode list = doc.at("/paths/~1api~1models/get/responses/200/content/application~1json/schema");
        assertThat(list.get("type").asText()).isEqualTo("array");
        assertThat(resolve(doc, list.get("items"))).isEqualTo(created);
        JsonNode one = doc.at("/paths/~1api~1models~1{name}/get/responses");
        assertThat(resolve(doc, one.at("/200/content/application~1json/schema"))).isEqualTo(created);
        assertThat(one.has("404")).isTrue();
    }
}
