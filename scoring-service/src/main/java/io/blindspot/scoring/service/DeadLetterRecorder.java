package io.blindspot.scoring.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.scoring.domain.port.DeadLetterStore;
import io.blindspot.support.retry.HandedBackException;
import io.blindspot.support.retry.Retrier;
import io.blindspot.support.retry.RetryListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * Records every consumer's dead letters so the API can report an experiment as failed, with the reasons.
 *
 * <p>Recording a letter must not depend on the resource that just failed: a letter that cannot be stored because
 * the database is down (a transient fault) is retried with backoff for as long as it takes, never given up (at
 * shutdown it is handed back, to stay in the topic uncommitted). A letter the database refuses for good (not a
 * transient fault) is stored in a short form, or logged and skipped: retrying it would block every later letter,
 * and sending it to the dead-letter topic again would loop.
 */
@ApplicationScoped
public class DeadLetterRecorder {
    private static final Logger LOG = Logger.getLogger(DeadLetterRecorder.class);
    /** Set by SmallRye's dead-letter-queue failure strategy. */
    public static final String REASON_HEADER = "dead-letter-reason";

    private final DeadLetterStore deadLetters;
    private final ObjectMapper mapper;
    private final Retrier recorder;

    /** @param retrier the service's retrier; letters are recorded with its {@link Retrier#forever()} */
    @Inject
    public DeadLetterRecorder(DeadLetterStore deadLetters, ObjectMapper mapper, Retrier retrier) {
        this(deadLetters, mapper, retrier.forever(), true);
    }

    private DeadLetterRecorder(DeadLetterStore deadLetters, ObjectMapper mapper, Retrier recorder,
                               boolean unused) {
        this.deadLetters = deadLetters;
        this.mapper = mapper;
        this.recorder = recorder;
    }

    /** @param recorder retries transient faults of the insert, as given ({@link Retrier#forever()} in the service) */
    public static DeadLetterRecorder using(DeadLetterStore deadLetters, ObjectMapper mapper, Retrier recorder) {
        return new DeadLetterRecorder(deadLetters, mapper, recorder, true);
    }

    /**
     * Stores one letter: once stored (or refused for good), true; false when it was handed back at shutdown while
     * the database was away (then it must be neither acknowledged nor skipped).
     *
     * @param origin the failed event's topic (header), null when unknown
     * @param reason why it failed (header), null when unknown
     * @param topic  the topic the letter was read from (the fallback for {@code origin})
     */
    public boolean record(String rawPayload, String origin, String reason, String topic) {
        String payload = rawPayload == null ? null : rawPayload.replace('\u0000', '\uFFFD');
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
            return false;
        } catch (RuntimeException e) {
            // Refused for good (a constraint, a value the column cannot hold): store what surely fits, so that the
            // experiment is still reported failed, with the reason cut short and without the payload.
            String shortReason = "unrecordable dead letter (" + printable(e.getMessage()) + "): " + why;
            try {
                recorder.run("dead letter of experiment " + experimentId + " (short form)", RetryListener.NONE,
                        () -> deadLetters.insert(experimentId, from == null ? "unknown" : from,
                                shortReason.substring(0, Math.min(shortReason.length(), 2000)), null));
            } catch (HandedBackException handedBack) {
                return false;
            } catch (RuntimeException again) {
                LOG.errorf("dead letter from %s for experiment %s could not be stored and is skipped: %s (reason: %s)",
                        from, experimentId, again.getMessage(), why);
                return true;
            }
            LOG.errorf("dead letter from %s for experiment %s stored without its payload: %s", from, experimentId,
                    shortReason);
            return true;
        }
        LOG.warnf("dead letter from %s for experiment %s: %s", from, experimentId, why);
        return true;
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
}
