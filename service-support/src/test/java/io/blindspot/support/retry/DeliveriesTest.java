package io.blindspot.support.retry;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveriesTest {
    /** Records how a message was settled. */
    static final class Settled {
        final List<String> outcomes = new ArrayList<>();

        Message<String> message(String payload) {
            return Message.<String>of(payload, () -> {
                outcomes.add("ack");
                return CompletableFuture.completedFuture(null);
            }, reason -> {
                outcomes.add("nack: " + reason.getMessage());
                return CompletableFuture.completedFuture(null);
            });
        }
    }

    private final long[] now = {0};
    private final Retrier retrier = new Retrier(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10),
            Duration.ofSeconds(60)), () -> now[0], Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), () -> 0.0, n -> {
                now[0] += n;
                return true;
            });
    private final Deliveries deliveries = new Deliveries(retrier);

    @Test
    void successAcknowledges() {
        Settled settled = new Settled();
        deliveries.process(settled.message("e"), "e", p -> { });
        assertThat(settled.outcomes).containsExactly("ack");
    }

    @Test
    void aTransientFaultThatPassesIsRetriedAndThenAcknowledged() {
        Settled settled = new Settled();
        AtomicInteger calls = new AtomicInteger();
        deliveries.process(settled.message("e"), "e", p -> {
            if (calls.incrementAndGet() < 3) {
                throw new RuntimeException(new SQLException("Connection refused", "08001"));
            }
        });
        assertThat(calls).hasValue(3);
        assertThat(settled.outcomes).containsExactly("ack");
    }

    @Test
    void aTransientFaultThatPersistsIsNackedWithTheReason() {
        Settled settled = new Settled();
        deliveries.process(settled.message("e"), "e", p -> {
            throw new RuntimeException("cannot read k: Connection refused",
                    new java.net.ConnectException("Connection refused"));
        });
        assertThat(settled.outcomes).containsExactly(
                "nack: transient fault persisted for 60 s (15 attempts): network: cannot read k: Connection refused");
    }

    @Test
    void poisonIsNackedAtOnce() {
        Settled settled = new Settled();
        AtomicInteger calls = new AtomicInteger();
        deliveries.process(settled.message(null), "e", p -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("empty or unreadable event");
        });
        assertThat(calls).hasValue(1);
        assertThat(settled.outcomes).containsExactly("nack: empty or unreadable event");
    }

    @Test
    void aHandBackSettlesNothing() {
        Settled settled = new Settled();
        retrier.stop();
        deliveries.process(settled.message("e"), "e", p -> {
            throw new RuntimeException(new SQLException("gone", "57P01"));
        });
        assertThat(settled.outcomes).isEmpty();
    }

    @Test
    void theJvmRunningOutOfMemoryHandsTheEventBackInsteadOfDeadLetteringIt() {
        Settled settled = new Settled();
        deliveries.process(settled.message("e"), "e", p -> {
            throw new OutOfMemoryError("Java heap space");
        });
        assertThat(settled.outcomes).isEmpty();
    }

    @Test
    void anyOtherErrorIsTheEventsFault() {
        Settled settled = new Settled();
        deliveries.process(settled.message("e"), "e", p -> {
            throw new AssertionError("shapes disagree");
        });
        assertThat(settled.outcomes).containsExactly("nack: shapes disagree");
    }
}
