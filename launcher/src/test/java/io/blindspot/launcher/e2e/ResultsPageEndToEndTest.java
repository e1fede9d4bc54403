package io.blindspot.launcher.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blindspot.launcher.cli.BlindspotClient;
import io.blindspot.launcher.stack.EmbeddedStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.blindspot.launcher.e2e.E2e.deleteRecursively;
import static io.blindspot.launcher.e2e.E2e.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The scoring-service's figures and pages on the real stack, checked the way a reader sees them: the results page,
 * an experiment's page and an audit's page loaded in headless Chromium (Debian's {@code chromium}), whose inline
 * script marks {@code <body data-figures="ok">} once every figure has decoded; and every figure endpoint answering
 * a valid PNG (magic bytes) or SVG (an {@code <svg>} root element), the match JSON with its fields.
 *
 * <p>Without Chromium the browser checks are skipped with a message, except on CI ({@code CI=true}), where they
 * fail: the CI script installs it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ResultsPageEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration EXPERIMENT_TIMEOUT = Duration.ofMinutes(6);
    private static final Pattern FIGURES = Pattern.compile("data-figures=\"([^\"]*)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static Path dataDir;
    private static EmbeddedStack stack;
    private static BlindspotClient client;
    private static String scoring;
    private static String exp1;
    private static String texture;
    private static String model;
    private static String auditId;

    @BeforeAll
    static void startStackAndRunExperiments() throws Exception {
        Path repoRoot = Path.of(System.getProperty("blindspot.repo.root", "..")).toAbsolutePath().normalize();
        dataDir = Path.of("target", "it-ResultsPageEndToEndTest").toAbsolutePath();
        deleteRecursively(dataDir);
        long t0 = System.nanoTime();
        stack = EmbeddedStack.start(dataDir, repoRoot);
        System.out.printf(Locale.ROOT, "[results-e2e] stack started in %.1f s%n", seconds(t0));
        scoring = stack.url("scoring");
        client = new BlindspotClient(stack.url("ingest"), scoring, stack.token());

        // Experiment 1 on the bundled brain: 6 intensities x 5 sigmas on 4 slices (the golden case).
        exp1 = client.submit(Files.readAllBytes(repoRoot.resolve("presets/exp1-small.json")), "application/json")
                .get("id").asText();
        // Experiment 2, small: presets/exp2-sink.json has 100 sigmas; 2 slices and exp1-small's 5 sigmas suffice
        // (and the same sigmas make its curve matchable to exp1-small's rows).
        texture = submit("""
                {"name": "sink-small", "dataset": {"source": "sample:ch2bet", "axis": 2, "slices": [80, 85]},
                 "anomaly": {"type": "sink", "radius": 20, "positions": [[136, 49], [99, 52]], "seed": 0},
                 "reconstruction": {"mode": "normal-rec", "reconstructor": "gaussian-blur",
                                    "sigmas": [0.0, 0.5, 1.0, 2.0, 5.0]}}""");
        // Experiment 3 with the shipped autoencoder, on exp1-small's slices, positions and intensities.
        ObjectNode modelSpec = (ObjectNode) JSON.readTree(Files.readAllBytes(repoRoot.resolve(
                "presets/exp1-small.json")));
        modelSpec.put("name", "ae-latent128-normal-rec");
        ObjectNode reconstruction = (ObjectNode) modelSpec.get("reconstruction");
        reconstruction.put("reconstructor", "onnx:ae-latent128");
        reconstruction.remove("sigmas");
        model = client.submit(JSON.writeValueAsBytes(modelSpec), "application/json").get("id").asText();
        auditId = submitAudit();
        for (String id : new String[] {exp1, texture, model}) {
            awaitDone(id);
        }
        System.out.printf(Locale.ROOT, "[results-e2e] experiments done after %.1f s%n", seconds(t0));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void heatmapsAreValidPngAndSvgWithTheHistogramBeside() throws Exception {
        assertPng(save("exp1-small-heatmap.png", get("/api/experiments/" + exp1 + "/heatmap.png")));
        Document svg = assertSvg(get("/api/experiments/" + exp1 + "/heatmap.svg"));
        // heatmap (800) + histogram (360) side by side
        assertThat(Double.parseDouble(svg.getDocumentElement().getAttribute("width"))).isEqualTo(1160.0);
        assertThat(new String(get("/api/experiments/" + exp1 + "/heatmap.svg"), StandardCharsets.UTF_8))
                .contains("Brain intensities", "exp1-ch2bet-small");
        assertPng(get("/api/experiments/" + texture + "/heatmap.png"));
    }

    @Test
    @Order(1)
    void theHistogramOfBrainIntensitiesHasBinsCountsAndQuantiles() throws Exception {
        JsonNode h = getJson("/api/experiments/" + exp1 + "/histogram");
        assertThat(h.get("edges")).hasSize(51);
        assertThat(h.get("counts")).hasSize(50);
        long sum = 0;
        for (JsonNode c : h.get("counts")) {
            sum += c.asLong();
        }
        assertThat(sum).isEqualTo(h.get("pixels").asLong()).isPositive();
        double p5 = h.get("quantiles").get("p5").asDouble();
        double p50 = h.get("quantiles").get("p50").asDouble();
        double p95 = h.get("quantiles").get("p95").asDouble();
        assertThat(p5).isGreaterThan(0.0).isLessThanOrEqualTo(p50);
        assertThat(p95).isGreaterThanOrEqualTo(p50).isLessThanOrEqualTo(1.0);
    }

    @Test
    @Order(1)
    void curvesAreValidImagesWithAndWithoutReference() throws Exception {
        assertPng(get("/api/experiments/" + model + "/curve.png"));
        assertSvg(get("/api/experiments/" + model + "/curve.svg?reference=" + exp1));
        assertSvg(get("/api/experiments/" + texture + "/curve.svg?reference=" + exp1));
        assertPng(get("/api/experiments/" + exp1 + "/curve.png?sigma-index=3"));
        String svg = new String(get("/api/experiments/" + model + "/curve.svg?reference=" + exp1),
                StandardCharsets.UTF_8);
        assertThat(svg).contains("ae-latent128-normal-rec", "(matched)");
    }

    @Test
    @Order(1)
    void aModelCurveIsMatchedToASigmaColumnAndATextureToAnIntensityRow() throws Exception {
        JsonNode m = getJson("/api/experiments/" + model + "/match?reference=" + exp1);
        assertThat(m.get("experiment").asText()).isEqualTo(model);
        assertThat(m.get("reference").asText()).isEqualTo(exp1);
        assertThat(m.get("matchedBy").asText()).isEqualTo("sigma");
        assertThat(m.get("index").asInt()).isBetween(0, 4);
        assertThat(m.get("value").asDouble()).isIn(0.0, 0.5, 1.0, 2.0, 5.0);
        assertThat(m.get("sad").asDouble()).isGreaterThanOrEqualTo(0.0);
        assertThat(m.get("curve")).hasSize(6);
        assertThat(m.get("matched")).hasSize(6);
        // at the first or last of the reference's 5 sigmas the match is flagged, with which way (issue 14)
        boolean edge = m.get("index").asInt() == 0 || m.get("index").asInt() == 4;
        assertThat(m.get("atEdge").asBoolean()).isEqualTo(edge);
        assertThat(m.get("edge").isObject()).isEqualTo(edge);
        JsonNode point = m.get("curve").get(0);
        assertThat(point.has("x") && point.has("apMean") && point.has("ciLow") && point.has("ciHigh")).isTrue();
        // 4 slices: a 95% band around the mean
        assertThat(point.get("ciLow").asDouble()).isLessThanOrEqualTo(point.get("apMean").asDouble());

        JsonNode t = getJson("/api/experiments/" + texture + "/match?reference=" + exp1);
        assertThat(t.get("matchedBy").asText()).isEqualTo("intensity");
        assertThat(t.get("value").asDouble()).isIn(0.0, 0.2, 0.4, 0.6, 0.8, 1.0);
        assertThat(t.get("curve")).hasSize(5);

        // a column of the reference matches itself exactly
        JsonNode self = getJson("/api/experiments/" + exp1 + "/match?reference=" + exp1 + "&sigma-index=2");
        assertThat(self.get("index").asInt()).isEqualTo(2);
        assertThat(self.get("sad").asDouble()).isZero();
    }

    @Test
    @Order(1)
    void badRequestsAnswerJsonErrors() throws Exception {
        assertError("/api/experiments/" + model + "/match", 400, "reference");
        assertError("/api/experiments/" + model + "/match?reference=" + texture, 400, "not an intensity");
        assertError("/api/experiments/" + exp1 + "/curve.png?sigma-index=9", 400, "sigma-index");
        assertError("/api/experiments/00000000-0000-0000-0000-000000000000/heatmap.svg", 404, "unknown experiment");
        assertError("/api/audits/00000000-0000-0000-0000-000000000000", 404, "unknown audit");
        assertError("/api/audits/no-such-audit", 400, "not a UUID");
        assertError("/api/figures/curves.png", 400, "experiments=");
        assertError("/api/figures/curves?experiments=" + model + "," + texture, 400, "one kind");
    }

    @Test
    @Order(1)
    void paperFiguresOverSeveralExperiments() throws Exception {
        String ids = model + "," + exp1;
        JsonNode curves = getJson("/api/figures/curves?experiments=" + ids + "&reference=" + exp1);
        assertThat(curves.get("along").asText()).isEqualTo("intensity");
        assertThat(curves.get("curves")).hasSize(2);
        for (JsonNode c : curves.get("curves")) {
            assertThat(c.get("match").get("matchedBy").asText()).isEqualTo("sigma");
        }
        assertPng(save("figure-1a.png",
                get("/api/figures/curves.png?experiments=" + ids + "&reference=" + exp1 + "&title=Figure%201a")));
        assertPng(save("figure-2.png", get("/api/figures/curves.png?experiments=" + texture + "&reference=" + exp1)));
        assertSvg(get("/api/figures/curves.svg?experiments=" + texture + "&reference=" + exp1));

        JsonNode errors = getJson("/api/figures/error-vs-ap?experiments=" + ids);
        assertThat(errors.get("points")).hasSize(2);
        for (JsonNode p : errors.get("points")) {
            assertThat(p.get("meanResidual").asDouble()).isPositive();
            assertThat(p.get("meanAp").asDouble()).isBetween(0.0, 1.0);
        }
        assertThat(errors.get("points").get(0).get("reconstructor").asText()).isEqualTo("onnx:ae-latent128");
        assertPng(save("figure-4b.png", get("/api/figures/error-vs-ap.png?experiments=" + ids)));
        assertThat(new String(get("/api/figures/error-vs-ap.svg?experiments=" + ids), StandardCharsets.UTF_8))
                .contains("onnx:ae-latent128", "gaussian-blur");
    }

    @Test
    @Order(2)
    void theAuditReportHasBothModesTheMatchAndTheBlindSpot() throws Exception {
        Assumptions.assumeTrue(auditId != null, "the ingest-service has no POST /api/audits here");
        JsonNode audit = awaitAuditDone();
        assertThat(audit.get("auditId").asText()).isEqualTo(auditId);
        assertThat(audit.get("model").asText()).isEqualTo("ae-latent128");
        assertThat(audit.get("threshold").asDouble()).isEqualTo(0.5);
        for (String role : List.of("reference", "normalRec", "anomalRec")) {
            assertThat(audit.get("experiments").get(role).asText()).as(role).isNotBlank();
        }
        boolean anyEdge = false;
        for (String mode : List.of("normal-rec", "anomal-rec")) {
            JsonNode m = audit.get("modes").get(mode);
            assertThat(m.get("curve")).as(mode).hasSize(6);
            assertThat(m.get("matchedSigma").isNumber()).as(mode + " " + m).isTrue();
            assertThat(m.get("sad").asDouble()).isGreaterThanOrEqualTo(0.0);
            // matched at sigma 0 or 5, the ends of the audit's 5 sigmas: flagged at the edge (issue 14)
            boolean edge = m.get("matchedIndex").asInt() == 0 || m.get("matchedIndex").asInt() == 4;
            assertThat(m.get("atEdge").asBoolean()).as(mode + " " + m).isEqualTo(edge);
            anyEdge |= edge;
            for (JsonNode interval : m.get("blindSpots")) {
                assertThat(interval.get(0).asDouble()).isLessThanOrEqualTo(interval.get(1).asDouble());
            }
        }
        assertThat(audit.get("histogram").get("quantiles").get("p50").asDouble()).isBetween(0.0, 1.0);
        assertPng(save("audit.png", get("/api/audits/" + auditId + "/figure.png")));
        assertSvg(get("/api/audits/" + auditId + "/figure.svg"));
        String page = new String(get("/api/audits/" + auditId + "/page"), StandardCharsets.UTF_8);
        assertThat(page).contains("Blind-spot audit of ae-latent128", "<img", "figure.svg");
        assertThat(page.contains("at the edge: ")).isEqualTo(anyEdge);
        assertThat(browserFigures(scoring + "/api/audits/" + auditId + "/page")).isEqualTo("ok");
    }

    @Test
    @Order(3)
    void theResultsPageListsEveryExperimentAndItsFiguresRenderInChromium() throws Exception {
        String page = new String(get("/results"), StandardCharsets.UTF_8);
        assertThat(page).contains("exp1-ch2bet-small", "sink-small", "ae-latent128-normal-rec",
                exp1 + "/heatmap.svg", texture + "/curve.svg", model + "/curve.svg");
        assertThat(new String(get("/"), StandardCharsets.UTF_8)).contains("Blindspot results");
        assertThat(browserFigures(scoring + "/results")).isEqualTo("ok");
        assertThat(browserFigures(scoring + "/results/" + exp1)).isEqualTo("ok");
        String svg = chromium(scoring + "/api/experiments/" + exp1 + "/heatmap.svg");
        assertThat(svg).contains("<svg");
        String curve = chromium(scoring + "/api/experiments/" + model + "/curve.svg?reference=" + exp1);
        assertThat(curve).contains("<svg");
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** The page's data-figures mark after Chromium loaded it and every image on it. */
    private static String browserFigures(String url) throws Exception {
        String dom = chromium(url);
        Matcher m = FIGURES.matcher(dom);
        assertThat(m.find()).as("data-figures on %s; DOM:%n%s", url, dom).isTrue();
        return m.group(1);
    }

    /** Chromium's DOM of a URL after up to 10 s of virtual time; skipped (or failed on CI) without Chromium. */
    private static String chromium(String url) throws Exception {
        String browser = findChromium();
        if (browser == null) {
            String message = "Debian's chromium is not installed (apt-get install chromium); the browser checks "
                    + "of the results pages cannot run";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + " (CI=true)");
            }
            Assumptions.abort(message);
        }
        Path profile = dataDir.resolve("chromium-profile");
        Files.createDirectories(profile);
        List<String> command = new ArrayList<>(List.of(browser, "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + profile, "--virtual-time-budget=10000", "--dump-dom", url));
        Path out = Files.createTempFile(dataDir, "dom", ".html");
        Path err = dataDir.resolve("chromium.log");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile())).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish loading " + url + " in 90 s; see " + err);
        }
        assertThat(p.exitValue()).as("chromium exit status for %s; see %s", url, err).isZero();
        return Files.readString(out);
    }

    private static String findChromium() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        return null;
    }

    private static String submit(String spec) {
        return client.submit(spec.getBytes(StandardCharsets.UTF_8), "application/json").get("id").asText();
    }

    /** POST /api/audits on ingest, with exp1-small's grid; null when this ingest has no audits endpoint. */
    private static String submitAudit() throws Exception {
        String body = """
                {"model": "ae-latent128", "intensities": [0.0, 0.2, 0.4, 0.6, 0.8, 1.0],
                 "sigmas": [0.0, 0.5, 1.0, 2.0, 5.0], "threshold": 0.5}""";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url("ingest") + "/api/audits"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + stack.token())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404 || r.statusCode() == 405) {
            return null;
        }
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 202);
        return JSON.readTree(r.body()).get("auditId").asText();
    }

    private static JsonNode awaitAuditDone() throws Exception {
        long deadline = System.nanoTime() + EXPERIMENT_TIMEOUT.toNanos();
        JsonNode audit = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<byte[]> r = send("/api/audits/" + auditId);
            if (r.statusCode() == 200) {
                audit = JSON.readTree(r.body());
                if ("done".equals(audit.get("status").asText())) {
                    return audit;
                }
                assertThat(audit.get("status").asText()).as(audit.toString()).isNotEqualTo("failed");
            }
            Thread.sleep(500);
        }
        return fail("audit " + auditId + " not done; last " + audit);
    }

    private static void awaitDone(String id) throws InterruptedException {
        E2e.awaitDone(client, id, EXPERIMENT_TIMEOUT, () -> E2e.tail(dataDir.resolve("logs/scoring.log"), 40));
    }

    private static HttpResponse<byte[]> send(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(scoring + path)).timeout(Duration.ofSeconds(120)).GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] get(String path) throws Exception {
        HttpResponse<byte[]> r = send(path);
        assertThat(r.statusCode()).as("GET %s: %s", path, new String(r.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        return r.body();
    }

    private static JsonNode getJson(String path) throws Exception {
        return JSON.readTree(get(path));
    }

    private static void assertError(String path, int status, String messagePart) throws Exception {
        HttpResponse<byte[]> r = send(path);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).as("GET %s: %s", path, body).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(JSON.readTree(body).get("error").asText()).contains(messagePart);
    }

    /** Keeps a figure under the data dir's figures/ for a person to look at after the run. */
    private static byte[] save(String name, byte[] figure) throws java.io.IOException {
        Path dir = dataDir.resolve("figures");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), figure);
        return figure;
    }

    private static void assertPng(byte[] png) {
        assertThat(png).startsWith(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
    }

    /** Parses the SVG (without fetching its DTD) and checks the root element. */
    private static Document assertSvg(byte[] svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg));
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        return doc;
    }
}
