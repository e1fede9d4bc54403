package io.blindspot.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 14's report lines: each metric against today's AP, AUROC and pooled AP with the 2× target. */
class MetricRowsTest {
    @Test
    void metricLinesCompareWithTodaysApAndJudgeTheTwoFoldTarget() {
        MetricBench.Result m = new MetricBench.Result(9000, 40.0, 60.0, 45.0, 90.0, 100.0, 30.0, 360, 1e-13);
        Report r = new Report();
        Benchmark.metricRows(r, m);
        assertThat(r.rows()).extracting(Report.Row::figure).containsExactly(
                "metric AP (today's per-slice AP, MetricKernels), per cell",
                "metric AUROC, per cell",
                "metric pooled AP over slices, per cell",
                "metric pooled AP, float16 (MOOD), per cell",
                "metric best Dice, per cell",
                "metric AUPRO-0.3, per cell",
                "metrics, normal-rec vs full sort (360 cells)");
        assertThat(r.rows().get(1).ratio()).isEqualTo(1.5);
        assertThat(r.rows().get(1).met()).isTrue();
        assertThat(r.rows().get(2).ratio()).isEqualTo(2.5);
        assertThat(r.rows().get(2).met()).isFalse();             // pooled AP beyond 2x: reported as NO
        assertThat(r.rows().get(4).met()).isNull();              // best Dice: reported, no target
        assertThat(r.rows().get(6).met()).isTrue();
        Benchmark.metricRows(r, null);                           // --no-kernel: nothing added
        assertThat(r.rows()).hasSize(7);
    }
}
