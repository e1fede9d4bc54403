package io.blindspot.scoring.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.Aggregations;
import io.blindspot.contracts.events.Metrics;
import io.blindspot.contracts.events.Modes;
import io.blindspot.scoring.domain.metric.ImageLevel;
import io.blindspot.scoring.domain.metric.SliceScore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The image-level metrics against {@code golden/image-metrics.json} ({@code src/test/python/image_metric_golden.py}:
 * numpy slice scores, scikit-learn's {@code roc_auc_score} / {@code average_precision_score}), each value to 1e-9:
 * the slice scores of small residual maps ({@link SliceScores}), the seeded choice of lesion-free copies, and the
 * cells of shared/golden's ch2bet experiment and of a two-volume tie-heavy case under every aggregation.
 */
class ImageLevelGoldenTest {
    private static final double TOLERANCE = 1e-9;
    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000014");
    private static final List<String> SCORES = List.of(SliceScores.MEAN, SliceScores.MAX, SliceScores.TOP_K);
    private static JsonNode golden;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ImageLevelGoldenTest.class.getResourceAsStream("/golden/image-metrics.json")) {
            golden = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void sliceScoresOfResidualMapsMatchNumpy() {
        int maps = 0;
        for (JsonNode m : golden.get("residual_maps")) {
            int rows = m.get("rows").asInt();
            int cols = m.get("cols").asInt();
            int pixels = rows * cols;
            assertThat(SliceScores.topK(pixels)).isEqualTo(m.get("top_k").asInt());
            JsonNode variants = m.get("variants");
            float[] stack = new float[variants.size() * pixels];
            for (int v = 0; v < variants.size(); v++) {
                System.arraycopy(floats(variants.get(v).get("anomalous")), 0, stack, v * pixels, pixels);
            }
            float[] rec = floats(m.get("reconstruction"));
            float[] normal = floats(m.get("normal"));
            SliceVariants slice = SliceVariants.of(new FloatArray(new int[] {variants.size(), rows, cols}, stack),
                    FloatArray.of2d(rows, cols, floats(m.get("label"))));
            List<VariantScore> scores = SliceScorer.score(slice, FloatArray.of2d(rows, cols, rec), Modes.NORMAL_REC);

            double[][] out = SliceScores.of(slice, rec, 0, normal, scores);

            assertThat(out).hasNumberOfRows(variants.size() + 1);
            for (int v = 0; v < variants.size(); v++) {
                assertScores(rows + "x" + cols + " variant " + v, out[v], variants.get(v).get("scores"));
                // and bit for bit the full-map definitions (SliceScore) on the whole residual
                float[] residual = Residual.of(rec, floats(variants.get(v).get("anomalous")));
                assertThat(out[v]).containsExactly(SliceScore.mean(residual), SliceScore.max(residual),
                        SliceScore.topKMean(residual, SliceScores.topK(pixels)));
            }
            assertScores(rows + "x" + cols + " lesion-free", out[variants.size()], m.get("lesion_free"));
            maps++;
        }
        assertThat(maps).isEqualTo(3);
    }

    @Test
    void ch2betCellsMatchScikitLearnForBothFractionsAndEveryImageScore() {
        JsonNode c = golden.get("ch2bet");
        List<Integer> slices = ints(c.get("slices"));
        double[] intensities = doubles(c.get("intensities"));
        double[] sigmas = doubles(c.get("sigmas"));
        List<SliceScoreRow> rows = rows(c.get("scores"), 1, slices, c.get("top_k").asInt());
        for (JsonNode f : c.get("fractions")) {
            int n = f.get("lesion_free_count").asInt();
            long seed = f.get("seed").asLong();
            assertThat(ImageLevel.lesionFree(slices.size(), n, seed)).containsExactly(booleans(f.get("chosen")));
            for (String score : SCORES) {
                for (String metric : Metrics.IMAGE_LEVEL) {
                    List<Cell> cells = ImageLevelCells.of(rows, metric, Aggregations.SLICE_MEAN, score, 1, slices, n,
                            seed, intensities, sigmas);
                    assertCells("ch2bet f=" + f.get("normal_fraction") + " " + score + " " + metric, cells,
                            f.get("cells").get(score), metric, intensities, sigmas);
                }
            }
        }
    }

    @Test
    void everyAggregationOfTheTwoVolumeCaseMatches() {
        JsonNode s = golden.get("synthetic");
        int volumes = s.get("volumes").asInt();
        int perVolume = s.get("slices_per_volume").asInt();
        List<Integer> slices = new ArrayList<>();
        for (int i = 0; i < perVolume; i++) {
            slices.add(10 + i);
        }
        double[] intensities = {0.25, 0.75};
        double[] sigmas = {0.0, 1.0};
        List<SliceScoreRow> rows = rows(s.get("scores"), volumes, slices, 1);
        int n = s.get("lesion_free_count").asInt();
        long seed = s.get("seed").asLong();
        assertThat(ImageLevel.lesionFree(volumes * perVolume, n, seed)).containsExactly(booleans(s.get("chosen")));
        for (String aggregation : Aggregations.ALL) {
            for (String score : SCORES) {
                for (String metric : Metrics.IMAGE_LEVEL) {
                    List<Cell> cells = ImageLevelCells.of(rows, metric, aggregation, score, volumes, slices, n, seed,
                            intensities, sigmas);
                    assertCells("synthetic " + aggregation + " " + score + " " + metric, cells,
                            s.get("aggregations").get(aggregation).get(score), metric, intensities, sigmas);
                }
            }
        }
        // float16 changes something here: 1 + 2^-12 and 1.0 tie in half precision
        double pooled = ImageLevelCells.of(rows, Metrics.AUROC_IMAGE, Aggregations.POOLED, SliceScores.MEAN, volumes,
                slices, n, seed, intensities, sigmas).get(0).apMean();
        double half = ImageLevelCells.of(rows, Metrics.AUROC_IMAGE, Aggregations.POOLED_FLOAT16, SliceScores.MEAN,
                volumes, slices, n, seed, intensities, sigmas).get(0).apMean();
        assertThat(half).isNotEqualTo(pooled);
    }

    private static void assertCells(String what, List<Cell> cells, JsonNode grid, String metric,
                                    double[] intensities, double[] sigmas) {
        assertThat(cells).as(what).hasSize(grid.size() * grid.get(0).size());
        for (Cell cell : cells) {
            JsonNode expected = grid.get(cell.intensityIndex()).get(cell.sigmaIndex());
            String where = what + " cell (" + cell.intensityIndex() + ", " + cell.sigmaIndex() + ")";
            assertThat(cell.intensity()).as(where).isEqualTo(intensities[cell.intensityIndex()]);
            assertThat(cell.sigma()).as(where).isEqualTo(sigmas[cell.sigmaIndex()]);
            assertThat(cell.apMean()).as(where).isCloseTo(expected.get(metric).asDouble(), within(TOLERANCE));
            assertThat(cell.n()).as(where + " n").isEqualTo(expected.get("n").asInt());
            JsonNode std = expected.get(metric + "_std");
            if (std == null || std.isNull()) {
                assertThat(cell.apStd()).as(where + " std").isNull();
            } else {
                assertThat(cell.apStd()).as(where + " std").isCloseTo(std.asDouble(), within(TOLERANCE));
            }
        }
    }

    /** scores[unit][sigma] {"variants": [{score: value}], "lesion_free": {score: value}} as stored rows. */
    private static List<SliceScoreRow> rows(JsonNode scores, int volumes, List<Integer> slices, int k) {
        List<SliceScoreRow> rows = new ArrayList<>();
        int perVolume = slices.size();
        for (int u = 0; u < volumes * perVolume; u++) {
            JsonNode perSigma = scores.get(u);
            for (int s = 0; s < perSigma.size(); s++) {
                JsonNode at = perSigma.get(s);
                for (int v = 0; v < at.get("variants").size(); v++) {
                    rows.add(row(u / perVolume, slices.get(u % perVolume), s, v, at.get("variants").get(v), k));
                }
                rows.add(row(u / perVolume, slices.get(u % perVolume), s, SliceScoreRow.LESION_FREE,
                        at.get("lesion_free"), k));
            }
        }
        return rows;
    }

    private static SliceScoreRow row(int volume, int slice, int sigma, int variant, JsonNode s, int k) {
        return new SliceScoreRow(ID, volume, 2, slice, sigma, variant, s.get("mean").asDouble(),
                s.get("max").asDouble(), s.get("top-k").asDouble(), k);
    }

    private static void assertScores(String what, double[] actual, JsonNode expected) {
        assertThat(actual[0]).as(what + " mean").isCloseTo(expected.get("mean").asDouble(), within(TOLERANCE));
        assertThat(actual[1]).as(what + " max").isEqualTo(expected.get("max").asDouble());
        assertThat(actual[2]).as(what + " top-k").isCloseTo(expected.get("top-k").asDouble(), within(TOLERANCE));
    }

    private static List<Integer> ints(JsonNode node) {
        List<Integer> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asInt()));
        return out;
    }

    private static double[] doubles(JsonNode node) {
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asDouble();
        }
        return out;
    }

    private static boolean[] booleans(JsonNode node) {
        boolean[] out = new boolean[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asBoolean();
        }
        return out;
    }

    private static float[] floats(JsonNode node) {
        Inflater inflater = new Inflater();
        inflater.setInput(Base64.getDecoder().decode(node.asText()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            while (!inflater.finished()) {
                bytes.write(buffer, 0, inflater.inflate(buffer));
            }
        } catch (DataFormatException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
