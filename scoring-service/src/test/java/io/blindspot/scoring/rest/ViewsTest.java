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
                "2026-01-01T00:00:00Z", "sink", null, List.of(), "2026-01-01T00:00:00Z", null));
        assertThat(view.get("anomaly_type").asText()).isEqualTo("sink");
        // running: no waiting_for at all (clients that know only running/done/failed see no new shape)
        assertThat(view.has("waiting_for")).isFalse();
        assertThat(view.get("last_progress").asText()).isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void aStalledExperimentSaysWhichSlicesLackResults() {
        io.blindspot.scoring.domain.WaitingFor stalled = io.blindspot.scoring.domain.WaitingFor.stalled(
                java.time.Instant.parse("2026-01-01T00:01:00Z"), 250, 400, 1, 2, new int[] {80, 85, 90, 95}, 100,
                java.util.Map.of(List.of(0, 2, 80), 100L, List.of(0, 2, 85), 100L, List.of(0, 2, 90), 50L));
        JsonNode view = mapper.valueToTree(new Views.Experiment("id", "exp1", "stalled", 250, 400,
                "2026-01-01T00:00:00Z", "disk", null, List.of(), "2026-01-01T00:01:00Z",
                Views.WaitingFor.of(stalled)));
        JsonNode waitingFor = view.get("waiting_for");
        assertThat(waitingFor.get("missing").asLong()).isEqualTo(150);
        assertThat(waitingFor.get("since").asText()).isEqualTo("2026-01-01T00:01:00Z");
        assertThat(waitingFor.has("resource")).isFalse();
        assertThat(waitingFor.get("slices")).hasSize(2);
        assertThat(waitingFor.get("slices").get(0).toString())
                .isEqualTo("{\"volume\":0,\"axis\":2,\"slice\":95,\"done\":0,\"expected\":100}");
        assertThat(waitingFor.get("slices").get(1).get("slice").asInt()).isEqualTo(90);
        assertThat(waitingFor.get("what").asText()).isEqualTo("results: 150 of 400 values missing, 2 of 4 slices "
                + "incomplete (1 without any result); no new result since 2026-01-01T00:01:00Z");
    }
}
