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

    private static final java.time.Instant T = java.time.Instant.parse("2026-12-04T12:00:00Z");
    private static final java.time.Duration LIMIT = java.time.Duration.ofMinutes(2);

    @Test
    void waitingWhileARetryIsInProgressStalledAfterTheLimitWithoutProgress() {
        assertThat(ExperimentStatus.of(0, 5, 10, false, T, T.plusSeconds(119), LIMIT)).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(ExperimentStatus.of(0, 5, 10, false, T, T.plusSeconds(120), LIMIT)).isEqualTo(ExperimentStatus.STALLED);
        // a retry explains the silence: waiting, not stalled
        assertThat(ExperimentStatus.of(0, 5, 10, true, T, T.plusSeconds(600), LIMIT)).isEqualTo(ExperimentStatus.WAITING);
        assertThat(ExperimentStatus.of(0, 5, 10, true, T, T, LIMIT).label()).isEqualTo("waiting");
    }

    @Test
    void doneAndFailedWinOverWaitingAndStalled() {
        assertThat(ExperimentStatus.of(0, 10, 10, true, T, T.plusSeconds(600), LIMIT)).isEqualTo(ExperimentStatus.DONE);
        assertThat(ExperimentStatus.of(1, 5, 10, true, T, T.plusSeconds(600), LIMIT)).isEqualTo(ExperimentStatus.FAILED);
        assertThat(ExperimentStatus.STALLED.label()).isEqualTo("stalled");
        assertThat(ExperimentStatus.inProgress("stalled")).isTrue();
        assertThat(ExperimentStatus.inProgress("done")).isFalse();
    }
}
