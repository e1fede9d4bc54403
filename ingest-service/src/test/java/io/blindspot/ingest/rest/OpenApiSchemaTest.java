package io.blindspot.ingest.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.blindspot.ingest.domain.AuditPlan;
import io.blindspot.ingest.domain.InvalidSpecException;
import io.blindspot.ingest.domain.SpecParser;
import io.blindspot.testing.OpenApiDocs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.blindspot.testing.OpenApiDocs.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The OpenAPI document the service serves: the spec and audit bodies are typed objects (not the bare string of a
 * body read as text), and the schema agrees with the parser: every preset validates against it, and what the
 * parser refuses for its shape (an unknown field, a missing section) the schema refuses too.
 */
@QuarkusTest
@QuarkusTestResource(InMemoryChannels.class)
class OpenApiSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PRESETS = Path.of("..", "presets");

    @TestHTTPResource("/q/openapi?format=json")
    URI openapi;

    private JsonNode doc;

    @BeforeEach
    void fetch() throws Exception {
        doc = OpenApiDocs.fetch(openapi);
    }

    @Test
    void theExperimentSpecIsAnObjectWithTheParsersFields() {
        JsonNode post = doc.at("/paths/~1api~1experiments/post");
        for (String type : List.of("application/json", "application/yaml")) {
            JsonNode schema = resolve(post.at("/requestBody/content/" + type.replace("/", "~1") + "/schema"));
            assertThat(schema.path("type").asText()).as(type).isEqualTo("object");
            assertThat(names(schema.get("properties"))).containsExactlyInAnyOrder("name", "dataset", "anomaly",
                    "reconstruction", "metrics");
            assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
            assertThat(names(schema.get("required"))).containsExactlyInAnyOrder("dataset", "anomaly",
                    "reconstruction");
        }
        JsonNode spec = resolve(post.at("/requestBody/content/application~1json/schema"));
        assertThat(names(resolve(spec.at("/properties/dataset")).get("properties")))
                .containsExactlyInAnyOrder("source", "volumes", "axis", "slices", "preprocessing");
        JsonNode anomaly = resolve(spec.at("/properties/anomaly"));
        assertThat(names(anomaly.get("properties")))
                .containsExactlyInAnyOrder("type", "radius", "intensities", "positions", "seed", "normal-fraction");
        assertThat(names(anomaly.at("/properties/type/enum")))
                .containsExactlyElementsOf(SpecParser.ANOMALY_TYPES);
        JsonNode reconstruction = resolve(spec.at("/properties/reconstruction"));
        assertThat(names(reconstruction.get("properties"))).containsExactlyInAnyOrder("mode", "reconstructor",
                "sigmas");
        assertThat(names(reconstruction.at("/properties/mode/enum"))).containsExactlyElementsOf(SpecParser.MODES);
    }

    @Test
    void theSubmissionAnswersAreTyped() {
        JsonNode responses = doc.at("/paths/~1api~1experiments/post/responses");
        JsonNode accepted = resolve(responses.at("/202/content/application~1json/schema"));
        assertThat(names(accepted.get("properties"))).contains("id", "name", "expected", "slices", "volumes");
        for (String code : List.of("400", "401", "403", "413", "422", "503")) {
            assertThat(names(resolve(responses.at("/" + code + "/content/application~1json/schema"))
                    .get("properties"))).as(code).containsExactly("error");
        }
        JsonNode audit = doc.at("/paths/~1api~1audits/post");
        JsonNode request = resolve(audit.at("/requestBody/content/application~1json/schema"));
        assertThat(request.path("type").asText()).isEqualTo("object");
        assertThat(names(request.get("properties"))).containsExactlyInAnyOrder("model", "dataset", "positions",
                "seed", "intensities", "sigmas", "radius", "threshold");
        assertThat(names(request.get("required"))).containsExactly("model");
        assertThat(names(resolve(audit.at("/responses/202/content/application~1json/schema")).get("properties")))
                .contains("auditId", "model", "threshold", "thresholdMetric", "timesChance", "experiments", "links");
    }

    @Test
    void everyPresetValidatesAgainstTheSchemaAndParses() throws Exception {
        JsonSchema schema = validator("ExperimentSpec");
        List<Path> presets;
        try (Stream<Path> files = Files.list(PRESETS)) {
            presets = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(presets).hasSizeGreaterThan(5);
        for (Path preset : presets) {
            JsonNode spec = JSON.readTree(preset.toFile());
            SpecParser.parse(spec);
            assertThat(schema.validate(spec)).as(preset.toString()).isEmpty();
        }
        // generators, several volumes, a texture with positions and seed, a model reconstructor
        for (String spec : List.of("""
                {"dataset": {"volumes": ["upload:a", "upload:b"], "slices": {"range": [80, 90, 5]}},
                 "anomaly": {"type": "disk", "radius": 20, "intensities": {"linspace": [0, 1, 11]}, "seed": 3},
                 "reconstruction": {"reconstructor": "gaussian-blur", "sigmas": {"linspace": [0, 5, 6]}}}""", """
                {"name": "t", "dataset": {"source": "sample:ch2bet", "axis": 1, "slices": [80],
                                          "preprocessing": "equalize-hist"},
                 "anomaly": {"type": "pixel-shuffle", "radius": 10, "positions": [[90, 100]], "seed": 1},
                 "reconstruction": {"mode": "anomal-rec", "reconstructor": "onnx:ae-latent128"},
                 "metrics": ["ap"]}""")) {
            JsonNode node = JSON.readTree(spec);
            SpecParser.parse(node);
            assertThat(schema.validate(node)).as(spec).isEmpty();
        }
    }

    @Test
    void whatTheParserRefusesForItsShapeTheSchemaRefusesToo() throws Exception {
        JsonSchema schema = validator("ExperimentSpec");
        ObjectNode base = (ObjectNode) JSON.readTree(PRESETS.resolve("exp1-small.json").toFile());
        List<JsonNode> refused = new ArrayList<>();
        refused.add(base.deepCopy().put("colour", "red"));
        ObjectNode noDataset = base.deepCopy();
        noDataset.remove("dataset");
        refused.add(noDataset);
        ObjectNode misspelt = base.deepCopy();
        ((ObjectNode) misspelt.get("anomaly")).put("intensity", 0.5);
        refused.add(misspelt);
        ObjectNode badType = base.deepCopy();
        ((ObjectNode) badType.get("anomaly")).put("type", "square");
        refused.add(badType);
        ObjectNode badReconstructor = base.deepCopy();
        ((ObjectNode) badReconstructor.get("reconstruction")).put("reconstructor", "median");
        refused.add(badReconstructor);
        ObjectNode brighterThanWhite = base.deepCopy();
        ((ObjectNode) brighterThanWhite.get("anomaly")).putArray("intensities").add(0.5).add(80);
        refused.add(brighterThanWhite);
        ObjectNode negativeSigma = base.deepCopy();
        ((ObjectNode) negativeSigma.get("reconstruction")).putArray("sigmas").add(-1.0);
        refused.add(negativeSigma);
        ObjectNode negativeSlice = base.deepCopy();
        ((ObjectNode) negativeSlice.get("dataset")).putArray("slices").add(-3);
        refused.add(negativeSlice);
        ObjectNode badMetric = base.deepCopy();
        badMetric.putArray("metrics").add("auc");
        refused.add(badMetric);
        for (JsonNode spec : refused) {
            assertThatThrownBy(() -> SpecParser.parse(spec)).as(spec.toString())
                    .isInstanceOf(InvalidSpecException.class);
            assertThat(schema.validate(spec)).as(spec.toString()).isNotEmpty();
        }
    }

    @Test
    void theDefaultAuditAndAFullOneValidate() throws Exception {
        JsonSchema schema = validator("BlindSpotAudit");
        for (String audit : List.of("""
                {"model": "ae-latent128"}""", """
                {"model": "ae-latent128", "dataset": {"source": "sample:ch2bet", "slices": [80, 85]},
                 "seed": 2, "intensities": [0.2, 0.8], "sigmas": {"linspace": [0, 5, 3]}, "radius": 15,
                 "threshold": 0.4}""", """
                {"model": "ae-latent128", "threshold": {"metric": "ap-normalised", "below": -0.25}}""", """
                {"model": "ae-latent128", "threshold": {"times-chance": 5}}""")) {
            JsonNode node = JSON.readTree(audit);
            AuditPlan.parse(node);
            Set<ValidationMessage> errors = schema.validate(node);
            assertThat(errors).as(audit).isEmpty();
        }
        assertThat(schema.validate(JSON.readTree("{\"dataset\": {\"slices\": [1]}}"))).isNotEmpty();
        assertThat(schema.validate(JSON.readTree("{\"model\": \"ae\", \"threshold\": {\"limit\": 1}}")))
                .isNotEmpty();
    }

    /** A validator for one component schema, its references resolved inside the served document. */
    private JsonSchema validator(String component) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$ref", "#/components/schemas/" + component);
        root.set("components", doc.get("components"));
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
    }

    private JsonNode resolve(JsonNode schema) {
        return OpenApiDocs.resolve(doc, schema);
    }
}
