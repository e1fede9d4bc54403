package io.blindspot.scoring.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.scoring.domain.Cell;
import io.blindspot.scoring.domain.SliceResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON shapes of a texture experiment: intensity is an explicit null, the type is at the top level. */
class ViewsTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aTexturesCellAndResultCarryANullIntensityAtIndexZero() throws Exception {
        JsonNode cell = mapper.valueToTree(Views.CellRow.of(new Cell(0, 4, null, 2.0, 0.5, null, 1, 0.1)));
        assertThat(cell.has("intensity")).isTrue();
        assertThat(cell.get("intensity").isNull()).isTrue();
        assertThat(cell.get("intensity_index").asInt()).isZero();
        assertThat(cell.get("sigma_index").asInt()).isEqualTo(4);

        JsonNode row = mapper.valueToTree(Views.SliceRow.of(new SliceResult(2, 85, 0, 4, null, 2.0, 0.5, 0.1, 9, 8)));
        assertThat(row.get("intensity").isNull()).isTrue();
        assertThat(row.get("position")).hasSize(2);
        assertThat(row.get("volume").asInt()).isZero();
        assertThat(mapper.valueToTree(Views.SliceRow.of(new SliceResult(5, 2, 85, 0, 4, 0.5, 2.0, 0.5, 0.1, 9, 8)))
                .get("volume").asInt()).isEqualTo(5);
        // a disk keeps its number
        assertThat(mapper.valueToTree(Views.CellRow.of(new Cell(1, 0, 0.5, 0.0, 1.0, null, 1, 0.1)))
                .get("intensity").asDouble()).isEqualTo(0.5);
    }

    @Test
    void theExperimentViewNamesItsAnomalyType() {
        JsonNode view = mapper.valueToTree(new Views.Experiment("id", "exp2-ch2bet-sink", "running", 0, 400,
                "2026-01-01T00:00:00Z", "sink", null, List.of()));
        assertThat(view.get("anomaly_type").asText()).isEqualTo("sink");
    }
}
