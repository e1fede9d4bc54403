package io.blindspot.scoring.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.scoring.repository.DeadLetterRepository;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Records every consumer's dead letters (topic {@code blindspot.dead-letters}, read as raw strings) so the API
 * can report an experiment as failed, with the reasons.
 */
@ApplicationScoped
public class DeadLettersConsumer {
    private static final Logger LOG = Logger.getLogger(DeadLettersConsumer.class);
    /** Set by SmallRye's dead-letter-queue failure strategy. */
    static final String REASON_HEADER = "dead-letter-reason";
    static final String TOPIC_HEADER = "dead-letter-topic";

    private final DeadLetterRepository deadLetters;
    private final ObjectMapper mapper;

    public DeadLettersConsumer(DeadLetterRepository deadLetters, ObjectMapper mapper) {
        this.deadLetters = deadLetters;
        this.mapper = mapper;
    }

    @Incoming("dead-letters")
    @Blocking
    public void onDeadLetter(ConsumerRecord<String, String> record) {
        String reason = header(record, REASON_HEADER);
        String topic = header(record, TOPIC_HEADER);
        String payload = record.value() == null ? null : record.value().replace('\u0000', '\uFFFD');
        UUID experimentId = experimentId(mapper, payload);
        deadLetters.insert(experimentId, topic == null ? record.topic() : topic,
                reason == null ? "unknown (no " + REASON_HEADER + " header)" : reason, payload);
        LOG.warnf("dead letter from %s for experiment %s: %s", topic, experimentId, reason);
    }

    /** The payload's {@code experimentId} when it is JSON naming a UUID; null otherwise. */
    static UUID experimentId(ObjectMapper mapper, String payload) {
        if (payload == null || payload.isBlank()) {
            return null;
        }
        try {
            JsonNode id = mapper.readTree(payload).get("experimentId");
            return id != null && id.isTextual() ? UUID.fromString(id.asText()) : null;
        } catch (Exception e) {
            // Not JSON, or no usable id: the letter is still kept, just not attached to an experiment.
            return null;
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null
                : new String(header.value(), StandardCharsets.UTF_8);
    }
}
