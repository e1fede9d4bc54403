package io.blindspot.scoring.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExperimentStatusTest {
    @Test
    void deadLetterFailsEvenWhenComplete() {
        assertThat(ExperimentStatus.of(1, 10, 10).label()).isEqualTo("failed");
    }

    @Test
    void doneOnceEveryExpectedValueIsIn() {
        assertThat(ExperimentStatus.of(0, 10, 10).label()).isEqualTo("done");
        assertThat(ExperimentStatus.of(0, 9, 10).label()).isEqualTo("running");
        assertThat(ExperimentStatus.of(0, 0, 10).label()).isEqualTo("running");
    }
}
