package io.blindspot.ingest.domain;

import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code anomaly.normal-fraction} and the image-level metrics' checks at submission. */
class ImageLevelFieldsTest {
    private static final String SPEC = """
            {"dataset": {"source": "sample:ch2bet", "slices": [80, 85, 90, 95]},
             "anomaly": {"type": "disk", "radius": 20, "intensities": [0.0, 0.5], "seed": 3 NORMAL},
             "reconstruction": {"mode": "MODE", "reconstructor": "gaussian-blur", "sigmas": [0.0, 2.0]},
             "metrics": METRICS}
            """;

    private static ExperimentSpec parse(String normal, String mode, String metrics) {
        return SpecParser.parse(SpecReader.read(SPEC.replace("NORMAL", normal).replace("MODE", mode)
                .replace("METRICS", metrics), SpecReader.Format.JSON));
    }

    @Test
    void readsTheFractionAndCountsOnlyPerSliceMetricsAsExpectedRows() {
        ExperimentSpec spec = parse(", \"normal-fraction\": 0.5", "normal-rec", "[\"ap\", \"auroc-image\", \"ap-image\"]");

        assertThat(spec.anomaly().normalFraction()).isEqualTo(0.5);
        assertThat(spec.anomaly().seed()).isEqualTo(3L);
        assertThat(spec.metrics()).containsExactly(Metrics.AP, Metrics.AUROC_IMAGE, Metrics.AP_IMAGE);
        // 4 slices x 2 intensities x 2 sigmas x ap only: the image-level values are not per-slice rows
        assertThat(spec.expectedResults()).isEqualTo(16);
        assertThat(spec.anomaly().lesionFreeCount(4)).isEqualTo(4);
    }

    @Test
    void anImageMetricAloneStillGetsApRowsForProgress() {
        ExperimentSpec spec = parse(", \"normal-fraction\": 0.2", "normal-rec", "[\"auroc-image\"]");

        assertThat(spec.expectedResults()).isEqualTo(16);
        // round(4 * 0.2 / 0.8) = 1
        assertThat(spec.anomaly().lesionFreeCount(4)).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({"4, 0.5, 4", "4, 0.2, 1", "4, 0.4, 3", "10, 0.25, 3", "3, 0.2, 1", "1, 0.5, 1", "30, 0.1, 3",
            "1, 0.3, 0"})
    void theCountRule(int slices, double fraction, int expected) {
        ExperimentSpec.Anomaly anomaly = new ExperimentSpec.Anomaly("disk", 20, null, null, 0L, fraction);

        // n = round(N f / (1 - f)), half up, at most N
        assertThat(anomaly.lesionFreeCount(slices)).isEqualTo(expected);
    }

    @Test
    void withoutTheFractionThereIsNoLesionFreeSlice() {
        assertThat(new ExperimentSpec.Anomaly("disk", 20, null, null, 0L).lesionFreeCount(30)).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0 | must be in (0, 0.5], got 0.0",
            "-0.1 | must be in (0, 0.5], got -0.1",
            "0.6 | must be in (0, 0.5], got 0.6",
            "1 | must be in (0, 0.5], got 1.0",
            "\"half\" | anomaly.normal-fraction"})
    void refusesAFractionOutsideTheRule(String value, String message) {
        assertThatThrownBy(() -> parse(", \"normal-fraction\": " + value, "normal-rec", "[\"auroc-image\"]"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("anomaly.normal-fraction")
                .hasMessageContaining(message);
    }

    @Test
    void anImageMetricWithoutTheFractionIsRefusedWithWhatToAdd() {
        assertThatThrownBy(() -> parse("", "normal-rec", "[\"ap\", \"auroc-image\"]"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("metrics: auroc-image needs lesion-free slices: add anomaly.normal-fraction (e.g. 0.5: "
                        + "one lesion-free copy of every slice)");
        assertThatThrownBy(() -> parse("", "normal-rec", "[\"ap-image\"]"))
                .hasMessageStartingWith("metrics: ap-image needs lesion-free slices");
    }

    @Test
    void anImageMetricInAnomalRecIsRefusedWithTheReason() {
        assertThatThrownBy(() -> parse(", \"normal-fraction\": 0.5", "anomal-rec", "[\"ap-image\"]"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("ap-image is computed in normal-rec only")
                .hasMessageContaining("does not reconstruct the lesion-free slices");
    }

    @Test
    void diceAtTheNormalQ99IsRefusedInAnomalRecAndTakenInNormalRec() {
        assertThatThrownBy(() -> parse("", "anomal-rec", "[\"ap\", \"dice-at-normal-q99\"]"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("dice-at-normal-q99 is computed in normal-rec only")
                .hasMessageContaining("anomal-rec does not reconstruct the normal slices");
        assertThat(parse("", "normal-rec", "[\"ap\", \"dice-at-normal-q99\"]").metrics())
                .containsExactly("ap", "dice-at-normal-q99");
    }

    @Test
    void aFractionTooSmallForTheSlicesIsRefused() {
        // one slice: round(0.3 / 0.7) = 0 lesion-free copies
        String one = SPEC.replace("[80, 85, 90, 95]", "[80]");
        assertThatThrownBy(() -> SpecParser.parse(SpecReader.read(one.replace("NORMAL", ", \"normal-fraction\": 0.3")
                .replace("MODE", "normal-rec").replace("METRICS", "[\"auroc-image\"]"), SpecReader.Format.JSON)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("gives no lesion-free slice");
    }

    @Test
    void theFractionWithoutAnImageMetricIsKeptAndHarmless() {
        ExperimentSpec spec = parse(", \"normal-fraction\": 0.5", "normal-rec", "[\"ap\"]");

        assertThat(spec.anomaly().normalFraction()).isEqualTo(0.5);
        assertThat(spec.expectedResults()).isEqualTo(16);
    }
}
