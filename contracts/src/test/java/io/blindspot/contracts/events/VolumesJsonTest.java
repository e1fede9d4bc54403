package io.blindspot.contracts.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Events written before datasets had several volumes still read, as one volume (index 0). */
class VolumesJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSliceRefWithoutVolumeIsVolumeZero() throws Exception {
        SliceRef ref = JSON.readValue("{\"axis\":2,\"index\":80,\"rows\":181,\"cols\":217,\"imageKey\":\"k\"}",
                SliceRef.class);
        assertThat(ref).isEqualTo(new SliceRef(0, 2, 80, 181, 217, "k"));
        assertThat(JSON.readValue(JSON.writeValueAsString(new SliceRef(3, 2, 80, 4, 5, "k")), SliceRef.class))
                .isEqualTo(new SliceRef(3, 2, 80, 4, 5, "k"));
    }

    @Test
    void aOneSourceDatasetHasThatSourceAsItsOneVolume() throws Exception {
        ExperimentSpec.Dataset old = JSON.readValue(
                "{\"source\":\"sample:ch2bet\",\"axis\":2,\"slices\":[80,85]}", ExperimentSpec.Dataset.class);
        assertThat(old.volumes()).containsExactly("sample:ch2bet");
        assertThat(old.volumeCount()).isEqualTo(1);
        assertThat(old).isEqualTo(new ExperimentSpec.Dataset("sample:ch2bet", 2, List.of(80, 85)));
    }

    @Test
    void severalVolumesHaveNoSingleSourceAndSurviveJson() throws Exception {
        ExperimentSpec.Dataset d = ExperimentSpec.Dataset.ofVolumes(List.of("upload:a", "upload:b"), 2,
                List.of(128), "none");
        assertThat(d.source()).isNull();
        String json = JSON.writeValueAsString(d);
        assertThat(json).doesNotContain("\"source\"");
        assertThat(JSON.readValue(json, ExperimentSpec.Dataset.class)).isEqualTo(d);
        // one volume given as a list is the one-source form
        assertThat(ExperimentSpec.Dataset.ofVolumes(List.of("upload:a"), 2, List.of(128), "none"))
                .isEqualTo(new ExperimentSpec.Dataset("upload:a", 2, List.of(128)));
    }

    @Test
    void expectedResultsCountsVolumesTimesSlicesTimesVariantsTimesSigmasTimesMetrics() {
        ExperimentSpec spec = new ExperimentSpec("x",
                ExperimentSpec.Dataset.ofVolumes(List.of("upload:a", "upload:b", "upload:c"), 2, List.of(120, 121),
                        "none"),
                new ExperimentSpec.Anomaly("disk", 20, List.of(0.0, 0.5, 1.0, 0.2), null, 0L),
                new ExperimentSpec.Reconstruction("normal-rec", "gaussian-blur", List.of(0.0, 1.0, 2.0, 3.0, 4.0)),
                List.of("ap"));
        // 3 volumes x 2 slices x 4 intensities x 5 sigmas x 1 metric
        assertThat(spec.expectedResults()).isEqualTo(120);
    }
}
