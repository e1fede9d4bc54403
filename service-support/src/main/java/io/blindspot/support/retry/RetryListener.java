package io.blindspot.support.retry;

import java.time.Instant;

/** What a caller learns while a fault is waited out (the scoring-service reports it as status {@code waiting}). */
public interface RetryListener {
    RetryListener NONE = new RetryListener() {
    };

    /**
     * A transient fault; the next attempt follows after {@code delayMillis}.
     *
     * @param since when the first attempt of this call failed
     */
    default void retrying(TransientFaults.Fault fault, Instant since, int attempt, long delayMillis) {
    }

    /** The call ended (success, give-up or hand-back) after at least one transient fault. */
    default void ended() {
    }
}
