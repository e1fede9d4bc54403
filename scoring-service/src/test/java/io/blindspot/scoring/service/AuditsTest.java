package io.blindspot.scoring.service;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class AuditsTest {

    @Test
    void theAuditIsAsBadAsItsWorstExperiment() {
        assertThat(Audits.worst(Arrays.asList("done", "done", "done"))).isEqualTo("done");
        assertThat(Audits.worst(Arrays.asList("done", "running", "done"))).isEqualTo("running");
        assertThat(Audits.worst(Arrays.asList("running", "failed", "done"))).isEqualTo("failed");
    }

    @Test
    void anExperimentNotRegisteredYetKeepsTheAuditRunning() {
        assertThat(Audits.worst(Arrays.asList("done", null, "done"))).isEqualTo("running");
        assertThat(Audits.worst(Arrays.asList("failed", null, "done"))).isEqualTo("failed");
    }
}
