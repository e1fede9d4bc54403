package io.blindspot.support.retry;

/**
 * The service is stopping while an event waits out a fault (or fails): the event is neither acknowledged nor
 * dead-lettered, so its offset is not committed and whoever owns the partition next processes it again.
 */
public class HandedBackException extends RuntimeException {
    public HandedBackException(String message, Throwable cause) {
        super(message, cause);
    }
}
