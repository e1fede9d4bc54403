package io.blindspot.scoring.domain.metric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.scoring.domain.AveragePrecision;
import io.blindspot.scoring.domain.ConfidenceBand;
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
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every metric kernel of issue 14 against {@code golden/metrics.json}, which
 * {@code src/test/python/metric_golden.py} computed with scikit-learn, scikit-image, scipy and numpy on
 * shared/golden's four ch2bet slices (normal-rec, sigmas 0 and 2, six intensities) and on synthetic maps (ties,
 * tiny and multiple regions, constant residual, all-normal, all-anomal): each value to 1e-9, AP bit for bit.
 * A golden null is an undefined value (sklearn raises, or 0/0): NaN here.
 */
public class MetricGoldenTest {
    private static final double TOLERANCE = 1e-9;
    private static JsonNode golden;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = MetricGoldenTest.class.getResourceAsStream("/golden/metrics.json")) {
            golden = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void syntheticMapsMatchTheReferenceLibraries() {
        List<String> names = new ArrayList<>();
        for (JsonNode c : golden.get("synthetic")) {
            String name = c.get("name").asText();
            names.add(name);
            int rows = c.get("rows").asInt();
            int cols = c.get("cols").asInt();
            float[] residual = floats(c.get("residual"));
            boolean[] label = booleans(c.get("label"));
            JsonNode m = c.get("metrics");

            ConnectedComponents.Regions regions = ConnectedComponents.label(label, rows, cols);
            assertThat(regions.region()).as(name + " regions = skimage.measure.label").containsExactly(ints(c.get("regions")));
            assertThat(regions.count()).as(name).isEqualTo(c.get("region_count").asInt());

            ThresholdTable table = ThresholdTable.of(residual, label);
            assertThat(table.averagePrecision()).as(name + " ap").isEqualTo(m.get("ap").asDouble());
            assertThat(AveragePrecision.compute(residual, label)).as(name + " ap").isEqualTo(m.get("ap").asDouble());
            assertClose(name + " auroc", Auroc.compute(residual, label), m.get("auroc"));
            Dice.Best best = Dice.best(residual, label);
            assertClose(name + " dice-best", best.dice(), m.get("dice_best"));
            assertClose(name + " dice-best threshold", best.threshold(), m.get("dice_best_threshold"));
            assertClose(name + " aupro", Aupro.compute(residual, label, rows, cols, Aupro.MAX_FPR), m.get("aupro"));
            double prevalence = ChanceLevel.prevalence(label);
            assertClose(name + " prevalence", prevalence, m.get("prevalence"));
            assertClose(name + " normalised ap", ChanceLevel.normalisedAp(table.averagePrecision(), prevalence),
                    m.get("ap_normalised"));
            if (c.has("normal")) {
                double q = NormalQuantile.linear(floats(c.get("normal")), NormalQuantile.Q99);
                assertThat(q).as(name + " np.quantile, bit for bit").isEqualTo(m.get("normal_q99").asDouble());
                assertClose(name + " dice at q99", Dice.atThreshold(residual, label, q), m.get("dice_at_normal_q99"));
            }
        }
        assertThat(names).contains("ties-two-regions", "tiny-regions", "multiple-regions", "constant-residual",
                "all-normal", "all-anomal");
    }

    @Test
    void pooledVolumeMeanAndIntervalsMatch() {
        JsonNode p = golden.get("pooled_synthetic");
        List<float[]> maps = new ArrayList<>();
        List<boolean[]> labels = new ArrayList<>();
        for (JsonNode name : p.get("maps")) {
            for (JsonNode c : golden.get("synthetic")) {
                if (c.get("name").asText().equals(name.asText())) {
                    maps.add(floats(c.get("residual")));
                    labels.add(booleans(c.get("label")));
                }
            }
        }
        assertThat(PooledAp.of(maps, labels, false)).isEqualTo(p.get("pooled_ap").asDouble());
        assertThat(PooledAp.of(maps, labels, true)).isEqualTo(p.get("pooled_ap_float16").asDouble());
        List<ThresholdTable> tables = new ArrayList<>();
        double[] perSlice = new double[maps.size()];
        for (int s = 0; s < maps.size(); s++) {
            tables.add(ThresholdTable.of(maps.get(s), labels.get(s)));
            perSlice[s] = tables.get(s).averagePrecision();
            assertThat(perSlice[s]).isEqualTo(p.get("per_slice_ap").get(s).asDouble());
        }
        assertClose("pooled auroc", Aggregation.pooled(tables, Auroc::of), p.get("pooled_auroc"));
        assertClose("slice-mean", Aggregation.mean(perSlice), p.get("slice_mean_ap"));
        List<List<ThresholdTable>> volumes = new ArrayList<>();
        for (JsonNode v : p.get("volumes")) {
            List<ThresholdTable> volume = new ArrayList<>();
            v.forEach(i -> volume.add(tables.get(i.asInt())));
            volumes.add(volume);
        }
        double[] perVolume = Aggregation.perVolume(volumes, ThresholdTable::averagePrecision);
        for (int v = 0; v < perVolume.length; v++) {
            assertThat(perVolume[v]).isEqualTo(p.get("per_volume_ap").get(v).asDouble());
        }
        assertClose("volume-mean", Aggregation.volumeMean(volumes, ThresholdTable::averagePrecision),
                p.get("volume_mean_ap"));

        PercentileBootstrap.Interval sliceMean = PercentileBootstrap.ofMean(perSlice, PercentileBootstrap.RESAMPLES,
                PercentileBootstrap.SEED);
        assertClose("bootstrap low", sliceMean.low(), p.get("bootstrap_slice_mean_ap").get(0));
        assertClose("bootstrap high", sliceMean.high(), p.get("bootstrap_slice_mean_ap").get(1));
        PercentileBootstrap.Interval pooled = Aggregation.pooledBootstrap(tables, ThresholdTable::averagePrecision,
                200, 7);
        assertClose("pooled bootstrap low", pooled.low(), p.get("bootstrap_pooled_ap_200").get(0));
        assertClose("pooled bootstrap high", pooled.high(), p.get("bootstrap_pooled_ap_200").get(1));
        ConfidenceBand.Interval t = Aggregation.tInterval(perSlice);
        assertClose("t low", t.low(), p.get("t_interval_slice_mean_ap").get(0));
        assertClose("t high", t.high(), p.get("t_interval_slice_mean_ap").get(1));
    }

    @Test
    void goldenSlicesMatchOnBothPaths() {
        JsonNode ch2bet = golden.get("ch2bet");
        JsonNode intensities = golden.get("intensities");
        int topK = golden.get("top_k").asInt();
        int sigmas = golden.get("sigmas").size();
        // Per (sigma, intensity): every slice's map, for the pooled values.
        List<List<float[]>> pooledMaps = new ArrayList<>();
        List<boolean[]> pooledLabels = new ArrayList<>();
        List<List<float[]>> references = new ArrayList<>();
        List<List<float[]>> recs = new ArrayList<>();
        for (int i = 0; i < sigmas * intensities.size(); i++) {
            pooledMaps.add(new ArrayList<>());
        }
        for (int i = 0; i < sigmas; i++) {
            references.add(new ArrayList<>());
            recs.add(new ArrayList<>());
        }
        int checked = 0;
        for (JsonNode slice : ch2bet.get("slices")) {
            int rows = slice.get("rows").asInt();
            int cols = slice.get("cols").asInt();
            boolean[] label = booleans(slice.get("label"));
            pooledLabels.add(label);
            int[] labelPixels = labelPixels(label);
            ConnectedComponents.Regions regions = ConnectedComponents.label(label, rows, cols);
            assertThat(regions.count()).isEqualTo(slice.get("region_count").asInt());
            for (int r = 1; r <= regions.count(); r++) {
                assertThat(regions.size(r)).isEqualTo(slice.get("region_sizes").get(r - 1).asInt());
            }
            for (int si = 0; si < sigmas; si++) {
                JsonNode s = slice.get("sigmas").get(si);
                float[] reference = floats(s.get("reference_residual"));
                references.get(si).add(reference);
                float[] recOnLabel = floats(s.get("rec_on_label"));
                float[] normalOnLabel = floats(s.get("normal_on_label"));
                float[] rec = new float[label.length];
                float[] normalResidual = reference.clone();
                for (int j = 0; j < labelPixels.length; j++) {
                    rec[labelPixels[j]] = recOnLabel[j];
                    normalResidual[labelPixels[j]] = Math.abs(recOnLabel[j] - normalOnLabel[j]);
                }
                recs.get(si).add(rec);
                double q99 = NormalQuantile.linear(normalResidual, NormalQuantile.Q99);
                JsonNode normalScores = s.get("normal_slice_scores");
                assertClose("normal mean", SliceScore.mean(normalResidual), normalScores.get("mean"));
                assertClose("normal max", SliceScore.max(normalResidual), normalScores.get("max"));
                assertClose("normal top-k", SliceScore.topKMean(normalResidual, topK), normalScores.get("top_k_mean"));
                NormalRecBlock block = new NormalRecBlock(reference, label, rec, rows, cols);
                for (int ii = 0; ii < intensities.size(); ii++) {
                    float c = (float) intensities.get(ii).asDouble();
                    float[] residual = reference.clone();
                    for (int j = 0; j < labelPixels.length; j++) {
                        residual[labelPixels[j]] = Math.abs(recOnLabel[j] - c);
                    }
                    pooledMaps.get(si * intensities.size() + ii).add(residual);
                    JsonNode m = s.get("cells").get(ii);
                    String where = "z " + slice.get("z") + " sigma " + s.get("sigma") + " intensity " + c;
                    double ap = m.get("ap").asDouble();
                    assertThat(ThresholdTable.of(residual, label).averagePrecision()).as(where).isEqualTo(ap);
                    assertThat(block.ap(c)).as(where).isEqualTo(ap);
                    assertClose(where + " auroc", Auroc.compute(residual, label), m.get("auroc"));
                    assertClose(where + " auroc incremental", block.auroc(c), m.get("auroc"));
                    Dice.Best best = Dice.best(residual, label);
                    assertClose(where + " dice-best", best.dice(), m.get("dice_best"));
                    assertClose(where + " threshold", best.threshold(), m.get("dice_best_threshold"));
                    Dice.Best fast = block.bestDice(c);
                    assertClose(where + " dice-best incremental", fast.dice(), m.get("dice_best"));
                    assertClose(where + " threshold incremental", fast.threshold(), m.get("dice_best_threshold"));
                    assertClose(where + " aupro", Aupro.compute(residual, label, rows, cols, Aupro.MAX_FPR),
                            m.get("aupro"));
                    assertClose(where + " aupro incremental", block.aupro(c, Aupro.MAX_FPR), m.get("aupro"));
                    assertThat(q99).as(where).isEqualTo(m.get("normal_q99").asDouble());
                    assertClose(where + " dice at q99", Dice.atThreshold(residual, label, q99),
                            m.get("dice_at_normal_q99"));
                    double p = ChanceLevel.prevalence(label);
                    assertClose(where + " prevalence", p, m.get("prevalence"));
                    assertClose(where + " normalised", ChanceLevel.normalisedAp(ap, p), m.get("ap_normalised"));
                    JsonNode scores = m.get("slice_scores");
                    assertClose(where + " mean", SliceScore.mean(residual), scores.get("mean"));
                    assertClose(where + " max", SliceScore.max(residual), scores.get("max"));
                    assertClose(where + " top-k", SliceScore.topKMean(residual, topK), scores.get("top_k_mean"));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(4 * sigmas * intensities.size());

        for (JsonNode cell : ch2bet.get("pooled")) {
            int si = indexOf(golden.get("sigmas"), cell.get("sigma").asDouble());
            int ii = indexOf(intensities, cell.get("intensity").asDouble());
            List<float[]> maps = pooledMaps.get(si * intensities.size() + ii);
            String where = "pooled sigma " + cell.get("sigma") + " intensity " + cell.get("intensity");
            assertThat(PooledAp.of(maps, pooledLabels, false)).as(where).isEqualTo(cell.get("ap").asDouble());
            assertThat(PooledAp.of(maps, pooledLabels, true)).as(where + " float16")
                    .isEqualTo(cell.get("ap_float16").asDouble());
            List<ThresholdTable> tables = new ArrayList<>();
            for (int s = 0; s < maps.size(); s++) {
                tables.add(ThresholdTable.of(maps.get(s), pooledLabels.get(s)));
            }
            assertClose(where + " auroc", Aggregation.pooled(tables, Auroc::of), cell.get("auroc"));
            // The normal-rec path: pooled negatives once, all slices' label values sorted once.
            for (boolean float16 : new boolean[]{false, true}) {
                PooledAp.NormalRec pooled = new PooledAp.NormalRec(references.get(si), pooledLabels, recs.get(si),
                        float16);
                assertThat(pooled.ap((float) cell.get("intensity").asDouble())).as(where + " " + float16)
                        .isEqualTo(cell.get(float16 ? "ap_float16" : "ap").asDouble());
            }
        }
    }

    private static int indexOf(JsonNode array, double value) {
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i).asDouble() == value) {
                return i;
            }
        }
        throw new AssertionError(value + " not in " + array);
    }

    private static int[] labelPixels(boolean[] label) {
        int k = 0;
        for (boolean b : label) {
            k += b ? 1 : 0;
        }
        int[] out = new int[k];
        for (int i = 0, j = 0; i < label.length; i++) {
            if (label[i]) {
                out[j++] = i;
            }
        }
        return out;
    }

    /** A golden value to 1e-9; a golden null is NaN. */
    static void assertClose(String what, double actual, JsonNode expected) {
        if (expected == null || expected.isNull()) {
            assertThat(actual).as(what + " (undefined: NaN)").isNaN();
        } else {
            assertThat(actual).as(what).isCloseTo(expected.asDouble(), within(TOLERANCE));
        }
    }

    static byte[] inflate(JsonNode node) {
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

    public static float[] floats(JsonNode node) {
        ByteBuffer b = ByteBuffer.wrap(inflate(node)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }

    static int[] ints(JsonNode node) {
        ByteBuffer b = ByteBuffer.wrap(inflate(node)).order(ByteOrder.LITTLE_ENDIAN);
        int[] out = new int[b.remaining() / 4];
        b.asIntBuffer().get(out);
        return out;
    }

    public static boolean[] booleans(JsonNode node) {
        byte[] bytes = inflate(node);
        boolean[] out = new boolean[bytes.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes[i] != 0;
        }
        return out;
    }
}
