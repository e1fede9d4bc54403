package io.blindspot.support.retry;

import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Runs a piece of work until it succeeds, retrying transient faults ({@link TransientFaults}) with
 * {@link Backoff}. Used by every consumer around the whole processing of one event: every step of it is
 * idempotent (deterministic objects rewritten, result inserts that ignore rows already stored), so running it
 * again from the start is safe, and the event's offset is not committed while it waits.
 *
 * <ul>
 *   <li>success: the result;</li>
 *   <li>a fault of the event itself: thrown at once, unchanged (the caller dead-letters it);</li>
 *   <li>a transient fault that persists past {@code maxDuration}: {@link TransientFaultPersistedException};</li>
 *   <li>the service stops ({@link #stop()}) while the work waits or fails: {@link HandedBackException}, so the
 *       event is neither acknowledged nor dead-lettered. A failure during shutdown is not trusted as the event's
 *       fault either (a pool or client closing under it looks like one); the next owner will tell.</li>
 * </ul>
 */
public final class Retrier {
    private static final Logger LOG = Logger.getLogger(Retrier.class);

    /** Waits between attempts; returns early (false) when the retrier is stopped. */
    @FunctionalInterface
    public interface Sleeper {
        /** @return false when interrupted by {@link #stop()} */
        boolean sleep(long nanos) throws InterruptedException;
    }

    private final Backoff backoff;
    private final LongSupplier nanoTime;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Sleeper sleeper;
    private final CountDownLatch stopped = new CountDownLatch(1);

    /** Real time, real sleeps (interrupted by {@link #stop()}), random jitter. */
    public Retrier(Backoff backoff) {
        this.backoff = backoff;
        this.nanoTime = System::nanoTime;
        this.clock = Clock.systemUTC();
        this.random = () -> ThreadLocalRandom.current().nextDouble();
        this.sleeper = nanos -> !stopped.await(nanos, TimeUnit.NANOSECONDS);
    }

    /** For tests: a fake clock, sleeper and jitter. */
    public Retrier(Backoff backoff, LongSupplier nanoTime, Clock clock, DoubleSupplier random, Sleeper sleeper) {
        this.backoff = backoff;
        this.nanoTime = nanoTime;
        this.clock = clock;
        this.random = random;
        this.sleeper = sleeper;
    }

    public Backoff backoff() {
        return backoff;
    }

    /** A retrier with the same clock and sleeps that never gives up a transient fault (dead-letter recording). */
    public Retrier forever() {
        Retrier forever = new Retrier(backoff.forever(), nanoTime, clock, random, sleeper);
        return forever.linkStop(this);
    }

    private Retrier parent;

    private Retrier linkStop(Retrier parent) {
        this.parent = parent;
        return this;
    }

    /** The service is stopping: waits end now, and failures hand the event back. */
    public void stop() {
        stopped.countDown();
    }

    public boolean stopping() {
        return stopped.getCount() == 0 || (parent != null && parent.stopping());
    }

    public void run(String what, RetryListener listener, Runnable work) {
        call(what, listener, () -> {
            work.run();
            return null;
        });
    }

    /**
     * @param what     the event, for the log ("experiment … slice …")
     * @param listener told of each retry and of the end
     */
    public <T> T call(String what, RetryListener listener, Callable<T> work) {
        long first = 0;
        Instant since = null;
        int attempt = 0;
        try {
            while (true) {
                try {
                    T result = work.call();
                    if (attempt > 0) {
                        LOG.infof("%s: succeeded after %d retries (%d s)", what, attempt,
                                TimeUnit.NANOSECONDS.toSeconds(nanoTime.getAsLong() - first));
                    }
                    return result;
                } catch (Exception e) {
                    if (stopping()) {
                        throw new HandedBackException(what + ": the service is stopping; handed back after: "
                                + TransientFaults.message(e), e);
                    }
                    TransientFaults.Fault fault = TransientFaults.classify(e).orElse(null);
                    if (fault == null) {
                        throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
                    }
                    long now = nanoTime.getAsLong();
                    if (attempt == 0) {
                        first = now;
                        since = clock.instant();
                    }
                    long elapsed = now - first;
                    long delay = backoff.delayNanos(attempt, random.getAsDouble());
                    if (backoff.maxDuration() != null && elapsed + delay > backoff.maxDuration().toNanos()) {
                        // Round up: "persisted for 180 s" when the bound is 3 min, even if the last wait ended early.
                        long seconds = Math.max(TimeUnit.NANOSECONDS.toSeconds(elapsed),
                                backoff.maxDuration().toSeconds());
                        LOG.errorf("%s: %s persisted for %d s, giving up", what, fault, seconds);
                        throw new TransientFaultPersistedException(fault, seconds, attempt + 1, e);
                    }
                    attempt++;
                    if (attempt == 1 || attempt % 10 == 0) {
                        LOG.warnf("%s: %s; retry %d in %d ms", what, fault, attempt,
                                TimeUnit.NANOSECONDS.toMillis(delay));
                    }
                    listener.retrying(fault, since, attempt, TimeUnit.NANOSECONDS.toMillis(delay));
                    boolean slept;
                    try {
                        slept = sleeper.sleep(delay);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        slept = false;
                    }
                    if (!slept || stopping()) {
                        throw new HandedBackException(what + ": the service is stopping while waiting out "
                                + fault, e);
                    }
                }
            }
        } finally {
            if (attempt > 0) {
                listener.ended();
            }
        }
    }
}
