package io.blindspot.scoring.domain.metric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.Aggregations;
import io.blindspot.scoring.domain.CrossSliceAggregates;
import io.blindspot.scoring.domain.SliceVariants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static io.blindspot.scoring.domain.metric.MetricGoldenTest.assertClose;
import static io.blindspot.scoring.domain.metric.MetricGoldenTest.booleans;
import static io.blindspot.scoring.domain.metric.MetricGoldenTest.floats;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The aggregation stage's values ({@link CrossSliceAggregates}: pooled, pooled-float16, volume-mean with its
 * t-interval and bootstrap, the pooled bootstrap) against metrics.json's {@code ch2bet.cross_slice}, which
 * metric_golden.py computes with scikit-learn on the concatenated pixels of shared/golden's four slices (σ 2,
 * intensity 0.6): 1e-9, AP bit for bit.
 */
class CrossSliceGoldenTest {
    private static final List<String> METRICS = List.of("ap", "ap-normalised", "auroc", "dice-best");
    private static JsonNode golden;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = CrossSliceGoldenTest.class.getResourceAsStream("/golden/metrics.json")) {
            golden = new ObjectMapper().readTree(in);
        }
    }

    /**
     * The four slices at the golden cell, volumes as given; each slice as the stage sees it: its variants (one, the
     * anomalous slice) and a reconstruction whose residual against them is the golden residual map (anomalous
     * plane 0 and the map as the reconstruction: |map − 0| = map, exactly).
     */
    private static List<CrossSliceAggregates.SliceAt> slices(int[] volumes) {
        JsonNode ch2bet = golden.get("ch2bet");
        JsonNode cell = ch2bet.get("cross_slice");
        int si = index(golden.get("sigmas"), cell.get("sigma").asDouble());
        float c = (float) cell.get("intensity").asDouble();
        List<CrossSliceAggregates.SliceAt> out = new ArrayList<>();
        int s = 0;
        for (JsonNode slice : ch2bet.get("slices")) {
            int rows = slice.get("rows").asInt();
            int cols = slice.get("cols").asInt();
            boolean[] label = booleans(slice.get("label"));
            JsonNode sigma = slice.get("sigmas").get(si);
            float[] residual = floats(sigma.get("reference_residual"));
            float[] recOnLabel = floats(sigma.get("rec_on_label"));
            float[] labelPlane = new float[label.length];
            for (int i = 0, j = 0; i < label.length; i++) {
                if (label[i]) {
                    residual[i] = Math.abs(recOnLabel[j++] - c);
                    labelPlane[i] = 1f;
                }
            }
            SliceVariants variants = SliceVariants.of(new FloatArray(new int[] {1, rows, cols}, new float[rows * cols]),
                    FloatArray.of2d(rows, cols, labelPlane));
            out.add(new CrossSliceAggregates.SliceAt(volumes[s++], variants, residual, 0, true));
        }
        return out;
    }

    private static int index(JsonNode array, double value) {
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i).asDouble() == value) {
                return i;
            }
        }
        throw new IllegalArgumentException(value + " not in " + array);
    }

    private static CrossSliceAggregates.Value find(List<CrossSliceAggregates.Value> values, String aggregation,
                                                   String metric, int volume) {
        return values.stream().filter(v -> v.aggregation().equals(aggregation) && v.metric().equals(metric)
                && v.volume() == volume).findFirst().orElseThrow();
    }

    @Test
    void pooledAndPooledFloat16MatchScikitLearnOnTheConcatenatedPixels() {
        JsonNode expected = golden.get("ch2bet").get("cross_slice").get("values");
        List<CrossSliceAggregates.Value> values = CrossSliceAggregates.of(slices(new int[] {0, 0, 0, 0}), METRICS,
                List.of(Aggregations.POOLED, Aggregations.POOLED_FLOAT16, Aggregations.VOLUME_MEAN),
                CrossSliceAggregates.Bootstrap.NONE);
        for (String metric : METRICS) {
            CrossSliceAggregates.Value pooled = find(values, Aggregations.POOLED, metric, -1);
            assertClose("pooled " + metric, pooled.value(), expected.get("pooled").get(metric));
            assertThat(pooled.n()).isEqualTo(4);
            assertThat(pooled.ciLow()).isNull();
            assertThat(pooled.bootLow()).isNull();
            assertClose("pooled-float16 " + metric, find(values, Aggregations.POOLED_FLOAT16, metric, -1).value(),
                    expected.get("pooled_float16").get(metric));
            // one volume: volume-mean is the pooled value, without interval
            CrossSliceAggregates.Value one = find(values, Aggregations.VOLUME_MEAN, metric, -1);
            assertThat(one.value()).isEqualTo(pooled.value());
            assertThat(one.n()).isEqualTo(1);
            assertThat(one.ciLow()).isNull();
            assertThat(one.std()).isNull();
        }
        // AP bit for bit, as average_precision_score
        assertThat(find(values, Aggregations.POOLED, "ap", -1).value())
                .isEqualTo(expected.get("pooled").get("ap").asDouble());
        assertThat(find(values, Aggregations.POOLED_FLOAT16, "ap", -1).value())
                .isEqualTo(expected.get("pooled_float16").get("ap").asDouble());
    }

    @Test
    void volumeMeanOfTwoVolumesWithItsIntervalsMatchesNumpyAndScipy() {
        JsonNode expected = golden.get("ch2bet").get("cross_slice").get("values").get("volume_mean");
        List<CrossSliceAggregates.Value> values = CrossSliceAggregates.of(slices(new int[] {0, 0, 1, 1}), METRICS,
                List.of(Aggregations.VOLUME_MEAN), new CrossSliceAggregates.Bootstrap(1000, 0L, false));
        for (String metric : METRICS) {
            JsonNode e = expected.get(metric);
            for (int v = 0; v < 2; v++) {
                CrossSliceAggregates.Value perVolume = find(values, Aggregations.VOLUME_MEAN, metric, v);
                assertClose(metric + " volume " + v, perVolume.value(), e.get("per_volume").get(v));
                assertThat(perVolume.n()).isEqualTo(2);
            }
            CrossSliceAggregates.Value mean = find(values, Aggregations.VOLUME_MEAN, metric, -1);
            assertClose(metric + " mean", mean.value(), e.get("mean"));
            assertClose(metric + " std", mean.std(), e.get("std"));
            assertClose(metric + " t low", mean.ciLow(), e.get("t_interval").get(0));
            assertClose(metric + " t high", mean.ciHigh(), e.get("t_interval").get(1));
            assertClose(metric + " boot low", mean.bootLow(), e.get("bootstrap").get(0));
            assertClose(metric + " boot high", mean.bootHigh(), e.get("bootstrap").get(1));
            assertThat(mean.n()).isEqualTo(2);
        }
    }

    @Test
    void pooledBootstrapOverSlicesMatchesTheWrittenOutResampling() {
        JsonNode expected = golden.get("ch2bet").get("cross_slice").get("values").get("bootstrap_pooled_200_seed7");
        List<CrossSliceAggregates.Value> values = CrossSliceAggregates.of(slices(new int[] {0, 0, 0, 0}), METRICS,
                List.of(Aggregations.POOLED), new CrossSliceAggregates.Bootstrap(200, 7L, false));
        for (String metric : List.of("ap", "auroc")) {
            CrossSliceAggregates.Value pooled = find(values, Aggregations.POOLED, metric, -1);
            assertClose(metric + " boot low", pooled.bootLow(), expected.get(metric).get(0));
            assertClose(metric + " boot high", pooled.bootHigh(), expected.get(metric).get(1));
        }
    }

    @Test
    void sliceMeanBootstrapAtQueryTimeMatchesTheWrittenOutResampling() {
        JsonNode p = golden.get("pooled_synthetic");
        List<io.blindspot.scoring.domain.SliceResult> slices = new ArrayList<>();
        for (int i = 0; i < p.get("per_slice_ap").size(); i++) {
            slices.add(new io.blindspot.scoring.domain.SliceResult(0, 2, i, 0, 0, 0.5, 1.0,
                    p.get("per_slice_ap").get(i).asDouble(), 0.0, null, null));
        }
        double[] boot = CrossSliceAggregates.sliceMeanBootstrap(slices,
                new CrossSliceAggregates.Bootstrap(1000, 0L, false));
        assertClose("slice-mean boot low", boot[0], p.get("bootstrap_slice_mean_ap").get(0));
        assertClose("slice-mean boot high", boot[1], p.get("bootstrap_slice_mean_ap").get(1));
        assertThat(CrossSliceAggregates.sliceMeanBootstrap(slices.subList(0, 1),
                new CrossSliceAggregates.Bootstrap(1000, 0L, false))).as("one slice: no interval").isNull();
    }
}
