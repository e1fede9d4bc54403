package io.blindspot.scoring.messaging;

import io.blindspot.scoring.service.DeadLetterRecorder;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The channel of every consumer's dead letters (topic {@code blindspot.dead-letters}, read as raw strings):
 * {@link DeadLetterRecorder}. A letter waiting for the database stays in the topic, its offset not committed, until
 * it is stored (at shutdown it is handed back, still uncommitted). Only this channel waits meanwhile (its own
 * consumer group, one letter at a time); the others go on.
 */
@ApplicationScoped
public class DeadLettersConsumer {
    /** Set by SmallRye's dead-letter-queue failure strategy. */
    static final String REASON_HEADER = DeadLetterRecorder.REASON_HEADER;
    static final String TOPIC_HEADER = "dead-letter-topic";

    private final DeadLetterRecorder recorder;

    public DeadLettersConsumer(DeadLetterRecorder recorder) {
        this.recorder = recorder;
    }

    @Incoming("dead-letters")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        Headers headers = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getHeaders()).orElse(null);
        String topic = message.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> m.getTopic()).orElse(null);
        return record(message, header(headers, TOPIC_HEADER), header(headers, REASON_HEADER), topic);
    }

    /**
     * Stores one letter and settles its message: acknowledged once stored (or refused for good); neither while
     * the database is away, however long.
     *
     * @param origin the failed event's topic (header), null when unknown
     * @param topic  the topic the letter was read from (the fallback for {@code origin})
     */
    CompletionStage<Void> record(Message<String> message, String origin, String reason, String topic) {
        return recorder.record(message.getPayload(), origin, reason, topic) ? message.ack()
                : CompletableFuture.completedFuture(null);
    }

    private static String header(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null
                : new String(header.value(), StandardCharsets.UTF_8);
    }
}
