package io.blindspot.testing;

import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Incoming messages that record how the consumer settled them, in order: {@code "ack"}, or the nack prefix and the
 * reason's message ({@code "dead letter: unknown reconstruction mode …"}). Safe to settle from other threads.
 */
public final class SettledMessages {
    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    private final String nackPrefix;

    /** Records a nack as {@code "dead letter: " + reason}, what a consumer's failure strategy makes of it. */
    public SettledMessages() {
        this("dead letter: ");
    }

    public SettledMessages(String nackPrefix) {
        this.nackPrefix = nackPrefix;
    }

    /** A message of {@code payload} (null: an unreadable record) whose ack and nack are recorded. */
    public <T> Message<T> of(T payload) {
        return Message.<T>of(payload, () -> {
            outcomes.add("ack");
            return CompletableFuture.completedFuture(null);
        }, reason -> {
            outcomes.add(nackPrefix + reason.getMessage());
            return CompletableFuture.completedFuture(null);
        });
    }

    /** How the messages were settled so far (live view). */
    public List<String> outcomes() {
        return outcomes;
    }
}
