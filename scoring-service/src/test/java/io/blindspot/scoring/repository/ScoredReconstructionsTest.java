package io.blindspot.scoring.repository;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ScoredReconstructionsTest {

    @Test
    void aBlockMarksItsSigmaIndicesInOneStatement() {
        // sigma indices first … last as a series, inserted and counted by one statement
        assertThat(ScoredReconstructions.MARK_AND_COUNT).contains("generate_series(?::int, ?::int)")
                .contains("ON CONFLICT DO NOTHING RETURNING 1");
        assertThat(ScoredReconstructions.COUNT_MARKED).contains("sigma_index BETWEEN ? AND ?");
    }
}
