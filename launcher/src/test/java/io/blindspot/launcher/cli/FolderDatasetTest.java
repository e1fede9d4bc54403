package io.blindspot.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FolderDatasetTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPresetOnAFolderUsesItsVolumesAndSlicesAndASeedInsteadOfPositions() throws Exception {
        JsonNode preset = JSON.readTree("""
                {"name": "exp1", "dataset": {"source": "sample:ch2bet", "axis": 2, "slices": [80, 85],
                 "preprocessing": "equalize-hist"},
                 "anomaly": {"type": "disk", "radius": 20, "intensities": [0.5], "positions": [[1, 2], [3, 4]]},
                 "reconstruction": {"reconstructor": "gaussian-blur", "sigmas": [0.0]}}""");

        JsonNode spec = FolderDataset.rewrite(preset, List.of("upload:a", "upload:b"), List.of(128));

        assertThat(spec.get("dataset").toString()).isEqualTo("{\"volumes\":[\"upload:a\",\"upload:b\"],\"axis\":2,"
                + "\"slices\":[128],\"preprocessing\":\"equalize-hist\"}");
        assertThat(spec.get("anomaly").toString())
                .isEqualTo("{\"type\":\"disk\",\"radius\":20,\"intensities\":[0.5],\"seed\":0}");
        assertThat(spec.get("reconstruction")).isEqualTo(preset.get("reconstruction"));
        assertThat(preset.get("dataset").get("source").asText()).isEqualTo("sample:ch2bet"); // not modified
    }

    @Test
    void aTexturesSeedIsKept() throws Exception {
        JsonNode preset = JSON.readTree("""
                {"dataset": {"source": "sample:ch2bet", "slices": [80]},
                 "anomaly": {"type": "pixel-shuffle", "radius": 20, "positions": [[1, 2]], "seed": 7}}""");
        JsonNode spec = FolderDataset.rewrite(preset, List.of("upload:a"), List.of(120, 121));
        assertThat(spec.get("anomaly").toString()).isEqualTo("{\"type\":\"pixel-shuffle\",\"radius\":20,\"seed\":7}");
        assertThat(spec.get("dataset").toString())
                .isEqualTo("{\"volumes\":[\"upload:a\"],\"axis\":2,\"slices\":[120,121]}");
    }
}
