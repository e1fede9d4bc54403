package io.blindspot.support.retry;

import io.blindspot.contracts.store.ObjectNotFoundException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetrierTest {
    static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");

    /** A fake clock that the sleeper advances: time passes only in the waits (and in work that says so). */
    static final class FakeTime {
        long nanos;
        final List<Long> sleptMillis = new ArrayList<>();

        Retrier retrier(Backoff backoff, double jitter) {
            return new Retrier(backoff, () -> nanos, Clock.fixed(T0, ZoneOffset.UTC), () -> jitter, n -> {
                sleptMillis.add(n / 1_000_000);
                nanos += n;
                return true;
            });
        }
    }

    static final Backoff BACKOFF = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15), Duration.ofMinutes(3));

    static RuntimeException databaseDown() {
        return new RuntimeException("cannot store results", new SQLException("Connection refused", "08001"));
    }

    @Test
    void aTransientFaultIsRetriedWithGrowingWaitsUntilTheWorkSucceeds() {
        FakeTime time = new FakeTime();
        AtomicInteger calls = new AtomicInteger();
        List<String> events = new ArrayList<>();
        RetryListener listener = new RetryListener() {
            @Override
            public void retrying(TransientFaults.Fault fault, Instant since, int attempt, long delayMillis) {
                events.add(fault.resource() + " since " + since + " attempt " + attempt + " wait " + delayMillis);
            }

            @Override
            public void ended() {
                events.add("ended");
            }
        };
        String result = time.retrier(BACKOFF, 0.0).call("slice 80", listener, () -> {
            if (calls.incrementAndGet() <= 4) {
                throw databaseDown();
            }
            return "stored";
        });
        assertThat(result).isEqualTo("stored");
        assertThat(calls).hasValue(5);
        // jitter 0: half of each step 500, 1000, 2000, 4000 ms
        assertThat(time.sleptMillis).containsExactly(250L, 500L, 1000L, 2000L);
        assertThat(events).containsExactly("database since " + T0 + " attempt 1 wait 250",
                "database since " + T0 + " attempt 2 wait 500", "database since " + T0 + " attempt 3 wait 1000",
                "database since " + T0 + " attempt 4 wait 2000", "ended");
    }

    @Test
    void aFaultThatPersistsIsGivenUpAtTheBoundWithTheReason() {
        FakeTime time = new FakeTime();
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> time.retrier(BACKOFF, 1.0).run("slice 80", RetryListener.NONE, () -> {
            calls.incrementAndGet();
            throw databaseDown();
        })).isInstanceOf(TransientFaultPersistedException.class)
                .hasMessage("transient fault persisted for 180 s (16 attempts): database: cannot store results")
                .hasRootCauseInstanceOf(SQLException.class);
        // jitter 1: full steps 0.5, 1, 2, 4, 8 s then 15 s each; no wait would end past 180 s
        assertThat(time.sleptMillis).startsWith(500L, 1000L, 2000L, 4000L, 8000L, 15000L);
        long total = time.sleptMillis.stream().mapToLong(Long::longValue).sum();
        assertThat(total).isEqualTo(500 + 1000 + 2000 + 4000 + 8000 + 15000L * 10);
        assertThat(total).isLessThanOrEqualTo(180_000L);
        assertThat(total + 15_000).isGreaterThan(180_000L);
        assertThat(calls).hasValue(time.sleptMillis.size() + 1);
    }

    @Test
    void theTimeTheAttemptsTakeCountsAgainstTheBound() {
        FakeTime time = new FakeTime();
        Retrier retrier = time.retrier(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(20)), 1.0);
        AtomicInteger calls = new AtomicInteger();
        // each attempt hangs 5 s (the pool's acquisition time-out) before it fails
        assertThatThrownBy(() -> retrier.run("x", RetryListener.NONE, () -> {
            if (calls.incrementAndGet() > 1) {
                time.nanos += Duration.ofSeconds(5).toNanos();
            }
            throw new RuntimeException(new SQLException("Acquisition timeout while waiting for new connection"));
        })).isInstanceOf(TransientFaultPersistedException.class).hasMessageStartingWith("transient fault persisted for 24 s (5 attempts)");
        // failures at 0, 6, 12, 18, 24 s (each followed by a 1 s wait while that ends within 20 s): the report
        // says how long the fault really lasted
        assertThat(calls).hasValue(5);
    }

    @Test
    void theEventsOwnFaultIsThrownAtOnceUnchanged() {
        FakeTime time = new FakeTime();
        IllegalArgumentException bad = new IllegalArgumentException("shapes disagree");
        assertThatThrownBy(() -> time.retrier(BACKOFF, 0.5).run("x", RetryListener.NONE, () -> {
            throw bad;
        })).isSameAs(bad);
        ObjectNotFoundException missing = new ObjectNotFoundException("k");
        assertThatThrownBy(() -> time.retrier(BACKOFF, 0.5).run("x", RetryListener.NONE, () -> {
            throw missing;
        })).isSameAs(missing);
        assertThat(time.sleptMillis).isEmpty();
    }

    @Test
    void aFaultFirstTransientThenTheEventsOwnEndsWithTheEventsOwn() {
        FakeTime time = new FakeTime();
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> time.retrier(BACKOFF, 0.0).run("x", RetryListener.NONE, () -> {
            if (calls.incrementAndGet() == 1) {
                throw databaseDown();
            }
            throw new IllegalArgumentException("bad labels");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad labels");
        assertThat(time.sleptMillis).containsExactly(250L);
    }

    @Test
    void stoppingHandsTheEventBackInsteadOfGivingUpOrDeadLettering() {
        FakeTime time = new FakeTime();
        Retrier retrier = time.retrier(BACKOFF, 0.0);
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> retrier.run("x", RetryListener.NONE, () -> {
            if (calls.incrementAndGet() == 2) {
                retrier.stop(); // shutdown begins during the second attempt
            }
            throw databaseDown();
        })).isInstanceOf(HandedBackException.class).hasMessageContaining("stopping");
        assertThat(calls).hasValue(2);
        // and once stopped, even the event's own fault is not trusted (a client closing under it looks alike)
        assertThatThrownBy(() -> retrier.run("x", RetryListener.NONE, () -> {
            throw new IllegalStateException("client closed");
        })).isInstanceOf(HandedBackException.class);
    }

    @Test
    void aRealSleepEndsAtOnceWhenStopped() throws Exception {
        Retrier retrier = new Retrier(new Backoff(Duration.ofMinutes(1), Duration.ofMinutes(1), null));
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                // the test ends anyway
            }
            retrier.stop();
        });
        stopper.start();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> retrier.run("x", RetryListener.NONE, () -> {
            throw databaseDown();
        })).isInstanceOf(HandedBackException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        stopper.join();
    }

    @Test
    void foreverNeverGivesUpATransientFault() {
        FakeTime time = new FakeTime();
        AtomicInteger calls = new AtomicInteger();
        Retrier forever = time.retrier(BACKOFF, 1.0).forever();
        forever.run("dead letter", RetryListener.NONE, () -> {
            if (calls.incrementAndGet() < 100) {
                throw databaseDown();
            }
        });
        assertThat(calls).hasValue(100);
        assertThat(time.sleptMillis.stream().mapToLong(Long::longValue).sum()).isGreaterThan(20 * 60_000L);
    }
}
