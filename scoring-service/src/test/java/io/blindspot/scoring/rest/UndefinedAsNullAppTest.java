package io.blindspot.scoring.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.scoring.domain.Cell;
import io.blindspot.scoring.domain.SliceResult;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's own ObjectMapper (the one Quarkus REST writes every JSON answer with) carries
 * {@link UndefinedAsNull}: an undefined value is {@code null} on the wire, not {@code "NaN"}.
 */
@QuarkusTest
@QuarkusTestResource(ScoringTestResources.class)
class UndefinedAsNullAppTest {
    @Inject
    ObjectMapper mapper;

    @Test
    void theServicesMapperWritesNaNAsNull() throws Exception {
        SliceResult undefined = new SliceResult(0, 2, 80, 0, 0, 0.5, 1.0, Double.NaN, 0.01, 1, 2, 0.02);
        assertThat(mapper.writeValueAsString(Views.SliceRow.of(undefined, "auroc")))
                .contains("\"ap\":null").contains("\"prevalence\":0.02").doesNotContain("NaN");
        assertThat(mapper.writeValueAsString(Views.CellRow.of(Cell.aggregate(List.of(undefined)).get(0))))
                .contains("\"ap_mean\":null").contains("\"n\":0").contains("\"n_undefined\":1");
    }
}
