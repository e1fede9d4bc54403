package io.blindspot.support.retry;

/**
 * A transient fault that did not pass within {@code blindspot.retry.max-duration}: the event is given up and
 * dead-lettered with this message as reason ("transient fault persisted for N s: …"), so the experiment is
 * reported failed with it.
 */
public class TransientFaultPersistedException extends RuntimeException {
    private final TransientFaults.Fault fault;

    public TransientFaultPersistedException(TransientFaults.Fault fault, long seconds, int attempts, Throwable cause) {
        super("transient fault persisted for " + seconds + " s (" + attempts + " attempts): " + fault, cause);
        this.fault = fault;
    }

    public TransientFaults.Fault fault() {
        return fault;
    }
}
