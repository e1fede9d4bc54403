package io.blindspot.support.retry;

import java.time.Duration;

/**
 * Exponential backoff with jitter, bounded in total: attempt n (0-based) waits a random time in
 * [d/2, d] with d = min(maxDelay, initialDelay · 2^n) ("equal jitter": never less than half the step, so the
 * waits still grow, and replicas that failed together do not retry together), and no wait starts that would end
 * after {@code maxDuration} from the first failure.
 *
 * @param initialDelay the first step ({@code blindspot.retry.initial-delay}, default 500 ms)
 * @param maxDelay     the largest step ({@code blindspot.retry.max-delay}, default 15 s)
 * @param maxDuration  how long a fault may persist before the event is given up
 *                     ({@code blindspot.retry.max-duration}, default 3 min); {@code null} = retry forever
 */
public record Backoff(Duration initialDelay, Duration maxDelay, Duration maxDuration) {
    public Backoff {
        if (initialDelay == null || initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("blindspot.retry.initial-delay must be > 0, got " + initialDelay);
        }
        if (maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("blindspot.retry.max-delay must be >= the initial delay, got "
                    + maxDelay);
        }
        if (maxDuration != null && maxDuration.isNegative()) {
            throw new IllegalArgumentException("blindspot.retry.max-duration must be >= 0, got " + maxDuration);
        }
    }

    /** The same steps without a bound on the total (recording dead letters: they must never be lost). */
    public Backoff forever() {
        return new Backoff(initialDelay, maxDelay, null);
    }

    /** The step of attempt {@code n} before jitter: min(maxDelay, initialDelay · 2^n). */
    public long stepNanos(int attempt) {
        long initial = initialDelay.toNanos();
        long max = maxDelay.toNanos();
        int shift = Math.min(Math.max(attempt, 0), 62);
        if (shift >= Long.numberOfLeadingZeros(initial) - 1) {
            return max; // initial · 2^n would overflow
        }
        return Math.min(max, initial << shift);
    }

    /**
     * The wait after failed attempt {@code n}.
     *
     * @param random a uniform draw in [0, 1)
     */
    public long delayNanos(int attempt, double random) {
        long step = stepNanos(attempt);
        return step / 2 + (long) (step / 2.0 * random);
    }
}
