package io.blindspot.scoring.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExperimentQueryTest {

    @Test
    void absentParametersAreTheDefaults() {
        assertThat(ExperimentQuery.parse(null, null, null)).isEqualTo(new ExperimentQuery(50, 0, null));
        assertThat(ExperimentQuery.parse(" ", "", "")).isEqualTo(new ExperimentQuery(50, 0, null));
    }

    @Test
    void limitsFromOneTo500AndAnyOffsetFromZero() {
        assertThat(ExperimentQuery.parse("1", "0", "done")).isEqualTo(new ExperimentQuery(1, 0,
                ExperimentStatus.DONE));
        assertThat(ExperimentQuery.parse("500", "123456789012", "Stalled"))
                .isEqualTo(new ExperimentQuery(500, 123456789012L, ExperimentStatus.STALLED));
    }

    @Test
    void theNextPageStartsWhereThisOneEnds() {
        assertThat(ExperimentQuery.parse("20", "40", "running").next())
                .isEqualTo(new ExperimentQuery(20, 60, ExperimentStatus.RUNNING));
    }

    @Test
    void unreadableParametersNameThemselves() {
        assertThatThrownBy(() -> ExperimentQuery.parse("0", null, null)).hasMessageStartingWith("limit")
                .hasMessageContaining("1 to 500");
        assertThatThrownBy(() -> ExperimentQuery.parse("501", null, null)).hasMessageStartingWith("limit");
        assertThatThrownBy(() -> ExperimentQuery.parse("99999999999999999999", null, null))
                .hasMessageStartingWith("limit");
        assertThatThrownBy(() -> ExperimentQuery.parse(null, "-1", null)).hasMessageStartingWith("offset");
        assertThatThrownBy(() -> ExperimentQuery.parse(null, "x", null)).hasMessageStartingWith("offset");
        assertThatThrownBy(() -> ExperimentQuery.parse(null, null, "finished"))
                .isInstanceOf(ExperimentQuery.InvalidQueryException.class)
                .hasMessage("status must be one of running, waiting, stalled, done, failed, got 'finished'");
        assertThatThrownBy(() -> ExperimentQuery.parse(null, null, "done\r\nX: y")).hasMessageNotContaining("\n");
    }
}
