package io.blindspot.launcher.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blindspot.launcher.cli.ApiException;
import io.blindspot.launcher.cli.BlindspotClient;
import io.blindspot.launcher.cli.Golden;
import io.blindspot.launcher.stack.EmbeddedStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue 14's image-level metrics through the four services on real Kafka, S3Proxy and PostgreSQL
 * ({@link SharedStack}): shared/golden's ch2bet experiment with {@code "metrics": ["ap", "auroc-image",
 * "ap-image"]} and {@code "normal-fraction": 0.5}; every cell of {@code /cells?metric=auroc-image} and
 * {@code ap-image} equals {@code scoring-service/src/test/resources/golden/image-metrics.json} (scikit-learn on
 * numpy's slice scores, {@code image_metric_golden.py}) to 1e-9. Specs the metrics cannot serve are a 400 at
 * submission.
 */
class ImageMetricsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TOLERANCE = 1e-9;
    private static final Duration EXPERIMENT_TIMEOUT = Duration.ofMinutes(5);

    private static EmbeddedStack stack;
    private static BlindspotClient client;
    private static JsonNode golden;

    @BeforeAll
    static void startStack() throws Exception {
        stack = SharedStack.get();
        client = new BlindspotClient(stack.url("ingest"), stack.url("scoring"), stack.token());
        golden = JSON.readTree(Files.readAllBytes(SharedStack.repoRoot()
                .resolve("scoring-service/src/test/resources/golden/image-metrics.json"))).get("ch2bet");
    }

    private static ObjectNode spec(String name) {
        ObjectNode spec = Golden.load().spec(name);
        spec.putArray("metrics").add("ap").add("auroc-image").add("ap-image");
        ((ObjectNode) spec.get("anomaly")).put("normal-fraction", 0.5);
        return spec;
    }

    private static JsonNode submit(JsonNode spec) throws Exception {
        return client.submit(JSON.writeValueAsBytes(spec), "application/json");
    }

    @Test
    void aurocImageAndApImageOfTheGoldenExperimentMatchScikitLearn() throws Exception {
        Golden g = Golden.load();
        assertThat(golden.get("sigmas").toString()).isEqualTo(JSON.valueToTree(g.sigmas()).toString());
        long t0 = System.nanoTime();
        JsonNode accepted = submit(spec("image-e2e"));
        String id = accepted.get("id").asText();
        int slices = g.slices().size();
        int intensities = g.intensities().length;
        int sigmas = g.sigmas().length;
        // the per-slice rows are ap's only: the image-level values are one per cell
        assertThat(accepted.get("expected").asLong()).isEqualTo((long) slices * intensities * sigmas);
        E2e.awaitDone(client, id, EXPERIMENT_TIMEOUT, () -> E2e.tail(stack.dataDir().resolve("logs/scoring.log"),
                40));
        System.out.printf(Locale.ROOT, "[e2e] image-level experiment done in %.1f s%n", E2e.seconds(t0));

        JsonNode fraction = golden.get("fractions").get(0);
        assertThat(fraction.get("normal_fraction").asDouble()).isEqualTo(0.5);
        JsonNode expected = fraction.get("cells").get("mean"); // the default image score
        for (String metric : List.of("auroc-image", "ap-image")) {
            JsonNode answer = JSON.readTree(client.scoring("/api/experiments/" + id + "/cells?metric=" + metric));
            assertThat(answer.get("metric").asText()).isEqualTo(metric);
            JsonNode cells = answer.get("cells");
            assertThat(cells).hasSize(intensities * sigmas);
            for (JsonNode c : cells) {
                int i = c.get("intensity_index").asInt();
                int s = c.get("sigma_index").asInt();
                assertThat(c.get("intensity").asDouble()).isEqualTo(g.intensities()[i]);
                assertThat(c.get("sigma").asDouble()).isEqualTo(g.sigmas()[s]);
                assertThat(c.get("ap_mean").asDouble()).as("%s at intensity %s, sigma %s", metric,
                                g.intensities()[i], g.sigmas()[s])
                        .isCloseTo(expected.get(i).get(s).get(metric).asDouble(), within(TOLERANCE));
                // four anomalous slices and their four lesion-free copies
                assertThat(c.get("n").asInt()).isEqualTo(2 * slices);
            }
            List<String> csv = new String(client.download(id, "cells?format=csv&metric=" + metric),
                    StandardCharsets.UTF_8).lines().toList();
            assertThat(csv).hasSize(1 + intensities * sigmas);
            assertThat(csv.get(0)).contains(metric);
            byte[] png = client.download(id, "heatmap.png?metric=" + metric);
            assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        }
        // not every cell is 1: at σ = 5 the blur's own residual on the lesion-free slices ranks above some disks
        assertThat(expected.get(3).get(4).get("auroc-image").asDouble()).isLessThan(1.0);
        assertThatThrownBy(() -> client.download(id, "results?metric=auroc-image"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("auroc-image has no per-slice values");
                });
        // ap itself is unchanged by the image-level metrics
        JsonNode ap = client.cells(id).get("cells");
        for (JsonNode c : ap) {
            assertThat(c.get("ap_mean").asDouble()).isCloseTo(
                    g.apMean()[c.get("intensity_index").asInt()][c.get("sigma_index").asInt()], within(TOLERANCE));
        }
    }

    @Test
    void specsTheImageMetricsCannotServeAreRefusedWithTheReason() throws Exception {
        ObjectNode without = spec("image-without-fraction");
        ((ObjectNode) without.get("anomaly")).remove("normal-fraction");
        assertThatThrownBy(() -> submit(without)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("auroc-image needs lesion-free slices: add anomaly.normal-fraction");
        });
        ObjectNode anomalRec = spec("image-anomal-rec");
        ((ObjectNode) anomalRec.get("reconstruction")).put("mode", "anomal-rec");
        assertThatThrownBy(() -> submit(anomalRec)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("normal-rec only");
        });
        ObjectNode tooMany = spec("image-fraction-above-half");
        ((ObjectNode) tooMany.get("anomaly")).put("normal-fraction", 0.75);
        assertThatThrownBy(() -> submit(tooMany)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("anomaly.normal-fraction: must be in (0, 0.5]");
        });
    }
}
