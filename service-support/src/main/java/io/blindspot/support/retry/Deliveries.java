package io.blindspot.support.retry;

import io.blindspot.support.tracing.Traces;
import io.opentelemetry.context.Scope;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How a consumer settles one Kafka record after {@link Retrier}: success acknowledges it (the offset may be
 * committed); a fault of the event, or a transient fault that persisted, nacks it (the channel's
 * {@code failure-strategy=dead-letter-queue} sends it to the dead-letter topic with the exception's message as
 * reason); a hand-back at shutdown does neither, so the offset stays uncommitted and the record is processed
 * again by the partition's next owner.
 *
 * <p>Why the consumers take a {@code Message} instead of a payload: with a payload SmallRye settles the record
 * from the method's outcome, ack or nack, and cannot leave it unsettled.
 *
 * <p>While the work runs, the record's consumer span is current ({@link Traces}): what the work logs carries the
 * slice's trace id, and what it sends continues the trace. One INFO line per processed event names it.
 */
public final class Deliveries {
    private static final Logger LOG = Logger.getLogger(Deliveries.class);

    private final Retrier retrier;

    public Deliveries(Retrier retrier) {
        this.retrier = retrier;
    }

    public Retrier retrier() {
        return retrier;
    }

    public <T> CompletionStage<Void> process(Message<T> message, String what, Consumer<T> work) {
        return process(message, payload -> what, payload -> RetryListener.NONE, work);
    }

    /**
     * @param what     names the event for the log
     * @param listener told of the retries of this event (e.g. the experiment's "waiting" status)
     * @param work     the processing of the payload (null when the record could not be deserialised)
     */
    public <T> CompletionStage<Void> process(Message<T> message, Function<T, String> what,
                                             Function<T, RetryListener> listener, Consumer<T> work) {
        try (Scope ignored = Traces.open(message)) {
            return settle(message, what, listener, work);
        }
    }

    private <T> CompletionStage<Void> settle(Message<T> message, Function<T, String> what,
                                             Function<T, RetryListener> listener, Consumer<T> work) {
        T payload = message.getPayload();
        String name;
        RetryListener events;
        try {
            name = what.apply(payload);
            events = listener.apply(payload);
        } catch (RuntimeException e) {
            return message.nack(e);
        }
        long start = System.nanoTime();
        try {
            retrier.run(name, events, () -> work.accept(payload));
        } catch (HandedBackException e) {
            LOG.infof("%s", e.getMessage());
            return CompletableFuture.completedFuture(null);
        } catch (VirtualMachineError e) {
            // Out of memory or stack: the JVM's state, not the event's. Handed back (offset not committed) so the
            // partition's next owner, or this one after a restart, processes it again; never a dead letter.
            LOG.errorf(e, "%s: handed back after %s", name, e);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException | Error e) {
            return message.nack(e);
        }
        LOG.infof("%s: processed in %d ms", name, (System.nanoTime() - start) / 1_000_000);
        return message.ack();
    }
}
