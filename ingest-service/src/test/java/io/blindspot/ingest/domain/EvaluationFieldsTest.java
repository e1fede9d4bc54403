package io.blindspot.ingest.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.contracts.events.ExperimentSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The spec's "aggregation" and "evaluation" (issue 14), through {@link SpecParser}. */
class EvaluationFieldsTest {
    private static final String BASE = """
            {"name": "exp1",
             "dataset": {"source": "sample:ch2bet", "axis": 2, "slices": [80, 85]},
             "anomaly": {"type": "disk", "radius": 20, "intensities": [0.0, 0.5, 1.0],
                         "positions": [[90, 110], [95, 100]]},
             "reconstruction": {"mode": "normal-rec", "reconstructor": "gaussian-blur", "sigmas": [0.0, 1.0, 2.0]}
             EXTRA}
            """;

    private static ExperimentSpec spec(String extra) {
        return SpecParser.parse(SpecReader.read(BASE.replace("EXTRA", extra), SpecReader.Format.JSON));
    }

    private static void refused(String extra, String message) {
        assertThatThrownBy(() -> spec(extra)).isInstanceOf(InvalidSpecException.class).hasMessageContaining(message);
    }

    @Test
    void absentFieldsStayAbsentSoOldSpecsResolveAsBefore() throws Exception {
        ExperimentSpec spec = spec("");
        assertThat(spec.aggregation()).isNull();
        assertThat(spec.evaluation()).isNull();
        String json = new ObjectMapper().writeValueAsString(spec);
        assertThat(json).doesNotContain("aggregation").doesNotContain("evaluation");
    }

    @Test
    void parsesAggregationAndEvaluationWithDefaults() {
        ExperimentSpec spec = spec(", \"aggregation\": [\"pooled\", \"slice-mean\", \"volume-mean\", \"pooled-float16\"],"
                + " \"evaluation\": {\"bootstrap\": {}}");
        assertThat(spec.aggregation()).containsExactly("pooled", "slice-mean", "volume-mean", "pooled-float16");
        assertThat(spec.evaluation().bootstrap()).isEqualTo(new ExperimentSpec.Bootstrap(1000, 0L, "slice"));
        assertThat(spec.evaluation().imageScore()).isEqualTo("mean");

        ExperimentSpec given = spec(", \"evaluation\": {\"bootstrap\": {\"resamples\": 200, \"seed\": 7, \"unit\":"
                + " \"slice\"}, \"image-score\": \"top-k\"}");
        assertThat(given.evaluation()).isEqualTo(new ExperimentSpec.Evaluation(
                new ExperimentSpec.Bootstrap(200, 7L, "slice"), "top-k"));
        assertThat(spec(", \"evaluation\": {\"image-score\": \"max\"}").evaluation().bootstrap()).isNull();
    }

    @Test
    void refusesBadValuesNamingTheField() {
        refused(", \"aggregation\": [\"median\"]",
                "aggregation[0]: unknown aggregation 'median'; supported: slice-mean, volume-mean, pooled, pooled-float16");
        refused(", \"aggregation\": []", "aggregation: must not be empty");
        refused(", \"aggregation\": \"pooled\"", "aggregation: expected a list of aggregation names");
        refused(", \"aggregation\": [\"pooled\", \"pooled\"]", "aggregation: 'pooled' is listed twice");
        refused(", \"evaluation\": {\"boot\": {}}", "unknown field 'evaluation.boot'");
        refused(", \"evaluation\": {\"image-score\": \"median\"}",
                "evaluation.image-score: unknown slice score 'median'; supported: mean, max, top-k");
        refused(", \"evaluation\": {\"bootstrap\": {\"resamples\": 0}}",
                "evaluation.bootstrap.resamples: must be 1 to 100000, got 0");
        refused(", \"evaluation\": {\"bootstrap\": {\"unit\": \"pixel\"}}",
                "evaluation.bootstrap.unit: unknown unit 'pixel'; supported: slice, volume");
        refused(", \"evaluation\": {\"bootstrap\": {\"unit\": \"volume\"}}",
                "evaluation.bootstrap.unit: 'volume' resamples volumes and needs at least two in dataset.volumes, got 1");
        refused(", \"evaluation\": {\"bootstrap\": {\"seed\": 0.5}}", "evaluation.bootstrap.seed: expected an integer");
    }

    @Test
    void boundsThePooledBootstrapsCost() {
        // 9 cells x 2 slices x 1,000 resamples = 18,000 draws: accepted
        assertThat(spec(", \"aggregation\": [\"pooled\"], \"evaluation\": {\"bootstrap\": {}}").aggregation())
                .containsExactly("pooled");
        // 100,000 x 9 x 2 x 2 = 3,600,000 > 2,000,000
        refused(", \"aggregation\": [\"pooled\", \"pooled-float16\"], \"evaluation\": {\"bootstrap\": {\"resamples\":"
                + " 100000}}", "100000 resamples × 9 cells × 2 slices × 2 pooled aggregations = 3600000 slice draws,"
                + " above the limit of 2000000");
        // slice-mean and volume-mean bootstraps are cheap (means of stored values): no bound
        assertThat(spec(", \"aggregation\": [\"slice-mean\", \"volume-mean\"], \"evaluation\": {\"bootstrap\":"
                + " {\"resamples\": 100000}}").evaluation().bootstrap().resamples()).isEqualTo(100000);
    }
}
