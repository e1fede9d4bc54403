package io.blindspot.inference.domain.batching;

import java.time.Duration;

/**
 * How a {@link MicroBatcher} groups items into runs: at most {@code size} items per run, and a run starts at the
 * latest {@code maxWait} after its oldest item arrived (earlier when it is full).
 *
 * <p>{@code maxWait} zero means: never wait for more, but still take everything already queued (items that
 * arrived while the previous run was busy go together), so concurrent callers share runs even then.
 *
 * @param size    items per run, at least 1 ({@code blindspot.inference.batch.size})
 * @param maxWait how long the oldest queued item may wait for the run to fill up, not negative
 *                ({@code blindspot.inference.batch.max-wait})
 */
public record BatchPolicy(int size, Duration maxWait) {
    public BatchPolicy {
        if (size < 1) {
            throw new IllegalArgumentException("blindspot.inference.batch.size must be >= 1, got " + size);
        }
        if (maxWait == null || maxWait.isNegative()) {
            throw new IllegalArgumentException("blindspot.inference.batch.max-wait must be >= 0, got " + maxWait);
        }
    }

    /** {@code size} per run, no waiting (what a single caller needs; tests). */
    public static BatchPolicy immediate(int size) {
        return new BatchPolicy(size, Duration.ZERO);
    }
}
