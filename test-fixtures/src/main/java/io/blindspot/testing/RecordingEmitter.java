package io.blindspot.testing;

import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * An {@link Emitter} that records what a service sends, in place of its Kafka channel. As the Kafka sink, a message
 * is acknowledged once its payload is sent and nacked with the failure when the send fails (Traces.send sends
 * messages that carry the trace context); {@link #unsettled()} leaves settling the messages to the test. Calls can
 * be made to fail as a broker that is down would ({@link #failCalls}).
 */
public class RecordingEmitter<T> implements Emitter<T> {
    /** The payloads sent, in order; a failed call adds nothing. */
    public final List<T> sent = new CopyOnWriteArrayList<>();
    /** Every message sent, in order, settled or not. */
    public final List<Message<? extends T>> messages = new CopyOnWriteArrayList<>();

    private final boolean settles;
    private final AtomicInteger calls = new AtomicInteger();
    private volatile IntPredicate failing = call -> false;
    private volatile Throwable cause;

    /** Sends succeed (until {@link #failCalls}), messages are settled as the Kafka sink settles them. */
    public RecordingEmitter() {
        this(true);
    }

    private RecordingEmitter(boolean settles) {
        this.settles = settles;
    }

    /** Records messages without settling them: the test acks or nacks {@link #messages} itself. */
    public static <T> RecordingEmitter<T> unsettled() {
        return new RecordingEmitter<>(false);
    }

    /**
     * Fails every call whose number (from 0, over every send since this emitter was made, failed ones included)
     * matches {@code calls}, with {@code cause}: e.g. {@code n -> n < 2} for a broker back after two attempts,
     * {@code n -> true} for one that stays away.
     */
    public RecordingEmitter<T> failCalls(IntPredicate calls, Throwable cause) {
        this.cause = cause;
        this.failing = calls;
        return this;
    }

    @Override
    public CompletionStage<Void> send(T payload) {
        if (failing.test(calls.getAndIncrement())) {
            return CompletableFuture.failedFuture(cause);
        }
        sent.add(payload);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <M extends Message<? extends T>> void send(M msg) {
        messages.add(msg);
        if (!settles) {
            return;
        }
        send((T) msg.getPayload()).whenComplete((ok, failure) -> {
            if (failure == null) {
                msg.ack();
            } else {
                msg.nack(failure);
            }
        });
    }

    @Override
    public void complete() {
    }

    @Override
    public void error(Exception e) {
    }

    @Override
    public boolean isCancelled() {
        return false;
    }

    @Override
    public boolean hasRequests() {
        return true;
    }
}
