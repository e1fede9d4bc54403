package io.blindspot.support.retry;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15), Duration.ofMinutes(3));

    @Test
    void stepsDoubleUpToTheMaximum() {
        long[] millis = new long[8];
        for (int n = 0; n < millis.length; n++) {
            millis[n] = backoff.stepNanos(n) / 1_000_000;
        }
        assertThat(millis).containsExactly(500, 1000, 2000, 4000, 8000, 15000, 15000, 15000);
        assertThat(backoff.stepNanos(10_000)).isEqualTo(Duration.ofSeconds(15).toNanos());
    }

    @Test
    void jitterKeepsTheWaitBetweenHalfAndAllOfTheStep() {
        assertThat(backoff.delayNanos(2, 0.0)).isEqualTo(Duration.ofMillis(1000).toNanos());
        assertThat(backoff.delayNanos(2, 0.5)).isEqualTo(Duration.ofMillis(1500).toNanos());
        assertThat(backoff.delayNanos(2, 0.999_999)).isLessThan(Duration.ofMillis(2000).toNanos());
    }

    @Test
    void badSettingsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), null))
                .hasMessageContaining("blindspot.retry.initial-delay");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), null))
                .hasMessageContaining("blindspot.retry.max-delay");
        assertThat(backoff.forever().maxDuration()).isNull();
    }
}
