package io.blindspot.scoring.messaging;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.Modes;
import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.contracts.store.ObjectNotFoundException;
import io.blindspot.contracts.store.ObjectStore;
import io.blindspot.scoring.domain.SliceScorer;
import io.blindspot.scoring.domain.SliceVariants;
import io.blindspot.scoring.domain.VariantScore;
import io.blindspot.scoring.repository.ResultRepository;
import io.blindspot.scoring.store.IntermediateArtefacts;
import io.blindspot.scoring.store.ReadBudget;
import io.blindspot.scoring.store.VariantsCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Scores each reconstruction (topic {@code blindspot.reconstructions}): one event is one slice and one sigma,
 * with every intensity variant; its APs are stored as one batch. Runs on the {@code blindspot-scoring} worker
 * pool, several events at a time (its size in application.properties: the cores, plus room for the events that
 * wait on the store or the database), because scoring is CPU-bound.
 *
 * <p>Timers (Micrometer, in /q/metrics): {@code blindspot.scoring.event} (the whole event),
 * {@code blindspot.scoring.read} (variants and reconstruction from the store), {@code blindspot.scoring.ap}
 * (residuals, APs and mean residuals), {@code blindspot.scoring.store} (the batch insert) and
 * {@code blindspot.scoring.cleanup} (retention of intermediate artefacts).
 */
@ApplicationScoped
public class ReconstructionsConsumer {
    private static final Logger LOG = Logger.getLogger(ReconstructionsConsumer.class);

    private final ObjectStore store;
    private final VariantsCache variants;
    private final ResultRepository results;
    private final IntermediateArtefacts artefacts;
    private final ReadBudget budget;
    private final Timer eventTimer;
    private final Timer readTimer;
    private final Timer apTimer;
    private final Timer storeTimer;
    private final Timer cleanupTimer;

    public ReconstructionsConsumer(ObjectStore store, VariantsCache variants, ResultRepository results,
                                   IntermediateArtefacts artefacts, ReadBudget budget, MeterRegistry registry) {
        this.store = store;
        this.variants = variants;
        this.results = results;
        this.artefacts = artefacts;
        this.budget = budget;
        this.eventTimer = timer(registry, "blindspot.scoring.event", "one reconstruction event, end to end");
        this.readTimer = timer(registry, "blindspot.scoring.read", "reading variants and reconstruction");
        this.apTimer = timer(registry, "blindspot.scoring.ap", "residuals, APs and mean residuals of one event");
        this.storeTimer = timer(registry, "blindspot.scoring.store", "storing one event's result rows");
        this.cleanupTimer = timer(registry, "blindspot.scoring.cleanup", "retention of intermediate artefacts");
    }

    private static Timer timer(MeterRegistry registry, String name, String description) {
        return Timer.builder(name).description(description).register(registry);
    }

    /** Any exception (missing object, shapes that disagree, bad labels) sends the event to the dead letters. */
    @Incoming("reconstructions")
    @Blocking(value = "blindspot-scoring", ordered = false)
    public void onReconstruction(SliceReconstructed event) {
        if (event == null || event.slice() == null || event.anomaly() == null || event.variants() == null
                || event.reconstruction() == null) {
            throw new IllegalArgumentException("SliceReconstructed event lacks slice, anomaly, variants or "
                    + "reconstruction");
        }
        eventTimer.record(() -> score(event));
    }

    /**
     * With retention=delete, a redelivered event finds its artefacts gone once it was scored: nothing to do.
     * Otherwise the missing object is an error (dead letter).
     */
    private void rethrowUnlessScored(SliceReconstructed event, ObjectNotFoundException missing) {
        if (!artefacts.alreadyScored(event)) {
            throw missing;
        }
        LOG.debugf("experiment %s slice %d sigma[%d]: already scored, artefacts deleted", event.experimentId(),
                event.slice().index(), event.reconstruction().sigmaIndex());
    }

    private void score(SliceReconstructed event) {
        long t0 = System.nanoTime();
        long plane = (long) event.slice().rows() * event.slice().cols();
        long stackElements = (long) event.variants().count() * plane;
        boolean perVariant = Modes.ANOMAL_REC.equals(event.reconstruction().mode());
        List<VariantScore> scores;
        long t1;
        long t2;
        SliceVariants slice;
        try {
            // A miss reserves the stack's bytes of the read budget while it loads (inside the cache).
            slice = variants.get(event.variants(), stackElements);
        } catch (ObjectNotFoundException e) {
            rethrowUnlessScored(event, e);
            return;
        }
        // Then the reconstruction's arrays count against the budget until the event's scores are computed. Never
        // both reservations at once: events holding one while waiting for the other could starve each other.
        try (ReadBudget.Reservation ignored = budget.reserve(ReadBudget.bytesOf(perVariant ? stackElements : plane))) {
            FloatArray reconstruction;
            try {
                reconstruction = store.getArray(event.reconstruction().key());
            } catch (ObjectNotFoundException e) {
                rethrowUnlessScored(event, e);
            return;
            }
            t1 = System.nanoTime();
            scores = SliceScorer.score(slice, reconstruction, event.reconstruction().mode());
            t2 = System.nanoTime();
        }
        results.insert(ResultRows.of(event, scores));
        long t3 = System.nanoTime();
        try {
            artefacts.afterStored(event);
        } catch (RuntimeException e) {
            // The results are stored: an artefact left behind costs space, not correctness, so no dead letter.
            LOG.warnf("experiment %s slice %d sigma[%d]: intermediate artefacts not cleaned up: %s",
                    event.experimentId(), event.slice().index(), event.reconstruction().sigmaIndex(), e.getMessage());
        }
        long t4 = System.nanoTime();
        readTimer.record(t1 - t0, TimeUnit.NANOSECONDS);
        apTimer.record(t2 - t1, TimeUnit.NANOSECONDS);
        storeTimer.record(t3 - t2, TimeUnit.NANOSECONDS);
        cleanupTimer.record(t4 - t3, TimeUnit.NANOSECONDS);
        LOG.debugf("experiment %s slice %d sigma[%d]=%s: %d APs stored", event.experimentId(),
                event.slice().index(), event.reconstruction().sigmaIndex(), event.reconstruction().sigma(),
                scores.size());
    }
}
