package io.blindspot.scoring.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.scoring.domain.Cell;
import io.blindspot.scoring.domain.SliceResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An undefined number (NaN) is {@code null} in every JSON answer, never the string "NaN" or the token NaN. */
class UndefinedAsNullTest {
    private final ObjectMapper mapper = new ObjectMapper().registerModule(UndefinedAsNull.module());

    @Test
    void nanIsNullInRowsCellsAndArrays() throws Exception {
        List<SliceResult> slices = List.of(
                new SliceResult(0, 2, 80, 0, 0, 0.5, 1.0, Double.NaN, 0.01, 136, 49, 0.0),
                new SliceResult(0, 2, 85, 0, 0, 0.5, 1.0, Double.NaN, 0.03, 99, 52, 0.03));
        String row = mapper.writeValueAsString(Views.SliceRow.of(slices.get(0), "auroc"));
        assertThat(row).contains("\"ap\":null").doesNotContain("NaN");
        JsonNode cell = mapper.readTree(mapper.writeValueAsString(Views.CellRow.of(Cell.aggregate(slices).get(0))));
        assertThat(cell.get("ap_mean").isNull()).isTrue();
        assertThat(cell.get("ap_std").isNull()).isTrue();
        assertThat(cell.get("n").asInt()).isZero();
        assertThat(cell.get("n_undefined").asInt()).isEqualTo(2);
        assertThat(cell.get("prevalence").asDouble()).isEqualTo(0.015);
        assertThat(mapper.writeValueAsString(new double[] {1.0, Double.NaN, Double.POSITIVE_INFINITY}))
                .isEqualTo("[1.0,null,null]");
        assertThat(mapper.writeValueAsString(List.of(Double.NaN, 0.25, Float.NaN))).isEqualTo("[null,0.25,null]");
        // defined values keep their shortest round-trip text
        assertThat(mapper.writeValueAsString(0.9999999999999999)).isEqualTo("0.9999999999999999");
    }
}
