package io.blindspot.scoring.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.scoring.repository.DeadLetterRepository;
import io.blindspot.support.retry.Deliveries;
import io.blindspot.support.retry.HandedBackException;
import io.blindspot.support.retry.Retrier;
import io.blindspot.support.retry.RetryListener;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Records every consumer's dead letters (topic {@code blindspot.dead-letters}, read as raw strings) so the API
 * can report an experiment as failed, with the reasons.
 *
 * <p>Recording a letter must not depend on the resource that just failed: a letter that cannot be stored because
 * the database is down (a transient fault) is retried with backoff for as long as it takes, never given up; it
 * stays in the topic, its offset not committed, until it is stored (at shutdown it is handed back, still
 * uncommitted). Only this channel waits meanwhile (its own consumer group, one letter at a time); the others go on.
 * A letter the database refuses for good (not a transient fault) is logged and skipped: retrying it would block
 * every later letter, and sending it to the dead-letter topic again would loop.
 */
@ApplicationScoped
public class DeadLettersConsumer {
    private static final Logger LOG = Logger.getLogger(DeadLettersConsumer.class);
    /** Set by SmallRye's dead-letter-queue failure strategy. */
    static final String REASON_HEADER = "dead-letter-reason";
    static final String TOPIC_HEADER = "dead-letter-topic";

    private final DeadLetterRepository deadLetters;
    private final ObjectMapper mapper;
    private final Retrier recorder;

    @Inject
    public DeadLettersConsumer(DeadLetterRepository deadLetters, ObjectMapper mapper, Deliveries deliveries) {
        this(deadLetters, mapper, deliveries.retrier().forever());
    }

    /** @param recorder retries transient faults of the insert; {@link Retrier#forever()} in the service */
    DeadLettersConsumer(DeadLetterRepository deadLetters, ObjectMapper mapper, Retrier recorder) {
        this.deadLetters = deadLetters;
        this.mapper = mapper;
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
        String payload = message.getPayload() == null ? null : message.getPayload().replace('\u0000', '\uFFFD');
        UUID experimentId = experimentId(mapper, payload);
        // PostgreSQL's text refuses NUL: every field is cleaned, or a letter whose reason carries one is refused.
        String from = printable(origin == null ? topic : origin);
        String why = printable(reason == null ? "unknown (no " + REASON_HEADER + " header)" : reason);
        try {
            recorder.run("dead letter of experiment " + experimentId, RetryListener.NONE,
                    () -> deadLetters.insert(experimentId, from, why, payload));
        } catch (HandedBackException e) {
            LOG.infof("dead letter of experiment %s not stored yet; left in the topic: %s", experimentId,
                    e.getMessage());
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            // Refused for good (a constraint, a value the column cannot hold): store what surely fits, so that the
            // experiment is still reported failed, with the reason cut short and without the payload.
            String shortReason = "unrecordable dead letter (" + printable(e.getMessage()) + "): " + why;
            try {
                recorder.run("dead letter of experiment " + experimentId + " (short form)", RetryListener.NONE,
                        () -> deadLetters.insert(experimentId, from == null ? "unknown" : from,
                                shortReason.substring(0, Math.min(shortReason.length(), 2000)), null));
            } catch (HandedBackException handedBack) {
                return CompletableFuture.completedFuture(null);
            } catch (RuntimeException again) {
                LOG.errorf("dead letter from %s for experiment %s could not be stored and is skipped: %s (reason: %s)",
                        from, experimentId, again.getMessage(), why);
                return message.ack();
            }
            LOG.errorf("dead letter from %s for experiment %s stored without its payload: %s", from, experimentId,
                    shortReason);
            return message.ack();
        }
        LOG.warnf("dead letter from %s for experiment %s: %s", from, experimentId, why);
        return message.ack();
    }

    private static String printable(String s) {
        return s == null ? null : s.replace('\u0000', '\uFFFD');
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

    private static String header(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? null
                : new String(header.value(), StandardCharsets.UTF_8);
    }
}
