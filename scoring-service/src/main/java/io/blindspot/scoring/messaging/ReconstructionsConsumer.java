package io.blindspot.scoring.messaging;

import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.scoring.domain.ExperimentRecord;
import io.blindspot.scoring.service.ReconstructionScoring;
import io.blindspot.scoring.service.Waits;
import io.blindspot.support.retry.Deliveries;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * The channel of reconstruction events (topic {@code blindspot.reconstructions}): each event is scored by
 * {@link ReconstructionScoring}. Runs on the {@code blindspot-scoring} worker pool, several events at a time (its
 * size in application.properties), because scoring is CPU-bound.
 *
 * <p>Failures: a transient fault (database, object store; {@link io.blindspot.support.retry.TransientFaults}) is
 * retried with backoff for up to {@code blindspot.retry.max-duration}, the whole event again (its insert ignores
 * rows already stored, its marks are idempotent), while the experiment's status says {@code waiting}
 * ({@link Waits}); then, or at once for a fault of the event itself, the event is dead-lettered
 * ({@link Deliveries}).
 */
@ApplicationScoped
public class ReconstructionsConsumer {
    private final ReconstructionScoring scoring;
    private final Deliveries deliveries;
    private final Waits waits;

    public ReconstructionsConsumer(ReconstructionScoring scoring, Deliveries deliveries, Waits waits) {
        this.scoring = scoring;
        this.deliveries = deliveries;
        this.waits = waits;
    }

    /** The channel: settles each record as {@link Deliveries} says (ack, dead letter, or hand back at shutdown). */
    @Incoming("reconstructions")
    @Blocking(value = "blindspot-scoring", ordered = false)
    public CompletionStage<Void> consume(Message<SliceReconstructed> message) {
        return deliveries.process(message, ReconstructionsConsumer::describe, e -> waits.listener(experimentId(e)),
                scoring::score);
    }

    static String describe(SliceReconstructed e) {
        return e == null || e.slice() == null || e.reconstruction() == null ? "reconstruction event"
                : "experiment " + e.experimentId() + " slice " + e.slice().volume() + "/" + e.slice().axis() + "/"
                + e.slice().index() + " sigma[" + e.reconstruction().sigmaIndex() + "..+"
                + e.reconstruction().sigmaCount() + "]";
    }

    /** The event's experiment, or null when it names none usable (the event then fails as it is). */
    static UUID experimentId(SliceReconstructed e) {
        try {
            return e == null ? null : ExperimentRecord.parseId(e.experimentId());
        } catch (IllegalArgumentException bad) {
            return null;
        }
    }
}
