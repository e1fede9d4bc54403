package io.blindspot.ingest.domain;

import io.blindspot.contracts.events.ExperimentSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code dataset.volumes}: several volumes sharing axis, slices and preprocessing. */
class SpecParserVolumesTest {
    private static final String SPEC = """
            {"dataset": {DATASET, "slices": [120, 121]},
             "anomaly": {"type": "disk", "radius": 20, "intensities": [0.0, 1.0], ANOMALY},
             "reconstruction": {"reconstructor": "gaussian-blur", "sigmas": [0.0, 1.0, 2.0]}}""";

    private static ExperimentSpec parse(String dataset, String anomaly) {
        String text = SPEC.replace("DATASET", dataset).replace("ANOMALY", anomaly);
        return SpecParser.parse(SpecReader.read(text, SpecReader.Format.JSON));
    }

    private static void assertRefused(String dataset, String anomaly, String message) {
        assertThatThrownBy(() -> parse(dataset, anomaly)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining(message);
    }

    @Test
    void severalVolumesAreListedInOrderWithoutASingleSource() {
        ExperimentSpec spec = parse("\"volumes\": [\"upload:b\", \"upload:a\", \"sample:ch2bet\"]", "\"seed\": 3");
        assertThat(spec.dataset().volumes()).containsExactly("upload:b", "upload:a", "sample:ch2bet");
        assertThat(spec.dataset().source()).isNull();
        assertThat(spec.dataset().axis()).isEqualTo(2);
        // 3 volumes x 2 slices x 2 intensities x 3 sigmas x 1 metric
        assertThat(spec.expectedResults()).isEqualTo(36);
    }

    @Test
    void oneVolumeInAListIsTheSourceForm() {
        assertThat(parse("\"volumes\": [\"upload:a\"]", "\"seed\": 0").dataset())
                .isEqualTo(parse("\"source\": \"upload:a\"", "\"seed\": 0").dataset())
                .isEqualTo(new ExperimentSpec.Dataset("upload:a", 2, List.of(120, 121)));
    }

    @Test
    void positionsNumberVolumesTimesSlicesVolumeMajor() {
        ExperimentSpec spec = parse("\"volumes\": [\"upload:a\", \"upload:b\"]",
                "\"positions\": [[1, 1], [2, 2], [3, 3], [4, 4]]");
        assertThat(spec.anomaly().positions()).hasSize(4);
        assertRefused("\"volumes\": [\"upload:a\", \"upload:b\"]", "\"positions\": [[1, 1], [2, 2]]",
                "anomaly.positions: 2 positions for 2 volumes x 2 slices; give exactly one [row, col] per "
                        + "(volume, slice)");
        // one volume keeps its message
        assertRefused("\"source\": \"upload:a\"", "\"positions\": [[1, 1]]", "1 positions for 2 slices");
    }

    @Test
    void refusesBothFormsNeitherFormDuplicatesAndBadSources() {
        assertRefused("\"source\": \"upload:a\", \"volumes\": [\"upload:b\"]", "\"seed\": 0",
                "dataset: give either source (one volume) or volumes (a list), not both");
        assertRefused("\"axis\": 2", "\"seed\": 0", "dataset.source: required field is missing (or give "
                + "dataset.volumes");
        assertRefused("\"volumes\": [\"upload:a\", \"upload:a\"]", "\"seed\": 0",
                "dataset.volumes: 'upload:a' is listed twice");
        assertRefused("\"volumes\": [\"upload:a\", \"a.nii\"]", "\"seed\": 0",
                "dataset.volumes[1] must be sample:NAME, upload:ID or store:KEY, got 'a.nii'");
        assertRefused("\"volumes\": []", "\"seed\": 0", "dataset.volumes: must not be empty");
        assertRefused("\"volumes\": \"upload:a\"", "\"seed\": 0", "dataset.volumes: expected a list of sources");
        assertRefused("\"volumes\": [\"upload:a\", 3]", "\"seed\": 0", "dataset.volumes[1]: expected a string");
    }
}
