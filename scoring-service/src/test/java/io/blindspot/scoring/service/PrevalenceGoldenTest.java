package io.blindspot.scoring.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.AnomalyParams;
import io.blindspot.contracts.events.Metrics;
import io.blindspot.contracts.events.Modes;
import io.blindspot.contracts.events.ReconstructionRef;
import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.contracts.events.SliceRef;
import io.blindspot.contracts.events.VariantsRef;
import io.blindspot.scoring.domain.ResultRow;
import io.blindspot.scoring.domain.SliceVariants;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prevalence stored beside every result row (AP's chance level, label pixels / slice pixels) on the golden
 * case: shared/golden's four ch2bet slices (181 × 217 = 39,277 pixels, radius-20 disks at the golden positions
 * cut by the brain mask), whose labels and {@code numpy} {@code label.mean()} metrics.json holds
 * ({@code src/test/python/metric_golden.py}). Slice 80's disk keeps 759 brain pixels: p = 759 / 39277.
 */
class PrevalenceGoldenTest {
    private static final String ID = "3f1d6c1e-2a4b-4c8d-9e0f-112233445566";

    @Test
    void everyRowOfAGoldenSliceCarriesItsPrevalenceAndApNormalisedUsesIt() throws IOException {
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/metrics.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        List<Double> intensities = new ArrayList<>();
        golden.get("intensities").forEach(i -> intensities.add(i.asDouble()));
        int checked = 0;
        for (JsonNode slice : golden.get("ch2bet").get("slices")) {
            int rows = slice.get("rows").asInt();
            int cols = slice.get("cols").asInt();
            byte[] label = inflate(slice.get("label"));
            assertThat(label).hasSize(rows * cols);
            float[] labelPlane = new float[label.length];
            int labelPixels = 0;
            for (int i = 0; i < label.length; i++) {
                labelPlane[i] = label[i] != 0 ? 1f : 0f;
                labelPixels += label[i] != 0 ? 1 : 0;
            }
            assertThat(labelPixels).isEqualTo(slice.get("region_sizes").get(0).asInt());
            // Any anomalous values do: the prevalence depends on the label only.
            float[][] planes = new float[intensities.size()][label.length];
            for (int v = 0; v < planes.length; v++) {
                for (int i = 0; i < label.length; i++) {
                    planes[v][i] = label[i] != 0 ? intensities.get(v).floatValue() : (i % 7) / 7f;
                }
            }
            SliceVariants variants = SliceVariants.of(FloatArray.stack(rows, cols, planes),
                    FloatArray.of2d(rows, cols, labelPlane));
            double expected = slice.get("sigmas").get(0).get("cells").get(0).get("prevalence").asDouble();
            assertThat(variants.prevalence()).isEqualTo(expected).isEqualTo((double) labelPixels / (rows * cols));
            if (slice.get("z").asInt() == 80) {
                assertThat(variants.prevalence()).isEqualTo(759.0 / 39277);
            }
            float[] rec = new float[2 * rows * cols];
            for (int i = 0; i < rec.length; i++) {
                rec[i] = (i % 5) / 5f;
            }
            List<String> metrics = List.of(Metrics.AP, Metrics.AP_NORMALISED);
            SliceReconstructed event = new SliceReconstructed(ID,
                    new SliceRef(2, slice.get("z").asInt(), rows, cols, "img"),
                    new AnomalyParams("disk", 20, intensities, List.of(1, 2), null),
                    new VariantsRef("an", "lab", intensities.size()),
                    new ReconstructionRef(Modes.NORMAL_REC, "gaussian-blur", 0, 0.0, "rec", List.of(0.0, 2.0)),
                    metrics);
            List<ResultRow> out = BlockScorer.score(event, variants,
                    new FloatArray(new int[] {2, rows, cols}, rec), false);
            assertThat(out).hasSize(2 * intensities.size() * metrics.size());
            for (int r = 0; r < out.size(); r += 2) {
                ResultRow ap = out.get(r);
                ResultRow normalised = out.get(r + 1);
                assertThat(ap.metric()).isEqualTo(Metrics.AP);
                assertThat(ap.prevalence()).isEqualTo(expected);
                assertThat(normalised.prevalence()).isEqualTo(expected);
                assertThat(normalised.value()).isEqualTo((ap.value() - expected) / (1 - expected));
                checked++;
            }
            // An AP-only event (the path of before metrics) carries it too.
            List<ResultRow> apOnly = BlockScorer.score(new SliceReconstructed(ID, event.slice(), event.anomaly(),
                    event.variants(), event.reconstruction(), List.of(Metrics.AP)), variants,
                    new FloatArray(new int[] {2, rows, cols}, rec), false);
            assertThat(apOnly).extracting(ResultRow::prevalence).containsOnly(expected);
        }
        assertThat(checked).isEqualTo(4 * 2 * intensities.size());
    }

    private static byte[] inflate(JsonNode node) {
        Inflater inflater = new Inflater();
        inflater.setInput(Base64.getDecoder().decode(node.asText()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && inflater.needsInput()) {
                    throw new AssertionError("truncated zlib data");
                }
                out.write(buffer, 0, n);
            }
        } catch (DataFormatException e) {
            throw new AssertionError(e);
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }
}
