package io.blindspot.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.launcher.stack.EmbeddedStack;
import io.blindspot.testing.NiftiFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.blindspot.launcher.e2e.E2e.deleteRecursively;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The CLI's {@code run --dataset DIR} (a MOOD-style folder of several volumes) and {@code audit} on a real stack
 * (own data dir {@code target/it-FolderAndAuditEndToEndTest}), plus ingest refusing an unregistered model.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FolderAndAuditEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SUBMITTED = Pattern.compile("submitted \\S+ as ([0-9a-f-]{36})");

    private static Path repoRoot;
    private static Path work;
    private static EmbeddedStack stack;
    private static BlindspotClient client;

    @BeforeAll
    static void startStack() throws Exception {
        repoRoot = Path.of(System.getProperty("blindspot.repo.root", "..")).toAbsolutePath().normalize();
        work = Path.of("target", "it-FolderAndAuditEndToEndTest").toAbsolutePath();
        deleteRecursively(work);
        stack = EmbeddedStack.start(work.resolve("stack"), repoRoot);
        client = new BlindspotClient(stack.url("ingest"), stack.url("scoring"), stack.token());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Runs the CLI; returns its standard output, failing with both streams unless it exits with 0. */
    private static String cli(String... args) {
        return cli(false, args);
    }

    /**
     * @param figureErrorsAllowed accept exit code 1 when its only cause is a report file the scoring-service
     *                            failed to draw (the CLI then still saved and printed everything else)
     */
    private static String cli(boolean figureErrorsAllowed, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), repoRoot,
                Map.of(BlindspotClient.TOKEN_VARIABLE, stack.token())).run(args);
        String text = out.toString(StandardCharsets.UTF_8);
        String errors = err.toString(StandardCharsets.UTF_8);
        System.out.println(text + errors);
        boolean onlyFigures = code == 1 && errors.contains("report file(s) failed");
        if (code != 0 && !(figureErrorsAllowed && onlyFigures)) {
            fail("blindspot " + String.join(" ", args) + " exited with " + code + ":\n" + text + "\n" + errors);
        }
        return text;
    }

    @Test
    @Order(1)
    void aPresetRunsOnTheTestVolumesOfAFolder() throws Exception {
        // 5 volumes 64x64x6: a disk of brain (radius 26) whose intensity differs per volume and slice.
        // int(5 * 0.6) = 3 train, so the test volumes are the last two by name: d.nii.gz and e.nii
        Path folder = Files.createDirectories(work.resolve("mood"));
        String[] names = {"c.nii.gz", "a.nii.gz", "e.nii", "b.nii.gz", "d.nii.gz"};
        for (int f = 0; f < names.length; f++) {
            float level = 0.2f + 0.1f * f;
            byte[] nifti = NiftiFiles.float32(64, 64, 6, (i, j, k) ->
                    (i - 32) * (i - 32) + (j - 32) * (j - 32) < 26 * 26 ? level + 0.05f * k + 0.002f * i : 0f);
            Files.write(folder.resolve(names[f]), names[f].endsWith(".gz") ? NiftiFiles.gzip(nifti) : nifti);
        }

        String out = cli("run", repoRoot.resolve("presets/exp1-small.json").toString(), "--dataset",
                folder.toString(), "--slices", "2:4", "--ingest", stack.url("ingest"), "--scoring",
                stack.url("scoring"), "--out", work.resolve("out").toString());

        assertThat(out).contains("5 volumes, 3 train (int(0.6 n)), 2 test; using test: 2 volume(s)")
                .contains("uploaded 1/2 d.nii.gz").contains("uploaded 2/2 e.nii");
        Matcher m = SUBMITTED.matcher(out);
        assertThat(m.find()).isTrue();
        String id = m.group(1);
        JsonNode status = client.status(id);
        // 2 volumes x 2 slices x 6 intensities x 5 sigmas
        assertThat(status.get("expected").asLong()).isEqualTo(120);
        assertThat(status.get("done").asLong()).isEqualTo(120);
        JsonNode spec = status.get("spec");
        assertThat(spec.path("dataset").path("volumes")).hasSize(2);
        assertThat(spec.path("anomaly").path("seed").asLong()).isZero();

        JsonNode results = client.results(id);
        Set<String> slices = new HashSet<>();
        for (JsonNode r : results) {
            slices.add(r.get("volume").asInt() + "/" + r.get("slice").asInt());
            assertThat(r.get("position")).hasSize(2);
        }
        assertThat(slices).containsExactlyInAnyOrder("0/2", "0/3", "1/2", "1/3");
        String csv = new String(client.download(id, "results?format=csv"), StandardCharsets.UTF_8);
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("volume,axis,slice,");
        assertThat(client.cells(id).get("cells").get(0).get("n").asInt()).isEqualTo(4);
        assertThat(work.resolve("out/exp1-ch2bet-small-cells.csv")).exists();
    }

    /** The stack registers every models/*.onnx at start; the error lists them by name, sorted. */
    private static final String SHIPPED_MODELS = "ae-latent128, spatial-ae-8x8x1, vae-latent128, vqvae2";

    @Test
    @Order(2)
    void anUnregisteredModelIsRefusedAtSubmission() throws Exception {
        JsonNode spec = JSON.readTree(Files.readString(repoRoot.resolve("presets/exp3-normal-rec.json")));
        ((com.fasterxml.jackson.databind.node.ObjectNode) spec.get("reconstruction"))
                .put("reconstructor", "onnx:no-such-model");
        try {
            client.submit(JSON.writeValueAsBytes(spec), "application/json");
            fail("an unregistered model was accepted");
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.getMessage()).isEqualTo("reconstruction.reconstructor: unknown model 'no-such-model'; "
                    + "registered: " + SHIPPED_MODELS);
        }
        try {
            client.submitAudit("{\"model\": \"no-such-model\"}".getBytes(StandardCharsets.UTF_8));
            fail("an audit of an unregistered model was accepted");
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.getMessage()).isEqualTo("model: unknown model 'no-such-model'; registered: " + SHIPPED_MODELS);
        }
    }

    @Test
    @Order(3)
    void anAuditRunsItsThreeExperimentsAndSavesTheReport() throws Exception {
        long t0 = System.nanoTime();
        String out = cli(true, "audit", "--model", "ae-latent128", "--ingest", stack.url("ingest"), "--scoring",
                stack.url("scoring"), "--out", work.resolve("out").toString());
        System.out.printf(Locale.ROOT, "[e2e] audit done in %.1f s%n", (System.nanoTime() - t0) / 1e9);

        Matcher m = Pattern.compile("audit ([0-9a-f-]{36}) of model ae-latent128 submitted: "
                + "\\{reference=([0-9a-f-]{36}), normal-rec=([0-9a-f-]{36}), anomal-rec=([0-9a-f-]{36})}")
                .matcher(out);
        assertThat(m.find()).as(out).isTrue();
        List<String> roles = List.of("reference", "normal-rec", "anomal-rec");
        long[] expected = {4L * 100 * 100, 4L * 100, 4L * 100};
        for (int r = 0; r < 3; r++) {
            JsonNode status = client.status(m.group(r + 2));
            assertThat(status.get("status").asText()).isEqualTo("done");
            assertThat(status.get("expected").asLong()).isEqualTo(expected[r]);
            JsonNode audit = status.path("spec").path("audit");
            assertThat(audit.path("id").asText()).isEqualTo(m.group(1));
            assertThat(audit.path("role").asText()).isEqualTo(roles.get(r));
            assertThat(audit.path("model").asText()).isEqualTo("ae-latent128");
            assertThat(audit.path("threshold").asDouble()).isEqualTo(0.5);
        }
        Path dir = work.resolve("out/audit-ae-latent128");
        // the report files come from the scoring-service's audit endpoints; a missing one is only a warning
        if (Files.exists(dir.resolve("audit.json"))) {
            assertThat(JSON.readTree(dir.resolve("audit.json").toFile()).path("auditId").asText())
                    .isEqualTo(m.group(1));
            assertThat(out).contains("blind spot of ae-latent128 (threshold 0.5):").contains("normal-rec ")
                    .contains("anomal-rec ");
        } else {
            assertThat(out).contains("warning: /api/audits/" + m.group(1) + " is not available (404)");
        }
    }
}
