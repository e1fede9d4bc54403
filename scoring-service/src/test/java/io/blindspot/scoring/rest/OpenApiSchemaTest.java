package io.blindspot.scoring.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.blindspot.testing.OpenApiDocs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.blindspot.testing.OpenApiDocs.names;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the service serves: every answer of every path has a schema (the result documents as
 * typed objects, figures as binary or text), the experiment list's parameters and page are described, and errors
 * are the {@code {"error": ...}} object, ErrorBody, through shared responses ({@code $ref}s are followed).
 */
@QuarkusTest
@QuarkusTestResource(ScoringTestResources.class)
class OpenApiSchemaTest {
    @TestHTTPResource("/q/openapi?format=json")
    URI openapi;

    private JsonNode doc;

    @BeforeEach
    void fetch() throws Exception {
        doc = OpenApiDocs.fetch(openapi);
    }

    @Test
    void everyAnswerOfEveryPathHasASchema() {
        List<String> untyped = new ArrayList<>();
        doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            JsonNode responses = op.getValue().get("responses");
            assertThat(responses.has("200")).as(op.getKey() + " " + path.getKey()).isTrue();
            responses.properties().forEach(response -> {
                JsonNode content = resolve(response.getValue()).get("content");
                if (content == null || content.isEmpty()) {
                    untyped.add(op.getKey() + " " + path.getKey() + " " + response.getKey() + ": no content");
                    return;
                }
                content.properties().forEach(media -> {
                    JsonNode schema = media.getValue().get("schema");
                    if (schema == null || !(schema.has("$ref") || schema.has("type"))) {
                        untyped.add(op.getKey() + " " + path.getKey() + " " + response.getKey() + " "
                                + media.getKey());
                    }
                });
            });
        }));
        assertThat(untyped).isEmpty();
    }

    @Test
    void theResultDocumentsAreTypedObjects() {
        Map<String, List<String>> expected = Map.of(
                "/api/experiments/{id}", List.of("id", "name", "status", "done", "expected", "submittedAt",
                        "anomaly_type", "spec", "errors", "last_progress", "waiting_for"),
                "/api/experiments/{id}/cells", List.of("id", "name", "metric", "cells"),
                "/api/experiments/{id}/match", List.of("experiment", "reference", "matchedBy", "index", "value",
                        "sad", "atEdge", "edge", "curve", "matched"),
                "/api/experiments/{id}/histogram", List.of("experiment", "edges", "counts", "pixels", "above",
                        "quantiles"),
                "/api/audits/{auditId}", List.of("auditId", "model", "threshold", "status", "experiments", "modes",
                        "histogram"));
        expected.forEach((path, fields) -> {
            JsonNode schema = json200(path);
            assertThat(schema.path("type").asText()).as(path).isEqualTo("object");
            assertThat(names(schema.get("properties"))).as(path).containsAll(fields);
        });
        JsonNode spec = resolve(json200("/api/experiments/{id}").at("/properties/spec"));
        assertThat(names(spec.get("properties"))).contains("name", "dataset", "anomaly", "reconstruction",
                "metrics");
        JsonNode cell = resolve(json200("/api/experiments/{id}/cells").at("/properties/cells/items"));
        assertThat(names(cell.get("properties"))).containsExactlyInAnyOrder("intensity", "sigma", "intensity_index",
                "sigma_index", "ap_mean", "ap_std", "n", "mean_residual", "prevalence", "n_undefined");

        // A match at the edge of the reference grid: the flag, and which way with the grid to run instead.
        JsonNode match = json200("/api/experiments/{id}/match");
        assertThat(match.at("/properties/atEdge/type").asText()).isEqualTo("boolean");
        assertThat(match.at("/properties/atEdge/description").asText()).contains("first or the last");
        JsonNode edge = resolve(doc.at("/components/schemas/MatchEdge"));
        assertThat(names(edge.get("properties"))).containsExactlyInAnyOrder("side", "note", "suggestedGrid",
                "suggestedSpec");
        assertThat(names(edge.at("/properties/side/enum"))).containsExactly("first", "last", "only");
        JsonNode mode = resolve(json200("/api/audits/{auditId}").at("/properties/modes/additionalProperties"));
        assertThat(names(mode.get("properties"))).contains("matchedSigma", "sad", "atEdge", "edge", "chance",
                "threshold", "ruleCurve", "ruleError");
        assertThat(names(json200("/api/audits/{auditId}").get("properties"))).contains("threshold",
                "thresholdMetric", "timesChance", "rule");

        JsonNode results = doc.at("/paths/~1api~1experiments~1{id}~1results/get/responses/200/content");
        assertThat(results.at("/application~1json/schema/type").asText()).isEqualTo("array");
        assertThat(names(resolve(results.at("/application~1json/schema/items")).get("properties")))
                .containsExactlyInAnyOrder("volume", "axis", "slice", "intensity", "sigma", "intensity_index",
                        "sigma_index", "metric", "ap", "mean_residual", "position", "prevalence", "threshold");
        assertThat(results.at("/text~1csv/schema/type").asText()).isEqualTo("string");

        JsonNode heatmap = resolve(doc.at("/paths/~1api~1experiments~1{id}~1heatmap.{format}/get/responses/200"))
                .get("content");
        assertThat(heatmap.at("/image~1png/schema/format").asText()).isEqualTo("binary");
        assertThat(heatmap.at("/image~1svg+xml/schema/type").asText()).isEqualTo("string");
        JsonNode missing = resolve(resolve(doc.at("/paths/~1api~1experiments~1{id}/get/responses/404"))
                .at("/content/application~1json/schema"));
        assertThat(names(missing.get("properties"))).containsExactly("error");
    }

    /** {@code ?metric=} and {@code ?aggregation=} on every figure of one metric and the experiment page. */
    @Test
    void theFiguresAndThePageTakeAMetricAndAnAggregation() {
        for (String path : List.of("/api/experiments/{id}/heatmap.{format}", "/api/experiments/{id}/curve.{format}",
                "/api/experiments/{id}/match", "/api/figures/curves", "/api/figures/curves.{format}",
                "/results/{id}")) {
            List<String> names = new ArrayList<>();
            JsonNode aggregation = null;
            for (JsonNode p : doc.at("/paths/" + path.replace("/", "~1") + "/get/parameters")) {
                names.add(resolve(p).get("name").asText());
                if (resolve(p).get("name").asText().equals("aggregation")) {
                    aggregation = resolve(p);
                }
            }
            assertThat(names).as(path).contains("metric", "aggregation");
            assertThat(aggregation.at("/schema/default").asText()).isEqualTo("slice-mean");
            assertThat(names(aggregation.at("/schema/enum"))).containsExactly("slice-mean", "volume-mean", "pooled",
                    "pooled-float16");
        }
    }

    /** {@code ?metric=} on the cells, the results and the heatmap: a string of the metrics a spec may list. */
    @Test
    void theCellsResultsAndHeatmapTakeAMetric() {
        for (String path : List.of("/api/experiments/{id}/cells", "/api/experiments/{id}/results",
                "/api/experiments/{id}/heatmap.{format}")) {
            JsonNode metric = null;
            for (JsonNode p : doc.at("/paths/" + path.replace("/", "~1") + "/get/parameters")) {
                if (resolve(p).get("name").asText().equals("metric")) {
                    metric = resolve(p);
                }
            }
            assertThat(metric).as(path).isNotNull();
            assertThat(metric.get("in").asText()).isEqualTo("query");
            assertThat(metric.at("/schema/type").asText()).isEqualTo("string");
            assertThat(metric.at("/schema/default").asText()).isEqualTo("ap");
            assertThat(names(metric.at("/schema/enum"))).containsExactly("ap", "ap-normalised", "auroc",
                    "dice-best", "aupro-0.3", "dice-at-normal-q99", "auroc-image", "ap-image");
        }
    }

    @Test
    void theExperimentListIsAPageWithItsParameters() {
        JsonNode get = doc.at("/paths/~1api~1experiments/get");
        List<String> parameters = new ArrayList<>();
        get.get("parameters").forEach(p -> parameters.add(p.get("name").asText()));
        assertThat(parameters).containsExactlyInAnyOrder("limit", "offset", "status");
        get.get("parameters").forEach(p -> {
            if (p.get("name").asText().equals("limit")) {
                assertThat(p.at("/schema/type").asText()).isEqualTo("integer");
                assertThat(p.at("/schema/maximum").asInt()).isEqualTo(500);
                assertThat(p.at("/schema/minimum").asInt()).isEqualTo(1);
            }
            if (p.get("name").asText().equals("status")) {
                assertThat(names(p.at("/schema/enum"))).containsExactlyInAnyOrder("running", "waiting", "stalled",
                        "done", "failed");
            }
        });
        JsonNode page = json200("/api/experiments");
        assertThat(names(page.get("properties"))).containsExactlyInAnyOrder("experiments", "limit", "offset",
                "status", "next_offset", "next");
        JsonNode item = resolve(page.at("/properties/experiments/items"));
        assertThat(names(item.get("properties"))).contains("id", "name", "status", "done", "expected",
                "submittedAt", "anomaly_type", "href");
        assertThat(resolve(get.at("/responses/400")).at("/content/application~1json/schema").isMissingNode())
                .isFalse();
    }

    /**
     * Every error answer is the one ErrorBody schema, {@code {"error": string}}, written once in
     * META-INF/openapi.yaml and referenced by every path through the shared responses.
     */
    @Test
    void everyErrorIsTheOneErrorBody() {
        JsonNode body = doc.at("/components/schemas/Error");
        assertThat(names(body.get("properties"))).containsExactly("error");
        assertThat(body.at("/properties/error/type").asText()).isEqualTo("string");
        assertThat(names(body.get("required"))).containsExactly("error");
        assertThat(doc.at("/components/schemas/ApiError").isMissingNode()).isTrue();
        List<String> errors = new ArrayList<>();
        doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op ->
                op.getValue().get("responses").properties().forEach(response -> {
                    if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                        assertThat(response.getValue().has("$ref")).as(op.getKey() + " " + path.getKey() + " "
                                + response.getKey() + " is a shared response").isTrue();
                        JsonNode schema = resolve(response.getValue()).at("/content/application~1json/schema");
                        assertThat(schema.path("$ref").asText()).isEqualTo("#/components/schemas/Error");
                        errors.add(response.getKey());
                    }
                })));
        assertThat(errors).contains("400", "404", "409");
        assertThat(names(doc.at("/components/responses"))).containsExactlyInAnyOrder("Figure", "BadRequest",
                "MalformedAuditId", "NoSuchExperiment", "NoSuchAudit", "NotReady");
    }

    /** Every figure endpoint (.png|.svg) answers the one shared Figure response: binary PNG or SVG text. */
    @Test
    void everyFigureIsTheSharedFigureResponse() {
        List<String> figures = new ArrayList<>();
        doc.get("paths").properties().forEach(path -> {
            if (path.getKey().endsWith(".{format}")) {
                assertThat(path.getValue().at("/get/responses/200/$ref").asText()).as(path.getKey())
                        .isEqualTo("#/components/responses/Figure");
                figures.add(path.getKey());
            }
        });
        assertThat(figures).containsExactlyInAnyOrder("/api/experiments/{id}/heatmap.{format}",
                "/api/experiments/{id}/curve.{format}", "/api/figures/curves.{format}",
                "/api/figures/error-vs-ap.{format}", "/api/audits/{auditId}/figure.{format}");
        JsonNode content = doc.at("/components/responses/Figure/content");
        assertThat(content.at("/image~1png/schema/format").asText()).isEqualTo("binary");
        assertThat(content.at("/image~1svg+xml/schema/type").asText()).isEqualTo("string");
    }

    private JsonNode json200(String path) {
        JsonNode schema = doc.at("/paths/" + path.replace("~", "~0").replace("/", "~1")
                + "/get/responses/200/content/application~1json/schema");
        return resolve(schema);
    }

    private JsonNode resolve(JsonNode schema) {
        return OpenApiDocs.resolve(doc, schema);
    }
}
