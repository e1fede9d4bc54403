package io.blindspot.support.retry;

import io.blindspot.testing.SettledMessages;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveriesTest {
    private final long[] now = {0};
    private final Retrier retrier = new Retrier(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10),
            Duration.ofSeconds(60)), () -> now[0], Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), () -> 0.0, n -> {
                now[0] += n;
                return true;
            });
    private final Deliveries deliveries = new Deliveries(retrier);

    @Test
    void successAcknowledges() {
        SettledMessages settled = new SettledMessages("nack: ");
        deliveries.process(settled.of("e"), "e", p -> { });
        assertThat(settled.outcomes()).containsExactly("ack");
    }

    @Test
    void aTransientFaultThatPassesIsRetriedAndThenAcknowledged() {
        SettledMessages settled = new SettledMessages("nack: ");
        AtomicInteger calls = new AtomicInteger();
        deliveries.process(settled.of("e"), "e", p -> {
            if (calls.incrementAndGet() < 3) {
                throw new RuntimeException(new SQLException("Connection refused", "08001"));
            }
        });
        assertThat(calls).hasValue(3);
        assertThat(settled.outcomes()).containsExactly("ack");
    }

    @Test
    void aTransientFaultThatPersistsIsNackedWithTheReason() {
        SettledMessages settled = new SettledMessages("nack: ");
        deliveries.process(settled.of("e"), "e", p -> {
            throw new RuntimeException("cannot read k: Connection refused",
                    new java.net.ConnectException("Connection refused"));
        });
        assertThat(settled.outcomes()).containsExactly(
                "nack: transient fault persisted for 60 s (15 attempts): network: cannot read k: Connection refused");
    }

    @Test
    void poisonIsNackedAtOnce() {
        SettledMessages settled = new SettledMessages("nack: ");
        AtomicInteger calls = new AtomicInteger();
        deliveries.process(settled.of(null), "e", p -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("empty or unreadable event");
        });
        assertThat(calls).hasValue(1);
        assertThat(settled.outcomes()).containsExactly("nack: empty or unreadable event");
    }

    @Test
    void aHandBackSettlesNothing() {
        SettledMessages settled = new SettledMessages("nack: ");
        retrier.stop();
        deliveries.process(settled.of("e"), "e", p -> {
            throw new RuntimeException(new SQLException("gone", "57P01"));
        });
        assertThat(settled.outcomes()).isEmpty();
    }

    @Test
    void theJvmRunningOutOfMemoryHandsTheEventBackInsteadOfDeadLetteringIt() {
        SettledMessages settled = new SettledMessages("nack: ");
        deliveries.process(settled.of("e"), "e", p -> {
            throw new OutOfMemoryError("Java heap space");
        });
        assertThat(settled.outcomes()).isEmpty();
    }

    @Test
    void anyOtherErrorIsTheEventsFault() {
        SettledMessages settled = new SettledMessages("nack: ");
        deliveries.process(settled.of("e"), "e", p -> {
            throw new AssertionError("shapes disagree");
        });
        assertThat(settled.outcomes()).containsExactly("nack: shapes disagree");
    }
}
