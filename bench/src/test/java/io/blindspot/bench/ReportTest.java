package io.blindspot.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTest {

    @Test
    void timesKeepThreeSignificantDigitsInAFittingUnit() {
        assertThat(Report.time(0.007734)).isEqualTo("7.73 ms");
        assertThat(Report.time(1.2449e-5)).isEqualTo("12.4 µs");
        assertThat(Report.time(41.25)).isEqualTo("41.3 s");
        assertThat(Report.time(123.4)).isEqualTo("123 s");
        assertThat(Report.time(4.5e-8)).isEqualTo("45.0 ns");
    }

    @Test
    void ratiosAreShortAndCarryTheTimesSign() {
        assertThat(Report.ratio(640.4)).isEqualTo("640×");
        assertThat(Report.ratio(58.34)).isEqualTo("58.3×");
        assertThat(Report.ratio(3.714)).isEqualTo("3.71×");
    }

    private static Report sample() {
        return new Report()
                .add(new Report.Row("kernel", 1e-5, "s", "10.0 µs", "Python 5.00 ms/cell", 500.0, "≥ 300×", true))
                .add(new Report.Row("heap | ingest", 600, "MiB", "600 MiB", "", null, "≤ 512 MiB", false))
                .add(new Report.Row("python", 5e-3, "s", "5.00 ms", "", null, "", null));
    }

    @Test
    void textTableAlignsColumnsUnderAHeaderRule() {
        String[] lines = sample().text().split("\n");

        assertThat(lines).hasSize(5);
        // Widest figure is "heap | ingest" (13 characters), so the value column starts at 13 + 2 = 15.
        assertThat(lines[0]).startsWith("figure         value");
        assertThat(lines[1]).matches("-+");
        // The ratio column is as wide as its header "ratio" (5), so "500×" gets one trailing space.
        assertThat(lines[2]).startsWith("kernel         10.0 µs  Python 5.00 ms/cell  500×   ≥ 300×     yes");
        assertThat(lines[3]).endsWith("≤ 512 MiB  NO");
        assertThat(lines[4]).isEqualTo("python         5.00 ms");
    }

    @Test
    void markdownHasDateMachineAndEscapedPipes() {
        Machine m = new Machine(2, "Some CPU", 24.0, "Temurin 25");
        String md = sample().markdown("2026-11-23", m, "Load 3.5.");

        assertThat(md).startsWith("Benchmark of 2026-11-23 on 2 cores (nproc), Some CPU, 24.0 GiB memory, "
                + "Java Temurin 25. Load 3.5.\n\n");
        assertThat(md).contains("| figure | value | baseline | ratio | target | met |\n|---|---:|---|---:|---|---|\n");
        assertThat(md).contains("| kernel | 10.0 µs | Python 5.00 ms/cell | 500× | ≥ 300× | yes |\n");
        assertThat(md).contains("| heap \\| ingest | 600 MiB |  |  | ≤ 512 MiB | NO |\n");
    }

    @Test
    void jsonKeepsNumbersAndNullsForMissingRatiosAndTargets() throws Exception {
        String json = sample().json("2026-11-23", new Machine(2, "Some CPU", 24.0, "J"), "Load 3.5.",
                Map.of("k", 1));
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);

        assertThat(root.path("date").asText()).isEqualTo("2026-11-23");
        assertThat(root.path("context").asText()).isEqualTo("Load 3.5.");
        assertThat(root.path("machine").path("nproc").asInt()).isEqualTo(2);
        assertThat(root.path("rows")).hasSize(3);
        assertThat(root.path("rows").get(0).path("ratio").asDouble()).isEqualTo(500.0);
        assertThat(root.path("rows").get(0).path("met").asBoolean()).isTrue();
        assertThat(root.path("rows").get(2).path("ratio").isNull()).isTrue();
        assertThat(root.path("rows").get(2).path("met").isNull()).isTrue();
        assertThat(root.path("details").path("k").asInt()).isEqualTo(1);
    }

    @Test
    void aMissedTargetIsReported() {
        assertThat(sample().allTargetsMet()).isFalse();
        assertThat(new Report().add(new Report.Row("x", 1, "s", "1 s", "", null, "", null)).allTargetsMet()).isTrue();
    }
}
