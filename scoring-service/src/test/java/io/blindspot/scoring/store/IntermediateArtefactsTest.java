package io.blindspot.scoring.store;

import io.blindspot.contracts.events.VariantsRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IntermediateArtefactsTest {

    @Test
    void theVariantsAreTheStackOrThePlaneAndTheLabelValues() {
        assertThat(IntermediateArtefacts.variantsKeys(new VariantsRef("s/anomalous.npy", "s/label.npy", 100)))
                .containsExactly("s/anomalous.npy");
        assertThat(IntermediateArtefacts.variantsKeys(
                new VariantsRef("s/anomalous.npy", "s/label.npy", 100, "s/label-values.npy")))
                .containsExactly("s/anomalous.npy", "s/label-values.npy");
    }

    @Test
    void aBlockMarksItsSigmaIndicesInOneStatement() {
        // sigma indices first … last as a series, inserted and counted by one statement
        assertThat(ScoredReconstructions.MARK_AND_COUNT).contains("generate_series(?::int, ?::int)")
                .contains("ON CONFLICT DO NOTHING RETURNING 1");
        assertThat(ScoredReconstructions.COUNT_MARKED).contains("sigma_index BETWEEN ? AND ?");
    }
}
