package io.blindspot.deploycheck;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** One object of a rendered overlay, as kustomize wrote it. */
public record Manifest(String apiVersion, String kind, String name, String namespace, JsonNode node) {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

    /** "Deployment/inference-service" */
    public String id() {
        return kind + "/" + name;
    }

    public String group() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    public JsonNode at(String pointer) {
        return node.at(pointer);
    }

    public static List<Manifest> parseAll(String yaml) {
        List<Manifest> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n == null || n.isNull() || n.isEmpty()) {
                    continue;
                }
                out.add(new Manifest(n.path("apiVersion").asText(), n.path("kind").asText(),
                        n.at("/metadata/name").asText(), n.at("/metadata/namespace").asText(""), n));
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable YAML: " + e.getMessage(), e);
        }
        return out;
    }
}
