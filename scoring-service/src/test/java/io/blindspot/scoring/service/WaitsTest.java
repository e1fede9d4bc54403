package io.blindspot.scoring.service;

import io.blindspot.support.retry.RetryListener;
import io.blindspot.support.retry.TransientFaults;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class WaitsTest {
    private static final TransientFaults.Fault STORE = new TransientFaults.Fault("object store",
            "cannot read k: Connection refused");

    @Test
    void anExperimentWaitsWhileAnyOfItsEventsRetries() {
        Waits waits = new Waits();
        UUID id = UUID.randomUUID();
        RetryListener a = waits.listener(id);
        RetryListener b = waits.listener(id);
        a.retrying(STORE, Instant.parse("2026-12-04T12:00:05Z"), 1, 500);
        a.retrying(STORE, Instant.parse("2026-12-04T12:00:05Z"), 2, 1000);
        b.retrying(STORE, Instant.parse("2026-12-04T12:00:01Z"), 1, 500);
        assertThat(waits.of(id)).hasValue(new Waits.Wait(2, Instant.parse("2026-12-04T12:00:01Z"), "object store",
                "cannot read k: Connection refused"));
        a.ended();
        assertThat(waits.of(id)).hasValueSatisfying(w -> assertThat(w.events()).isEqualTo(1));
        b.ended();
        b.ended(); // twice: no effect
        assertThat(waits.of(id)).isEmpty();
        assertThat(waits.of(UUID.randomUUID())).isEmpty();
    }

    @Test
    void anEventWithoutAnExperimentIsNotTracked() {
        assertThat(new Waits().listener(null)).isSameAs(RetryListener.NONE);
    }
}
