package io.blindspot.scoring.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.Aggregations;
import io.blindspot.contracts.events.Metrics;
import io.blindspot.scoring.domain.metric.Dice;
import io.blindspot.scoring.domain.metric.NormalQuantile;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.blindspot.scoring.domain.metric.MetricGoldenTest.booleans;
import static io.blindspot.scoring.domain.metric.MetricGoldenTest.floats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code dice-at-normal-q99} over a sigma's slices ({@link DiceAtNormalQ99}) against metrics.json, which
 * metric_golden.py computes with numpy on shared/golden's four ch2bet slices: the pooled q99 threshold bit for bit,
 * per-slice, slice-mean, pooled, pooled-float16 and volume-mean (two volumes) with their intervals to 1e-9; and
 * the counting path equal to the materialised map on variants that are not one disk value.
 */
class DiceAtNormalQ99Test {
    private static final double TOLERANCE = 1e-9;
    private static JsonNode golden;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = DiceAtNormalQ99Test.class.getResourceAsStream("/golden/metrics.json")) {
            golden = new ObjectMapper().readTree(in);
        }
    }

    /**
     * The four golden slices at sigma index si, every golden intensity a variant, as the stage sees them. The
     * golden gives residuals, not images, so each slice is rebuilt with a reconstruction of 0 outside the label:
     * the anomalous reference and the normal slice there hold the residual itself (|0 − r| = r, exactly), and on the
     * label the reconstruction holds its golden values, the normal slice its own and variant c the value c.
     */
    private static List<DiceAtNormalQ99.SliceAt> slices(int si, int[] volumes) {
        JsonNode intensities = golden.get("intensities");
        List<DiceAtNormalQ99.SliceAt> out = new ArrayList<>();
        int s = 0;
        for (JsonNode slice : golden.get("ch2bet").get("slices")) {
            int rows = slice.get("rows").asInt();
            int cols = slice.get("cols").asInt();
            boolean[] label = booleans(slice.get("label"));
            JsonNode sigma = slice.get("sigmas").get(si);
            float[] reference = floats(sigma.get("reference_residual"));
            float[] recOnLabel = floats(sigma.get("rec_on_label"));
            float[] normalOnLabel = floats(sigma.get("normal_on_label"));
            float[] rec = new float[label.length];
            float[] normal = reference.clone();
            float[] labelPlane = new float[label.length];
            int k = recOnLabel.length;
            float[] labelValues = new float[intensities.size() * k];
            for (int i = 0, j = 0; i < label.length; i++) {
                if (label[i]) {
                    labelPlane[i] = 1f;
                    rec[i] = recOnLabel[j];
                    normal[i] = normalOnLabel[j];
                    for (int v = 0; v < intensities.size(); v++) {
                        labelValues[v * k + j] = (float) intensities.get(v).asDouble();
                    }
                    j++;
                }
            }
            SliceVariants variants = SliceVariants.ofCompact(FloatArray.of2d(rows, cols, reference),
                    FloatArray.of2d(rows, cols, labelPlane), new FloatArray(new int[] {intensities.size(), k},
                            labelValues));
            out.add(new DiceAtNormalQ99.SliceAt(volumes[s++], variants, rec, normal));
        }
        return out;
    }

    @Test
    void everyGoldenCellMatchesNumpy() {
        JsonNode sigmas = golden.get("sigmas");
        JsonNode intensities = golden.get("intensities");
        int compared = 0;
        for (int si = 0; si < sigmas.size(); si++) {
            List<DiceAtNormalQ99.SliceAt> slices = slices(si, new int[] {0, 0, 0, 0});
            DiceAtNormalQ99.Result r = DiceAtNormalQ99.of(slices,
                    List.of(Aggregations.SLICE_MEAN, Aggregations.POOLED, Aggregations.POOLED_FLOAT16),
                    CrossSliceAggregates.Bootstrap.NONE);
            for (int v = 0; v < intensities.size(); v++) {
                JsonNode g = goldenCell(sigmas.get(si).asDouble(), intensities.get(v).asDouble());
                String where = "sigma " + sigmas.get(si) + " intensity " + intensities.get(v);
                assertThat(r.threshold()).as(where + " threshold, bit for bit").isEqualTo(g.get("threshold").asDouble());
                double sum = 0;
                for (int s = 0; s < slices.size(); s++) {
                    assertThat(r.perSlice()[s][v]).as(where + " slice " + s)
                            .isCloseTo(g.get("per_slice").get(s).asDouble(), Offset.offset(TOLERANCE));
                    sum += r.perSlice()[s][v];
                }
                assertThat(sum / slices.size()).as(where + " slice-mean")
                        .isCloseTo(g.get("slice_mean").asDouble(), Offset.offset(TOLERANCE));
                assertThat(value(r, Aggregations.POOLED, v).value()).as(where + " pooled")
                        .isCloseTo(g.get("pooled").asDouble(), Offset.offset(TOLERANCE));
                assertThat(value(r, Aggregations.POOLED, v).n()).isEqualTo(4);
                assertThat(value(r, Aggregations.POOLED_FLOAT16, v).value()).as(where + " pooled-float16")
                        .isCloseTo(g.get("float16").get("pooled").asDouble(), Offset.offset(TOLERANCE));
                assertThat(DiceAtNormalQ99.threshold(slices, true)).as(where + " float16 threshold")
                        .isEqualTo(g.get("float16").get("threshold").asDouble());
                compared++;
            }
        }
        assertThat(compared).isEqualTo(sigmas.size() * intensities.size());
    }

    @Test
    void volumeMeanAndTheBootstrapsMatchTheGoldenStage() {
        JsonNode cell = golden.get("ch2bet").get("cross_slice");
        JsonNode expected = cell.get("values").get("dice_at_normal_q99");
        int si = indexOf(golden.get("sigmas"), cell.get("sigma").asDouble());
        int v = indexOf(golden.get("intensities"), cell.get("intensity").asDouble());
        List<DiceAtNormalQ99.SliceAt> slices = slices(si, new int[] {0, 0, 1, 1});

        DiceAtNormalQ99.Result byVolume = DiceAtNormalQ99.of(slices, List.of(Aggregations.VOLUME_MEAN),
                new CrossSliceAggregates.Bootstrap(1000, 0L, true));
        assertThat(byVolume.threshold()).isEqualTo(expected.get("threshold").asDouble());
        JsonNode vm = expected.get("volume_mean");
        for (int volume = 0; volume < 2; volume++) {
            int k = volume;
            CrossSliceAggregates.Value perVolume = byVolume.staged().stream()
                    .filter(x -> x.variant() == v && x.volume() == k).findFirst().orElseThrow();
            assertThat(perVolume.value()).isCloseTo(vm.get("per_volume").get(volume).asDouble(),
                    Offset.offset(TOLERANCE));
            assertThat(perVolume.n()).isEqualTo(2);
        }
        CrossSliceAggregates.Value mean = value(byVolume, Aggregations.VOLUME_MEAN, v);
        assertThat(mean.value()).isCloseTo(vm.get("mean").asDouble(), Offset.offset(TOLERANCE));
        assertThat(mean.std()).isCloseTo(vm.get("std").asDouble(), Offset.offset(TOLERANCE));
        assertThat(mean.ciLow()).isCloseTo(vm.get("t_interval").get(0).asDouble(), Offset.offset(TOLERANCE));
        assertThat(mean.ciHigh()).isCloseTo(vm.get("t_interval").get(1).asDouble(), Offset.offset(TOLERANCE));
        assertThat(mean.bootLow()).isCloseTo(vm.get("bootstrap").get(0).asDouble(), Offset.offset(TOLERANCE));
        assertThat(mean.bootHigh()).isCloseTo(vm.get("bootstrap").get(1).asDouble(), Offset.offset(TOLERANCE));

        DiceAtNormalQ99.Result bySlice = DiceAtNormalQ99.of(slices, List.of(Aggregations.POOLED),
                new CrossSliceAggregates.Bootstrap(200, 7L, false));
        CrossSliceAggregates.Value pooled = value(bySlice, Aggregations.POOLED, v);
        JsonNode boot = expected.get("bootstrap_pooled_200_seed7");
        assertThat(pooled.bootLow()).isCloseTo(boot.get(0).asDouble(), Offset.offset(TOLERANCE));
        assertThat(pooled.bootHigh()).isCloseTo(boot.get(1).asDouble(), Offset.offset(TOLERANCE));

        // slice-mean's bootstrap is the query's (CrossSliceAggregates.sliceMeanBootstrap over the per-slice rows)
        List<SliceResult> rows = new ArrayList<>();
        for (int s = 0; s < slices.size(); s++) {
            rows.add(new SliceResult(0, 0, s, v, si, 0.6, 2.0, bySlice.perSlice()[s][v], 0.0, null, null, null));
        }
        double[] sliceBoot = CrossSliceAggregates.sliceMeanBootstrap(rows,
                new CrossSliceAggregates.Bootstrap(1000, 0L, false));
        assertThat(sliceBoot[0]).isCloseTo(expected.get("slice_mean_bootstrap").get(0).asDouble(),
                Offset.offset(TOLERANCE));
        assertThat(sliceBoot[1]).isCloseTo(expected.get("slice_mean_bootstrap").get(1).asDouble(),
                Offset.offset(TOLERANCE));
    }

    @Test
    void variantsOutsideTheDiskFormAreCountedOnTheirMaterialisedMaps() {
        Random random = new Random(99);
        int rows = 23;
        int cols = 19;
        int pixels = rows * cols;
        List<DiceAtNormalQ99.SliceAt> slices = new ArrayList<>();
        List<float[][]> planes = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            float[] label = new float[pixels];
            for (int i = 0; i < pixels; i++) {
                int r = i / cols;
                int c = i % cols;
                label[i] = (r - 8 - s) * (r - 8 - s) + (c - 9) * (c - 9) <= 16 ? 1f : 0f;
            }
            float[] normal = new float[pixels];
            float[] rec = new float[pixels];
            for (int i = 0; i < pixels; i++) {
                normal[i] = Math.round(random.nextFloat() * 16) / 16f;       // ties on purpose
                rec[i] = Math.round(random.nextFloat() * 16) / 16f;
            }
            float[][] stack = new float[4][];
            for (int v = 0; v < 4; v++) {
                stack[v] = normal.clone();
                for (int i = 0; i < pixels; i++) {
                    if (label[i] == 1f) {
                        stack[v][i] = switch (v) {
                            case 0 -> 0.5f;                                   // one disk value
                            case 1 -> 1.0f;
                            case 2 -> random.nextFloat();                     // not one value on the label
                            default -> 0.25f;
                        };
                    }
                }
            }
            stack[3][0] += 0.5f;                                              // differs outside the label
            SliceVariants variants = SliceVariants.of(FloatArray.stack(rows, cols, stack),
                    FloatArray.of2d(rows, cols, label));
            slices.add(new DiceAtNormalQ99.SliceAt(s == 2 ? 1 : 0, variants, rec, normal));
            planes.add(stack);
        }
        DiceAtNormalQ99.Result r = DiceAtNormalQ99.of(slices, List.of(Aggregations.POOLED), CrossSliceAggregates.Bootstrap.NONE);
        List<Float> normals = new ArrayList<>();
        for (DiceAtNormalQ99.SliceAt s : slices) {
            for (float x : Residual.of(s.rec(), s.normal())) {
                normals.add(x);
            }
        }
        float[] all = new float[normals.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = normals.get(i);
        }
        double threshold = NormalQuantile.linear(all, NormalQuantile.Q99);
        assertThat(r.threshold()).isEqualTo(threshold);
        for (int s = 0; s < slices.size(); s++) {
            boolean[] positive = slices.get(s).variants().positive();
            for (int v = 0; v < 4; v++) {
                float[] residual = Residual.of(slices.get(s).rec(), planes.get(s)[v]);
                assertThat(r.perSlice()[s][v]).as("slice " + s + " variant " + v)
                        .isEqualTo(Dice.atThreshold(residual, positive, threshold));
            }
        }
    }

    @Test
    void aReconstructionOfTheWrongSizeIsRefused() {
        List<DiceAtNormalQ99.SliceAt> slices = slices(1, new int[] {0, 0, 0, 0});
        DiceAtNormalQ99.SliceAt s = slices.getFirst();
        assertThatThrownBy(() -> DiceAtNormalQ99.of(List.of(new DiceAtNormalQ99.SliceAt(0, s.variants(),
                new float[3], s.normal())), List.of(), CrossSliceAggregates.Bootstrap.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must have the slice's");
        assertThat(Metrics.CROSS_SLICE).contains(Metrics.DICE_AT_NORMAL_Q99);
    }

    private static CrossSliceAggregates.Value value(DiceAtNormalQ99.Result r, String aggregation, int v) {
        return r.staged().stream().filter(x -> x.aggregation().equals(aggregation) && x.variant() == v
                && x.volume() == CrossSliceAggregates.ALL_VOLUMES).findFirst().orElseThrow();
    }

    private static JsonNode goldenCell(double sigma, double intensity) {
        for (JsonNode p : golden.get("ch2bet").get("pooled")) {
            if (p.get("sigma").asDouble() == sigma && p.get("intensity").asDouble() == intensity) {
                return p.get("dice_at_normal_q99");
            }
        }
        throw new AssertionError("no golden cell sigma " + sigma + " intensity " + intensity);
    }

    private static int indexOf(JsonNode values, double x) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).asDouble() == x) {
                return i;
            }
        }
        throw new AssertionError(x + " not in " + values);
    }
}
