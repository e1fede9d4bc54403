package io.blindspot.launcher.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blindspot.contracts.Topics;
import io.blindspot.launcher.cli.ApiException;
import io.blindspot.launcher.cli.BlindspotClient;
import io.blindspot.launcher.cli.Golden;
import io.blindspot.launcher.stack.EmbeddedKafka;
import io.blindspot.launcher.stack.EmbeddedStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static io.blindspot.launcher.e2e.E2e.deleteRecursively;
import static io.blindspot.launcher.e2e.E2e.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The whole system on real servers: Kafka, S3Proxy and PostgreSQL in this JVM, the four services as their packaged
 * jars in their own JVMs (so the reactor builds them before this module). One stack serves every test; the tests
 * run in order because redelivery and restart need the golden experiment.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TOLERANCE = 1e-9;
    private static final Duration EXPERIMENT_TIMEOUT = Duration.ofMinutes(5);
    private static final String SCORING_GROUP = "blindspot-scoring-reconstructions";

    private static final Golden GOLDEN = Golden.load();
    private static Path dataDir;
    private static Path repoRoot;
    private static EmbeddedStack stack;
    private static BlindspotClient client;
    private static String goldenId;
    /** The experiment of {@link #metricsOfTheSpecAreStoredPerSliceAndMatchTheReferenceLibraries} (with aggregations). */
    private static String metricsId;

    @BeforeAll
    static void startStack() throws Exception {
        repoRoot = Path.of(System.getProperty("blindspot.repo.root", "..")).toAbsolutePath().normalize();
        dataDir = Path.of("target", "it-stack").toAbsolutePath();
        deleteRecursively(dataDir);
        long t0 = System.nanoTime();
        stack = EmbeddedStack.start(dataDir, repoRoot);
        System.out.printf(Locale.ROOT, "[e2e] stack started in %.1f s: %s%n", seconds(t0), stack.endpoints());
        client = new BlindspotClient(stack.url("ingest"), stack.url("scoring"), stack.token());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            long t0 = System.nanoTime();
            stack.close();
            System.out.printf(Locale.ROOT, "[e2e] stack stopped in %.1f s%n", seconds(t0));
        }
    }

    @Test
    @Order(1)
    void goldenExperimentMatchesScikitLearnToTheLastDigits() throws Exception {
        long t0 = System.nanoTime();
        JsonNode accepted = submit(GOLDEN.spec("golden-e2e"));
        goldenId = accepted.get("id").asText();
        int slices = GOLDEN.slices().size();
        int intensities = GOLDEN.intensities().length;
        int sigmas = GOLDEN.sigmas().length;
        assertThat(accepted.get("expected").asLong()).isEqualTo((long) slices * intensities * sigmas);

        JsonNode status = awaitDone(goldenId);
        System.out.printf(Locale.ROOT, "[e2e] golden experiment done in %.1f s%n", seconds(t0));
        assertThat(status.get("done").asLong()).isEqualTo(120);
        assertThat(status.get("name").asText()).isEqualTo("golden-e2e");

        JsonNode results = client.results(goldenId);
        assertThat(results).hasSize(slices * intensities * sigmas);
        for (JsonNode r : results) {
            int k = GOLDEN.slices().indexOf(r.get("slice").asInt());
            int i = r.get("intensity_index").asInt();
            int s = r.get("sigma_index").asInt();
            assertThat(k).as("slice %s is one of the golden slices", r.get("slice")).isGreaterThanOrEqualTo(0);
            assertThat(r.get("axis").asInt()).isEqualTo(2);
            assertThat(r.get("intensity").asDouble()).isEqualTo(GOLDEN.intensities()[i]);
            assertThat(r.get("sigma").asDouble()).isEqualTo(GOLDEN.sigmas()[s]);
            assertThat(r.get("ap").asDouble())
                    .as("AP of slice %d, intensity %s, sigma %s", r.get("slice").asInt(), GOLDEN.intensities()[i],
                            GOLDEN.sigmas()[s])
                    .isCloseTo(GOLDEN.apPerSlice()[k][i][s], org.assertj.core.data.Offset.offset(TOLERANCE));
            assertThat(r.get("position")).hasSize(2);
            assertThat(r.get("position").get(0).asInt()).isEqualTo(GOLDEN.positions().get(k).get(0));
            assertThat(r.get("position").get(1).asInt()).isEqualTo(GOLDEN.positions().get(k).get(1));
        }
        assertThat(results.findValuesAsText("slice").stream().distinct().count()).isEqualTo(slices);

        JsonNode cells = client.cells(goldenId).get("cells");
        assertThat(cells).hasSize(intensities * sigmas);
        for (JsonNode c : cells) {
            int i = c.get("intensity_index").asInt();
            int s = c.get("sigma_index").asInt();
            assertThat(c.get("n").asInt()).isEqualTo(slices);
            assertThat(c.get("ap_mean").asDouble()).as("mean AP at intensity %s, sigma %s",
                            GOLDEN.intensities()[i], GOLDEN.sigmas()[s])
                    .isCloseTo(GOLDEN.apMean()[i][s], org.assertj.core.data.Offset.offset(TOLERANCE));
        }
        assertThat(new String(client.download(goldenId, "cells?format=csv"), StandardCharsets.UTF_8).lines())
                .hasSize(1 + intensities * sigmas);
        byte[] png = client.download(goldenId, "heatmap.png");
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }

    /**
     * The scoring-service's list shows the golden experiment as done (with the status filter and paging of the
     * query), and every service reports ready with its object-store check UP on the embedded S3.
     */
    @Test
    @Order(2)
    void theListShowsTheGoldenExperimentAndEveryServiceIsReadyWithItsObjectStore() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String scoring = stack.url("scoring");
        JsonNode done = JSON.readTree(httpGet(http, scoring + "/api/experiments?status=done&limit=500").body());
        JsonNode golden = null;
        for (JsonNode e : done.get("experiments")) {
            assertThat(e.get("status").asText()).isEqualTo("done");
            if (goldenId.equals(e.get("id").asText())) {
                golden = e;
            }
        }
        assertThat(golden).as("golden experiment in %s", done).isNotNull();
        assertThat(golden.get("name").asText()).isEqualTo("golden-e2e");
        assertThat(golden.get("done").asLong()).isEqualTo(120);
        assertThat(golden.get("expected").asLong()).isEqualTo(120);
        assertThat(golden.get("href").asText()).isEqualTo("/api/experiments/" + goldenId);
        JsonNode all = JSON.readTree(httpGet(http, scoring + "/api/experiments").body());
        assertThat(all.get("experiments").findValuesAsText("id")).contains(goldenId);
        assertThat(JSON.readTree(httpGet(http, scoring + "/api/experiments?status=failed").body())
                .get("experiments").findValuesAsText("id")).doesNotContain(goldenId);
        java.net.http.HttpResponse<String> bad = httpGet(http, scoring + "/api/experiments?limit=0");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).get("error").asText()).startsWith("limit");

        for (String service : EmbeddedStack.SERVICES) {
            java.net.http.HttpResponse<String> ready = httpGet(http, stack.url(service) + "/q/health/ready");
            assertThat(ready.statusCode()).as(service + ": " + ready.body()).isEqualTo(200);
            JsonNode store = null;
            for (JsonNode check : JSON.readTree(ready.body()).get("checks")) {
                if ("object-store".equals(check.get("name").asText())) {
                    store = check;
                }
            }
            assertThat(store).as(service + " has an object-store readiness check: " + ready.body()).isNotNull();
            assertThat(store.get("status").asText()).isEqualTo("UP");
            assertThat(store.at("/data/bucket").asText()).isNotBlank();
        }
    }

    private static java.net.http.HttpResponse<String> httpGet(java.net.http.HttpClient http, String url)
            throws Exception {
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Authorization", "Bearer " + stack.token()).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(2)
    void aRedeliveredReconstructionChangesNothing() throws Exception {
        assertThat(goldenId).as("needs the golden experiment").isNotNull();
        String before = JSON.writeValueAsString(sortedResults(goldenId));

        ConsumerRecord<byte[], byte[]> record = firstReconstructionOf(goldenId);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.RECONSTRUCTIONS, null, record.key(), record.value(),
                    record.headers())).get();
        }
        awaitScoringCaughtUp();
        Thread.sleep(2000); // the commit can precede the end of a blocking handler by a moment

        JsonNode status = client.status(goldenId);
        assertThat(status.get("status").asText()).isEqualTo("done");
        assertThat(status.get("done").asLong()).isEqualTo(status.get("expected").asLong());
        assertThat(JSON.writeValueAsString(sortedResults(goldenId))).isEqualTo(before);
    }

    @Test
    @Order(3)
    void malformedJsonIsRejectedWithAMessage() {
        ApiException e = rejected(() -> client.submit("{\"name\": ".getBytes(StandardCharsets.UTF_8),
                "application/json"));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage().toLowerCase(Locale.ROOT)).contains("malformed");
    }

    @Test
    @Order(3)
    void anUnknownFieldIsRejectedAndNamed() throws Exception {
        ObjectNode spec = GOLDEN.spec("unknown-field");
        spec.put("colour", "red");
        ApiException e = rejected(() -> submit(spec));
        assertThat(e.status()).isBetween(400, 499);
        assertThat(e.getMessage()).contains("colour");
    }

    @Test
    @Order(3)
    void anUnknownSampleIsRejectedAndNamed() {
        ObjectNode spec = GOLDEN.spec("unknown-sample");
        ((ObjectNode) spec.get("dataset")).put("source", "sample:nope");
        ApiException e = rejected(() -> submit(spec));
        assertThat(e.status()).isBetween(400, 499);
        assertThat(e.getMessage()).contains("nope");
    }

    @Test
    @Order(3)
    void aCorruptGzipUploadIsRejected() {
        byte[] corrupt = new byte[64];
        corrupt[0] = 0x1f; // gzip magic, then a deflate header, then garbage
        corrupt[1] = (byte) 0x8b;
        corrupt[2] = 8;
        for (int i = 10; i < corrupt.length; i++) {
            corrupt[i] = (byte) (i * 37);
        }
        ApiException e = rejected(() -> client.uploadVolume(corrupt));
        assertThat(e.status()).isBetween(400, 499);
        assertThat(e.getMessage().toLowerCase(Locale.ROOT)).containsAnyOf("gzip", "corrupt");
    }

    @Test
    @Order(3)
    void aSliceOutsideTheVolumeIsRejected() {
        ObjectNode spec = GOLDEN.spec("slice-out-of-range");
        ((ObjectNode) spec.get("dataset")).putArray("slices").add(500); // ch2bet has 181 slices along axis 2
        ((ObjectNode) spec.get("anomaly")).putArray("positions").addArray().add(90).add(100);
        ApiException e = rejected(() -> submit(spec));
        assertThat(e.status()).isBetween(400, 499);
        assertThat(e.getMessage()).isNotBlank();
    }

    @Test
    @Order(3)
    void everyWriteNeedsABearerTokenWithItsRole() throws Exception {
        AuthChecks.verify(stack, repoRoot);
    }

    @Test
    @Order(4)
    void anomalRecScoresAPerfectReconstructionAsTheLesionFraction() throws Exception {
        // anomal-rec with sigma 0: the reconstruction IS the anomalous slice, every residual is 0, all scores tie,
        // and sklearn's AP is the positive fraction: the same for every intensity (the label does not change).
        JsonNode accepted = submit((ObjectNode) JSON.readTree("""
                {"name": "anomal-rec-e2e",
                 "dataset": {"source": "sample:ch2bet", "slices": [85]},
                 "anomaly": {"type": "disk", "radius": 20, "intensities": [0.0, 0.5, 1.0], "positions": [[99, 52]]},
                 "reconstruction": {"mode": "anomal-rec", "reconstructor": "gaussian-blur", "sigmas": [0.0, 2.0]}}
                """));
        String id = accepted.get("id").asText();
        awaitDone(id);
        JsonNode results = client.results(id);
        assertThat(results).hasSize(6);
        java.util.Set<Double> atSigma0 = new java.util.HashSet<>();
        for (JsonNode r : results) {
            if (r.get("sigma_index").asInt() == 0) {
                atSigma0.add(r.get("ap").asDouble());
            }
        }
        assertThat(atSigma0).hasSize(1);
        // a disk of radius 20 covers at most 1257 of the slice's 181 x 217 pixels
        assertThat(atSigma0.iterator().next()).isStrictlyBetween(0.0, 1257.0 / (181 * 217) + 1e-12);
    }

    @Test
    @Order(4)
    void aTextureExperimentHasOneVariantAndNoIntensity() throws Exception {
        JsonNode accepted = submit((ObjectNode) JSON.readTree("""
                {"name": "sink-e2e",
                 "dataset": {"source": "sample:ch2bet", "slices": [80, 85]},
                 "anomaly": {"type": "sink", "radius": 20, "positions": [[136, 49], [99, 52]]},
                 "reconstruction": {"mode": "normal-rec", "reconstructor": "gaussian-blur", "sigmas": [0.0, 2.0]}}
                """));
        assertThat(accepted.get("expected").asLong()).isEqualTo(4);
        String id = accepted.get("id").asText();
        assertThat(awaitDone(id).get("done").asLong()).isEqualTo(4);
        JsonNode cells = client.cells(id).get("cells");
        assertThat(cells).hasSize(2);
        for (JsonNode c : cells) {
            assertThat(c.get("intensity").isNull()).isTrue();
            assertThat(c.get("n").asInt()).isEqualTo(2);
            assertThat(c.get("ap_mean").asDouble()).isBetween(0.0, 1.0);
        }
        assertThat(client.download(id, "heatmap.png")).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    @Order(4)
    void anEqualisedExperimentRunsOnTheEqualisedSlices() throws Exception {
        ObjectNode spec = GOLDEN.spec("golden-histeq-e2e");
        ((ObjectNode) spec.get("dataset")).put("preprocessing", "equalize-hist");
        String id = submit(spec).get("id").asText();
        awaitDone(id);
        assertThat(client.status(id).get("spec").get("dataset").get("preprocessing").asText())
                .isEqualTo("equalize-hist");
        // the equalised slices (values spread over [0, 1]) give other APs than the plain golden grid
        JsonNode cells = client.cells(id).get("cells");
        assertThat(cells).hasSize(GOLDEN.intensities().length * GOLDEN.sigmas().length);
        boolean anyDifferent = false;
        for (JsonNode c : cells) {
            int i = c.get("intensity_index").asInt();
            int s = c.get("sigma_index").asInt();
            assertThat(c.get("ap_mean").asDouble()).isBetween(0.0, 1.0);
            anyDifferent |= Math.abs(c.get("ap_mean").asDouble() - GOLDEN.apMean()[i][s]) > 1e-6;
        }
        assertThat(anyDifferent).isTrue();
    }

    @Test
    @Order(5)
    void anOnnxModelRegisteredThroughTheApiReconstructsSlices() throws Exception {
        // A tiny test model (image * 2 on an 8x8 input; slices are centre-cropped to it and mapped back, pixels
        // outside the window keep the input's value): enough to prove the registry, the contract check and an
        // onnx: reconstructor through the four services. Real autoencoders come with the shipped models.
        Path models = repoRoot.resolve("inference-service/src/test/resources/models");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> bad = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(stack.url("inference") + "/api/models?name=bad-e2e"))
                .header("Content-Type", "application/octet-stream")
                .header("Authorization", "Bearer " + stack.token())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofFile(models.resolve("wrong-input-name.onnx")))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(bad.body()).get("error").asText()).contains("image");

        java.net.http.HttpResponse<String> ok = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(stack.url("inference") + "/api/models?name=scale2-e2e"))
                .header("Content-Type", "application/octet-stream")
                .header("Authorization", "Bearer " + stack.token())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofFile(models.resolve("scale2-8x8.onnx")))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);

        JsonNode accepted = submit((ObjectNode) JSON.readTree("""
                {"name": "onnx-e2e",
                 "dataset": {"source": "sample:ch2bet", "slices": [80, 85]},
                 "anomaly": {"type": "disk", "radius": 20, "intensities": [0.0, 1.0], "positions": [[90, 108], [99, 52]]},
                 "reconstruction": {"mode": "anomal-rec", "reconstructor": "onnx:scale2-e2e"}}
                """));
        String id = accepted.get("id").asText();
        assertThat(awaitDone(id).get("done").asLong()).isEqualTo(4);
        for (JsonNode r : client.results(id)) {
            assertThat(r.get("sigma").asDouble()).isEqualTo(0.0);
            assertThat(r.get("ap").asDouble()).isBetween(0.0, 1.0);
        }
    }

    @Test
    @Order(5)
    void theShippedAutoencoderIsRegisteredAtStartAndScoresBothModes() throws Exception {
        java.net.http.HttpResponse<String> listed = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.url("inference") + "/api/models"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("ae-latent128");
        for (String mode : List.of("normal-rec", "anomal-rec")) {
            JsonNode accepted = submit((ObjectNode) JSON.readTree("""
                    {"name": "shipped-ae-%s",
                     "dataset": {"source": "sample:ch2bet", "slices": [85]},
                     "anomaly": {"type": "disk", "radius": 20, "intensities": [0.0, 0.5, 1.0],
                                 "positions": [[99, 52]]},
                     "reconstruction": {"mode": "%s", "reconstructor": "onnx:ae-latent128"}}
                    """.formatted(mode, mode)));
            String id = accepted.get("id").asText();
            assertThat(awaitDone(id).get("done").asLong()).isEqualTo(3);
            for (JsonNode c : client.cells(id).get("cells")) {
                assertThat(c.get("ap_mean").asDouble()).as("%s at intensity %s", mode, c.get("intensity"))
                        .isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    @Order(9)
    void afterARestartOnTheSameDataTheExperimentIsStillThere() throws Exception {
        assertThat(goldenId).as("needs the golden experiment").isNotNull();
        String cellsBefore = JSON.writeValueAsString(client.cells(goldenId));
        String tokenBefore = stack.token();
        long t0 = System.nanoTime();
        stack.close();
        stack = null;
        stack = EmbeddedStack.start(dataDir, repoRoot);
        System.out.printf(Locale.ROOT, "[e2e] stack restarted in %.1f s%n", seconds(t0));
        client = new BlindspotClient(stack.url("ingest"), stack.url("scoring"), stack.token());

        // The key pair is kept with the data: a token of the first run still submits.
        ApiException oldToken = rejected(() -> new BlindspotClient(stack.url("ingest"), stack.url("scoring"),
                tokenBefore).submit("{}".getBytes(StandardCharsets.UTF_8), "application/json"));
        assertThat(oldToken.status()).as(oldToken.getMessage()).isBetween(400, 499).isNotIn(401, 403);

        JsonNode status = client.status(goldenId);
        assertThat(status).as("scoring still knows %s", goldenId).isNotNull();
        assertThat(status.get("status").asText()).isEqualTo("done");
        assertThat(JSON.writeValueAsString(client.cells(goldenId))).isEqualTo(cellsBefore);
    }

    /**
     * Issue 14's metrics through the four services: the golden case with {@code "metrics": ["ap", "ap-normalised",
     * "auroc", "dice-best", "aupro-0.3", "dice-at-normal-q99"]} stores each per slice (the last through the
     * aggregation stage, checked by the next test), and at sigma 0 and 2 (the sigmas of
     * scoring-service/src/test/resources/golden/metrics.json, made by scikit-learn / scikit-image on the same
     * slices, positions and intensities) every stored value equals the file's to 1e-9. {@code ?metric=} picks
     * the metric; one the experiment did not compute, or an unknown one, is a 400 that names it.
     */
    @Test
    @Order(10)
    void metricsOfTheSpecAreStoredPerSliceAndMatchTheReferenceLibraries() throws Exception {
        ObjectNode spec = GOLDEN.spec("golden-metrics-e2e");
        spec.putArray("metrics").add("ap").add("ap-normalised").add("auroc").add("dice-best").add("aupro-0.3")
                .add("dice-at-normal-q99");
        // the aggregation stage's values of the same run (and dice-at-normal-q99's, which needs every normal
        // slice) are checked by the next test
        spec.putArray("aggregation").add("slice-mean").add("pooled").add("pooled-float16").add("volume-mean");
        JsonNode accepted = submit(spec);
        String id = accepted.get("id").asText();
        metricsId = id;
        int slices = GOLDEN.slices().size();
        int intensities = GOLDEN.intensities().length;
        int sigmas = GOLDEN.sigmas().length;
        // the five per-slice metrics (dice-at-normal-q99's rows come from the aggregation stage, not progress)
        assertThat(accepted.get("expected").asLong()).isEqualTo(5L * slices * intensities * sigmas);
        awaitDone(id);

        JsonNode reference = JSON.readTree(repoRoot.resolve(
                "scoring-service/src/test/resources/golden/metrics.json").toFile()).get("ch2bet").get("slices");
        Map<String, String> field = Map.of("ap", "ap", "ap-normalised", "ap_normalised", "auroc", "auroc",
                "dice-best", "dice_best", "aupro-0.3", "aupro");
        int compared = 0;
        for (String metric : List.of("ap", "ap-normalised", "auroc", "dice-best", "aupro-0.3")) {
            JsonNode rows = JSON.readTree(client.download(id, "results?metric=" + metric));
            assertThat(rows).hasSize(slices * intensities * sigmas);
            for (JsonNode r : rows) {
                assertThat(r.get("metric").asText()).isEqualTo(metric);
                int z = r.get("slice").asInt();
                int i = r.get("intensity_index").asInt();
                double sigma = r.get("sigma").asDouble();
                for (JsonNode slice : reference) {
                    if (slice.get("z").asInt() != z) {
                        continue;
                    }
                    // every row carries its slice's prevalence (AP's chance level), numpy's label.mean()
                    assertThat(r.get("prevalence").asDouble()).as("prevalence of slice %d", z)
                            .isEqualTo(slice.get("sigmas").get(0).get("cells").get(0).get("prevalence").asDouble());
                    for (JsonNode s : slice.get("sigmas")) {
                        if (s.get("sigma").asDouble() == sigma) {
                            assertThat(r.get("ap").asDouble()).as("%s of slice %d, intensity %d, sigma %s", metric,
                                    z, i, sigma).isCloseTo(s.get("cells").get(i).get(field.get(metric)).asDouble(),
                                    org.assertj.core.data.Offset.offset(TOLERANCE));
                            if (metric.equals("dice-best")) {
                                // the threshold of the best Dice travels with it
                                assertThat(r.get("threshold").asDouble()).as("dice-best threshold of slice %d", z)
                                        .isCloseTo(s.get("cells").get(i).get("dice_best_threshold").asDouble(),
                                                org.assertj.core.data.Offset.offset(TOLERANCE));
                            } else {
                                assertThat(r.has("threshold")).as(metric).isFalse();
                            }
                            compared++;
                        }
                    }
                }
            }
            JsonNode cells = JSON.readTree(client.download(id, "cells?metric=" + metric));
            assertThat(cells.get("metric").asText()).isEqualTo(metric);
            assertThat(cells.get("cells")).hasSize(intensities * sigmas);
            // the cell's chance level: the mean of its four slices' prevalences (disks of 759, 1245, 1245 and
            // 889 brain pixels of 181 x 217)
            for (JsonNode c : cells.get("cells")) {
                assertThat(c.get("prevalence").asDouble()).isCloseTo((759.0 + 1245 + 1245 + 889) / 4 / 39277,
                        org.assertj.core.data.Offset.offset(1e-15));
            }
        }
        // 5 metrics x 4 slices x 6 intensities x 2 sigmas of the reference
        assertThat(compared).isEqualTo(5 * slices * intensities * 2);
        assertThat(new String(client.download(id, "cells?format=csv&metric=auroc"), StandardCharsets.UTF_8)
                .lines().findFirst().orElseThrow()).isEqualTo("intensity,sigma,auroc_mean,auroc_std,n,mean_residual,prevalence,n_undefined");
        assertThat(client.download(id, "heatmap.png?metric=aupro-0.3")).startsWith(0x89, 'P', 'N', 'G');

        ApiException notComputed = rejected(() -> client.download(id, "cells?metric=auroc-image"));
        assertThat(notComputed.status()).isEqualTo(400);
        assertThat(notComputed.getMessage()).contains("did not compute metric 'auroc-image'");
        ApiException unknown = rejected(() -> client.download(id, "results?metric=auc"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.getMessage()).contains("allowed: ap, ap-normalised, auroc, dice-best, aupro-0.3, dice-at-normal-q99, "
                + "auroc-image, ap-image");
    }

    /**
     * Issue 14's audit against chance through the four services: the shipped AE audited on the golden slices and
     * positions (six intensities, five reference sigmas) with {@code "threshold": {"times-chance": 5}}. Each mode
     * reports AP's chance level, the golden disks' mean prevalence (759, 1245, 1245 and 889 brain pixels of
     * 181 x 217: 0.02634), the threshold 5 x that (0.1317), and as blind spots exactly the runs of its own curve
     * below it: [0.4, 0.8] in both modes, where the fixed AP 0.5 would say [0.2, 1.0].
     */
    @Test
    @Order(12)
    void anAuditAgainstChanceJudgesTheCurveAgainstFiveTimesThePrevalence() throws Exception {
        JsonNode accepted = client.submitAudit(JSON.writeValueAsBytes(JSON.readTree("""
                {"model": "ae-latent128", "intensities": [0, 0.2, 0.4, 0.6, 0.8, 1.0],
                 "sigmas": [0, 0.5, 1, 2, 5], "threshold": {"times-chance": 5}}""")));
        assertThat(accepted.get("thresholdMetric").asText()).isEqualTo("ap");
        assertThat(accepted.get("timesChance").asDouble()).isEqualTo(5.0);
        accepted.get("experiments").forEach(id -> {
            try {
                awaitDone(id.asText());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        JsonNode audit = JSON.readTree(client.scoring("/api/audits/" + accepted.get("auditId").asText()));
        assertThat(audit.get("rule").asText()).isEqualTo("ap < 5 × chance");
        double chance = (759.0 + 1245 + 1245 + 889) / 4 / 39277;
        for (String mode : List.of("normal-rec", "anomal-rec")) {
            JsonNode m = audit.get("modes").get(mode);
            assertThat(m.get("chance").asDouble()).as(mode).isCloseTo(chance, org.assertj.core.data.Offset.offset(1e-15));
            assertThat(m.get("threshold").asDouble()).isCloseTo(5 * chance, org.assertj.core.data.Offset.offset(1e-15));
            List<List<Double>> belowChance = runs(m.get("curve"), 5 * chance);
            assertThat(JSON.convertValue(m.get("blindSpots"), List.class)).as(mode).isEqualTo(belowChance);
            System.out.printf(Locale.ROOT, "[e2e] audit %s: AP < 5 x chance (%.4f): %s; AP < 0.5: %s%n", mode,
                    5 * chance, belowChance, runs(m.get("curve"), 0.5));
            // measured (session 10, both modes): the fixed 0.5 calls [0.2, 1.0] blind, 5 x chance only [0.4, 0.8]
            assertThat(belowChance).as(mode).isEqualTo(List.of(List.of(0.4, 0.8)));
            assertThat(runs(m.get("curve"), 0.5)).as(mode).isEqualTo(List.of(List.of(0.2, 1.0)));
        }
        assertThat(new String(client.scoring("/api/audits/" + accepted.get("auditId").asText() + "/page"),
                StandardCharsets.UTF_8)).contains("blind where ap &lt; 5 × chance");
    }

    /** Maximal runs of consecutive curve points (ascending intensity) whose mean AP is below t, as [low, high]. */
    private static List<List<Double>> runs(JsonNode curve, double t) {
        List<List<Double>> runs = new java.util.ArrayList<>();
        Double start = null;
        Double last = null;
        for (JsonNode p : curve) {
            boolean inside = p.get("apMean").asDouble() < t;
            if (inside && start == null) {
                start = p.get("x").asDouble();
            }
            if (!inside && start != null) {
                runs.add(List.of(start, last));
                start = null;
            }
            last = p.get("x").asDouble();
        }
        if (start != null) {
            runs.add(List.of(start, last));
        }
        return runs;
    }

    /**
     * Issue 14's aggregation stage through the four services: the experiment of the previous test listed pooled,
     * pooled-float16 and volume-mean; once its rows are complete scoring re-reads the slices' artefacts and stores
     * the pooled values, which equal scikit-learn's {@code average_precision_score} / {@code roc_auc_score} on the
     * concatenated pixels of the four slices (metrics.json's {@code ch2bet.pooled}, σ 0 and 2) to 1e-9; one volume:
     * volume-mean equals pooled. {@code ?aggregation=} on /cells and /results (JSON and CSV); 400 for one not listed.
     */
    @Test
    @Order(11)
    void pooledAggregationsThroughTheFourServicesMatchScikitLearn() throws Exception {
        assertThat(metricsId).as("needs the metrics experiment").isNotNull();
        JsonNode pooledGolden = JSON.readTree(repoRoot.resolve(
                "scoring-service/src/test/resources/golden/metrics.json").toFile()).get("ch2bet").get("pooled");
        JsonNode pooled = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (pooled == null) {
            try {
                pooled = JSON.readTree(client.download(metricsId, "cells?aggregation=pooled&metric=ap"));
            } catch (ApiException e) {
                assertThat(e.status()).as(e.getMessage()).isEqualTo(409);
                assertThat(System.nanoTime()).as("aggregation stage within 2 min: " + e.getMessage())
                        .isLessThan(deadline);
                Thread.sleep(500);
            }
        }
        int intensities = GOLDEN.intensities().length;
        assertThat(pooled.get("aggregation").asText()).isEqualTo("pooled");
        assertThat(pooled.get("cells")).hasSize(intensities * GOLDEN.sigmas().length);
        Map<String, JsonNode> byAggregation = new java.util.HashMap<>();
        for (String aggregation : List.of("pooled", "pooled-float16", "volume-mean")) {
            for (String metric : List.of("ap", "auroc")) {
                byAggregation.put(aggregation + " " + metric, JSON.readTree(client.download(metricsId,
                        "cells?aggregation=" + aggregation + "&metric=" + metric)).get("cells"));
            }
        }
        int compared = 0;
        for (JsonNode g : pooledGolden) {
            for (String[] check : new String[][] {{"pooled ap", "ap"}, {"pooled-float16 ap", "ap_float16"},
                    {"pooled auroc", "auroc"}, {"volume-mean ap", "ap"}, {"volume-mean auroc", "auroc"}}) {
                JsonNode cell = null;
                for (JsonNode c : byAggregation.get(check[0])) {
                    if (c.get("sigma").asDouble() == g.get("sigma").asDouble()
                            && c.get("intensity").asDouble() == g.get("intensity").asDouble()) {
                        cell = c;
                    }
                }
                assertThat(cell).as(check[0] + " at " + g).isNotNull();
                assertThat(cell.get("value").asDouble()).as(check[0] + " at " + g)
                        .isCloseTo(g.get(check[1]).asDouble(), org.assertj.core.data.Offset.offset(TOLERANCE));
                assertThat(cell.get("n").asInt()).isEqualTo(check[0].startsWith("volume") ? 1 : 4);
                compared++;
            }
        }
        assertThat(compared).isEqualTo(5 * 2 * intensities);
        // dice-at-normal-q99: the threshold is the q99 of the four normal slices' residuals at the sigma; its
        // per-slice rows (written by the stage), slice-mean, pooled, pooled-float16 and volume-mean against numpy
        List<Integer> goldenZ = new java.util.ArrayList<>();
        JSON.readTree(repoRoot.resolve("scoring-service/src/test/resources/golden/metrics.json").toFile())
                .get("ch2bet").get("slices").forEach(sl -> goldenZ.add(sl.get("z").asInt()));
        JsonNode diceRows = JSON.readTree(client.download(metricsId, "results?metric=dice-at-normal-q99"));
        assertThat(diceRows).hasSize(4 * intensities * GOLDEN.sigmas().length);
        Map<String, JsonNode> diceCells = new java.util.HashMap<>();
        for (String aggregation : List.of("slice-mean", "pooled", "pooled-float16", "volume-mean")) {
            diceCells.put(aggregation, JSON.readTree(client.download(metricsId,
                    "cells?aggregation=" + aggregation + "&metric=dice-at-normal-q99")).get("cells"));
        }
        int diceCompared = 0;
        for (JsonNode g : pooledGolden) {
            JsonNode expected = g.get("dice_at_normal_q99");
            for (JsonNode r : diceRows) {
                if (r.get("sigma").asDouble() == g.get("sigma").asDouble()
                        && r.get("intensity").asDouble() == g.get("intensity").asDouble()) {
                    assertThat(r.get("ap").asDouble()).as("dice-at-normal-q99 of slice " + r.get("slice") + " at " + g)
                            .isCloseTo(expected.get("per_slice").get(goldenZ.indexOf(r.get("slice").asInt())).asDouble(),
                                    org.assertj.core.data.Offset.offset(TOLERANCE));
                    assertThat(r.get("threshold").asDouble()).as("the normal q99 at " + g)
                            .isCloseTo(expected.get("threshold").asDouble(), org.assertj.core.data.Offset.offset(TOLERANCE));
                    diceCompared++;
                }
            }
            for (String[] check : new String[][] {{"slice-mean", "slice_mean"}, {"pooled", "pooled"},
                    {"pooled-float16", "float16"}, {"volume-mean", "pooled"}}) {
                double want = check[1].equals("float16") ? expected.get("float16").get("pooled").asDouble()
                        : expected.get(check[1]).asDouble();
                JsonNode cell = null;
                for (JsonNode c : diceCells.get(check[0])) {
                    if (c.get("sigma").asDouble() == g.get("sigma").asDouble()
                            && c.get("intensity").asDouble() == g.get("intensity").asDouble()) {
                        cell = c;
                    }
                }
                assertThat(cell).as(check[0] + " dice-at-normal-q99 at " + g).isNotNull();
                assertThat(cell.get("value").asDouble()).as(check[0] + " dice-at-normal-q99 at " + g)
                        .isCloseTo(want, org.assertj.core.data.Offset.offset(TOLERANCE));
                diceCompared++;
            }
        }
        assertThat(diceCompared).isEqualTo((4 + 4) * 2 * intensities);
        assertThat(new String(client.download(metricsId, "results?metric=dice-at-normal-q99&format=csv"),
                StandardCharsets.UTF_8).lines().findFirst().orElseThrow()).endsWith(",prevalence,threshold");
        // slice-mean asked for by name: the plain cells' means, with the t-interval over the four slices
        JsonNode plain = client.cells(metricsId).get("cells");
        JsonNode sliceMean = JSON.readTree(client.download(metricsId, "cells?aggregation=slice-mean")).get("cells");
        assertThat(sliceMean).hasSize(plain.size());
        for (int k = 0; k < plain.size(); k++) {
            assertThat(sliceMean.get(k).get("value").asDouble()).isEqualTo(plain.get(k).get("ap_mean").asDouble());
            assertThat(sliceMean.get(k).get("n").asInt()).isEqualTo(4);
            assertThat(sliceMean.get(k).get("boot_low").isNull()).as("no bootstrap in the spec").isTrue();
        }
        // the stored rows and the CSVs
        JsonNode rows = JSON.readTree(client.download(metricsId, "results?aggregation=volume-mean&metric=ap"));
        assertThat(rows).hasSize(2 * intensities * GOLDEN.sigmas().length);       // the volume's and the cell's
        assertThat(new String(client.download(metricsId, "cells?aggregation=pooled&format=csv"),
                StandardCharsets.UTF_8).lines().findFirst().orElseThrow())
                .isEqualTo("intensity,sigma,aggregation,ap,ap_std,n,mean_residual,ci_low,ci_high,boot_low,boot_high");
        assertThat(new String(client.download(metricsId, "results?aggregation=pooled-float16&format=csv"),
                StandardCharsets.UTF_8).lines()).hasSize(1 + intensities * GOLDEN.sigmas().length);
        if (goldenId != null) {         // the golden experiment (test 1) listed no aggregation
            ApiException notListed = rejected(() -> client.download(goldenId, "cells?aggregation=pooled"));
            assertThat(notListed.status()).isEqualTo(400);
            assertThat(notListed.getMessage()).contains("did not compute aggregation 'pooled'");
        }
        ApiException aupro = rejected(() -> client.download(metricsId, "cells?aggregation=pooled&metric=aupro-0.3"));
        assertThat(aupro.status()).isEqualTo(400);
        assertThat(aupro.getMessage()).contains("has no pooled form");
    }

    private static JsonNode submit(ObjectNode spec) throws Exception {
        return client.submit(JSON.writeValueAsBytes(spec), "application/json");
    }

    private static ApiException rejected(ThrowingCall call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        } catch (Exception e) {
            fail("expected an error answer, got " + e);
        }
        return fail("the request was accepted");
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    private static JsonNode awaitDone(String id) throws InterruptedException {
        return E2e.awaitDone(client, id, EXPERIMENT_TIMEOUT, PipelineEndToEndTest::serviceLogs);
    }

    /** Results in a fixed order, so two reads can be compared as text. */
    private static List<JsonNode> sortedResults(String id) {
        List<JsonNode> rows = new java.util.ArrayList<>();
        client.results(id).forEach(rows::add);
        rows.sort(Comparator.<JsonNode>comparingInt(r -> r.get("slice").asInt())
                .thenComparingInt(r -> r.get("intensity_index").asInt())
                .thenComparingInt(r -> r.get("sigma_index").asInt()));
        return rows;
    }

    /** One SliceReconstructed of the experiment, read from the start of the topic without joining a group. */
    private static ConsumerRecord<byte[], byte[]> firstReconstructionOf(String experimentId) throws Exception {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RECONSTRUCTIONS, Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode event = JSON.readTree(r.value());
                    if (experimentId.equals(event.path("experimentId").asText())) {
                        assertThat(event.has("reconstruction")).isTrue();
                        return r;
                    }
                }
            }
        }
        return fail("no SliceReconstructed of " + experimentId + " on " + Topics.RECONSTRUCTIONS);
    }

    /** Waits until scoring's consumer group has committed up to the end of blindspot.reconstructions. */
    private static void awaitScoringCaughtUp() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers()))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Map<TopicPartition, Long> lag = Map.of();
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(SCORING_GROUP)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (int p = 0; p < EmbeddedKafka.PARTITIONS; p++) {
                    latest.put(new TopicPartition(Topics.RECONSTRUCTIONS, p), OffsetSpec.latest());
                }
                lag = admin.listOffsets(latest).all().get().entrySet().stream().collect(Collectors.toMap(
                        Map.Entry::getKey, e -> e.getValue().offset()
                                - (committed.get(e.getKey()) == null ? 0 : committed.get(e.getKey()).offset())));
                if (lag.values().stream().allMatch(l -> l <= 0)) {
                    return;
                }
                Thread.sleep(250);
            }
            fail("scoring (group " + SCORING_GROUP + ") did not consume the redelivered record; lag " + lag);
        }
    }

    private static String serviceLogs() {
        StringBuilder b = new StringBuilder();
        for (String s : EmbeddedStack.SERVICES) {
            Path log = dataDir.resolve("logs").resolve(s + ".log");
            try {
                List<String> lines = Files.readAllLines(log);
                b.append("--- ").append(log).append(" (last 30 lines)\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())))
                        .append('\n');
            } catch (java.io.IOException e) {
                b.append("--- cannot read ").append(log).append('\n');
            }
        }
        return b.toString();
    }
}
