package io.blindspot.bench;

import io.blindspot.launcher.cli.ApiException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 14's end-to-end metric lines: order, ratios to the AP-only runs, targets, and an unavailable field. */
class MetricEndToEndTest {
    /** Seconds per case label; the pooled case refused as a build without the aggregation stage refuses it. */
    private static final Map<String, Double> SECONDS = Map.of("ap", 20.0, "ap + auroc", 30.0,
            "ap + dice-best", 28.0, "ap + aupro-0.3", 50.0);

    @Test
    void everyListRunsBetweenTwoApOnlyRunsAndIsComparedWithTheirMean() throws Exception {
        List<String> order = new ArrayList<>();
        int[] apRuns = {0};
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        MetricEndToEnd.Result m = MetricEndToEnd.run(Sweep.square(100), 30, 1,
                new PrintStream(text, true, StandardCharsets.UTF_8), (c, name) -> {
                    order.add(c.label());
                    if (!c.aggregation().isEmpty()) {
                        throw new ApiException(400, "unknown field 'aggregation'");
                    }
                    if (c.baseline()) {
                        return apRuns[0]++ == 0 ? 18.0 : 22.0;      // drift: the mean, 20 s, is the baseline
                    }
                    return SECONDS.getOrDefault(c.label(), 60.0);
                });
        assertThat(order).hasSize(8);
        assertThat(order.getFirst()).isEqualTo("ap");
        assertThat(order.getLast()).isEqualTo("ap");
        assertThat(order.subList(1, 6)).containsExactly("ap + auroc", "ap + dice-best", "ap + aupro-0.3",
                "all per-slice (ap, ap-normalised, auroc, dice-best, aupro-0.3)", "ap, pooled");
        assertThat(m.baseline().seconds()).containsExactly(18.0, 22.0);
        assertThat(m.ratio(m.lines().get(1))).isEqualTo(1.5);
        assertThat(m.lines().get(4).rows()).isEqualTo(100L * 100 * 30 * 5);     // one row per metric
        assertThat(m.lines().get(5).available()).isFalse();
        assertThat(text.toString(StandardCharsets.UTF_8))
                .contains("ap, pooled: not available (HTTP 400: unknown field 'aggregation')");

        Report r = new Report();
        MetricEndToEnd.rows(r, m);
        assertThat(r.rows()).extracting(Report.Row::figure).containsExactly(
                "end to end 100x100 x 30 slices, metrics [ap] (baseline, mean of 2 runs)",
                "end to end 100x100 x 30 slices, metrics [ap, auroc]",
                "end to end 100x100 x 30 slices, metrics [ap, dice-best]",
                "end to end 100x100 x 30 slices, metrics [ap, aupro-0.3]",
                "end to end 100x100 x 30 slices, metrics [ap, ap-normalised, auroc, dice-best, aupro-0.3]",
                "end to end 100x100 x 30 slices, aggregation [pooled]: not available",
                "end to end 100x100 x 30 slices, metrics [ap, dice-at-normal-q99]");
        assertThat(r.rows().get(1).met()).isTrue();                  // AUROC 1.5x: within 2x
        assertThat(r.rows().get(2).met()).isNull();                  // best Dice: reported, no target
        assertThat(r.rows().get(3).ratio()).isEqualTo(2.5);
        assertThat(r.rows().get(5).shown()).isEqualTo("not available");
        assertThat(r.rows().get(5).met()).isNull();
        assertThat(MetricEndToEnd.details(m).get(5).get("unavailable")).isEqualTo(
                "HTTP 400: unknown field 'aggregation'");
    }

    @Test
    void repetitionsInterleaveTheListsAndARefusedBaselineFails() throws Exception {
        List<String> order = new ArrayList<>();
        MetricEndToEnd.Result m = MetricEndToEnd.run(Sweep.square(10), 30, 2,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), (c, name) -> {
                    order.add(c.label());
                    return c.target() ? 40.0 : 20.0;
                });
        assertThat(order).hasSize(15);
        assertThat(order.get(7)).isEqualTo("ap");
        assertThat(m.baseline().seconds()).hasSize(3);
        assertThat(m.lines().get(5).seconds()).hasSize(2);
        Report r = new Report();
        MetricEndToEnd.rows(r, m);
        assertThat(r.rows().get(5).figure()).isEqualTo(
                "end to end 10x10 x 30 slices, aggregation [pooled] (mean of 2 runs)");
        assertThat(r.rows().get(5).met()).isTrue();                  // exactly 2x: within
        MetricEndToEnd.rows(r, null);
        assertThat(r.rows()).hasSize(7);

        assertThatThrownBy(() -> MetricEndToEnd.run(Sweep.square(10), 30, 1,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), (c, name) -> {
                    throw new ApiException(400, "no");
                })).isInstanceOf(ApiException.class);
    }

    @Test
    void theSpecAsksForTheListedMetricsAndAggregationsOnly() {
        Workload w = new Workload(null, 2, 2, 20, List.of(60), List.of(new float[4]), List.of(new int[] {1, 1}));
        var today = EndToEnd.spec("x", w, Sweep.square(3));
        assertThat(today.path("metrics").toString()).isEqualTo("[\"ap\"]");
        assertThat(today.has("aggregation")).isFalse();
        var pooled = EndToEnd.spec("x", w, Sweep.square(3), List.of("ap", "auroc"), List.of("pooled"));
        assertThat(pooled.path("metrics").toString()).isEqualTo("[\"ap\",\"auroc\"]");
        assertThat(pooled.path("aggregation").toString()).isEqualTo("[\"pooled\"]");
    }
}
