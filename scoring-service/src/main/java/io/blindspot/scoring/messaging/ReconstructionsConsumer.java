package io.blindspot.scoring.messaging;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.Modes;
import io.blindspot.contracts.events.ReconstructionRef;
import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.contracts.store.ObjectNotFoundException;
import io.blindspot.contracts.store.ObjectStore;
import io.blindspot.scoring.domain.SliceVariants;
import io.blindspot.scoring.repository.ResultRepository;
import io.blindspot.scoring.repository.ResultRow;
import io.blindspot.scoring.store.IntermediateArtefacts;
import io.blindspot.scoring.store.ReadBudget;
import io.blindspot.scoring.store.VariantsCache;
import io.blindspot.scoring.status.Waits;
import io.blindspot.support.retry.Deliveries;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Scores each reconstruction event (topic {@code blindspot.reconstructions}): one event is one slice and a block of
 * consecutive sigmas (all 100 of the paper's grid in normal-rec; a single sigma from older producers), with every
 * intensity variant; the APs of all its sigmas are stored as one insert. Runs on the {@code blindspot-scoring}
 * worker pool, several events at a time (its size in application.properties), because scoring is CPU-bound.
 *
 * <p>The sigmas of one block are scored in parallel ({@code blindspot.scoring.parallel-sigmas}, default on; on
 * the common fork-join pool, the worker taking part): with 30 blocks of 100 sigmas for a whole experiment, the
 * last block of a run (~0.5 s of scoring) would otherwise keep one core busy and the other idle, and while many
 * events are in flight the workers keep the cores busy anyway (the pool's one thread per spare core then only
 * helps the block it steals from).
 *
 * <p>Compute slots ({@code blindspot.scoring.compute-slots}, default 1): how many events score at the same time;
 * the others read their artefacts meanwhile and wait. One block's sigmas already fill every core (above), and
 * more blocks at once only time-slice the cores among more threads, each evicting the others' sorted negatives
 * from the caches the AP look-ups live in.
 *
 * <p>Timers (Micrometer, in /q/metrics): {@code blindspot.scoring.event} (the whole event),
 * {@code blindspot.scoring.read} (variants and reconstruction from the store), {@code blindspot.scoring.ap}
 * (residuals, APs and mean residuals of every sigma of the event), {@code blindspot.scoring.store} (the insert of
 * the event's rows) and {@code blindspot.scoring.cleanup} (retention of intermediate artefacts); the counter
 * {@code blindspot.scoring.sigmas} counts the scored sigmas (events × their sigmas), so the timers' totals can
 * be read per sigma.
 *
 * <p>Failures: a transient fault (database, object store; {@link io.blindspot.support.retry.TransientFaults}) is
 * retried with backoff for up to {@code blindspot.retry.max-duration}, the whole event again (its insert ignores
 * rows already stored, its marks are idempotent), while the experiment's status says {@code waiting}
 * ({@link Waits}); then, or at once for a fault of the event itself, the event is dead-lettered
 * ({@link Deliveries}).
 */
@ApplicationScoped
public class ReconstructionsConsumer {
    private static final Logger LOG = Logger.getLogger(ReconstructionsConsumer.class);

    private final ObjectStore store;
    private final VariantsCache variants;
    private final ResultRepository results;
    private final IntermediateArtefacts artefacts;
    private final ReadBudget budget;
    private final boolean parallelSigmas;
    private final java.util.concurrent.Semaphore computeSlots;
    private final Timer eventTimer;
    private final Timer readTimer;
    private final Timer apTimer;
    private final Timer storeTimer;
    private final Timer cleanupTimer;
    private final Counter sigmaCounter;
    private final Deliveries deliveries;
    private final Waits waits;

    public ReconstructionsConsumer(ObjectStore store, VariantsCache variants, ResultRepository results,
                                   IntermediateArtefacts artefacts, ReadBudget budget, MeterRegistry registry,
                                   @ConfigProperty(name = "blindspot.scoring.parallel-sigmas", defaultValue = "true")
                                   boolean parallelSigmas,
                                   @ConfigProperty(name = "blindspot.scoring.compute-slots", defaultValue = "1")
                                   int computeSlots, Deliveries deliveries, Waits waits) {
        this.deliveries = deliveries;
        this.waits = waits;
        if (computeSlots < 1) {
            throw new IllegalArgumentException("blindspot.scoring.compute-slots must be at least 1, got "
                    + computeSlots);
        }
        this.computeSlots = new java.util.concurrent.Semaphore(computeSlots);
        this.store = store;
        this.variants = variants;
        this.results = results;
        this.artefacts = artefacts;
        this.budget = budget;
        this.parallelSigmas = parallelSigmas;
        this.eventTimer = timer(registry, "blindspot.scoring.event", "one reconstruction event, end to end");
        this.readTimer = timer(registry, "blindspot.scoring.read", "reading variants and reconstruction");
        this.apTimer = timer(registry, "blindspot.scoring.ap",
                "residuals, APs and mean residuals of every sigma of one event");
        this.storeTimer = timer(registry, "blindspot.scoring.store", "storing one event's result rows");
        this.cleanupTimer = timer(registry, "blindspot.scoring.cleanup", "retention of intermediate artefacts");
        this.sigmaCounter = Counter.builder("blindspot.scoring.sigmas")
                .description("sigmas scored (an event holds one or a block of them)").register(registry);
    }

    private static Timer timer(MeterRegistry registry, String name, String description) {
        return Timer.builder(name).description(description).register(registry);
    }

    /** The channel: settles each record as {@link Deliveries} says (ack, dead letter, or hand back at shutdown). */
    @Incoming("reconstructions")
    @Blocking(value = "blindspot-scoring", ordered = false)
    public CompletionStage<Void> consume(Message<SliceReconstructed> message) {
        return deliveries.process(message, ReconstructionsConsumer::describe, e -> waits.listener(experimentId(e)),
                this::onReconstruction);
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
            return e == null ? null : io.blindspot.scoring.repository.ExperimentRecord.parseId(e.experimentId());
        } catch (IllegalArgumentException bad) {
            return null;
        }
    }

    /** One event, once: any exception (missing object, shapes that disagree, bad labels) is thrown. */
    public void onReconstruction(SliceReconstructed event) {
        if (event == null || event.slice() == null || event.anomaly() == null || event.variants() == null
                || event.reconstruction() == null) {
            throw new IllegalArgumentException("SliceReconstructed event lacks slice, anomaly, variants or "
                    + "reconstruction");
        }
        eventTimer.record(() -> score(event));
    }

    /**
     * With retention=delete, a redelivered event finds its artefacts gone once it was scored (every sigma of its
     * block): nothing to do. Otherwise the missing object is an error (dead letter).
     */
    private void rethrowUnlessScored(SliceReconstructed event, ObjectNotFoundException missing) {
        if (!artefacts.alreadyScored(event)) {
            throw missing;
        }
        LOG.debugf("experiment %s slice %d sigma[%d..+%d]: already scored, artefacts deleted", event.experimentId(),
                event.slice().index(), event.reconstruction().sigmaIndex(), event.reconstruction().sigmaCount());
    }

    private void score(SliceReconstructed event) {
        long t0 = System.nanoTime();
        ReconstructionRef ref = event.reconstruction();
        long plane = (long) event.slice().rows() * event.slice().cols();
        boolean perVariant = Modes.ANOMAL_REC.equals(ref.mode());
        List<ResultRow> rows;
        long t1;
        long t2;
        SliceVariants slice;
        try {
            // A miss reserves the read budget while it loads (inside the cache).
            slice = variants.get(event.variants(), plane);
        } catch (ObjectNotFoundException e) {
            rethrowUnlessScored(event, e);
            return;
        }
        // Then the reconstructions of the whole block count against the budget until the event's scores are
        // computed. Never both reservations at once: events holding one while waiting for the other could starve
        // each other.
        long perSigma = perVariant ? (long) event.variants().count() * plane : plane;
        try (ReadBudget.Reservation ignored = budget.reserve(ReadBudget.bytesOf(perSigma * ref.sigmaCount()))) {
            FloatArray reconstruction;
            try {
                reconstruction = store.getArray(ref.key());
            } catch (ObjectNotFoundException e) {
                rethrowUnlessScored(event, e);
                return;
            }
            computeSlots.acquireUninterruptibly();
            try {
                t1 = System.nanoTime();
                rows = BlockScorer.score(event, slice, reconstruction, parallelSigmas);
                t2 = System.nanoTime();
            } finally {
                computeSlots.release();
            }
        }
        results.insert(rows);
        long t3 = System.nanoTime();
        try {
            artefacts.afterStored(event);
        } catch (RuntimeException e) {
            // The results are stored: an artefact left behind costs space, not correctness, so no dead letter.
            LOG.warnf("experiment %s slice %d sigma[%d..+%d]: intermediate artefacts not cleaned up: %s",
                    event.experimentId(), event.slice().index(), ref.sigmaIndex(), ref.sigmaCount(), e.getMessage());
        }
        long t4 = System.nanoTime();
        readTimer.record(t1 - t0, TimeUnit.NANOSECONDS);
        apTimer.record(t2 - t1, TimeUnit.NANOSECONDS);
        storeTimer.record(t3 - t2, TimeUnit.NANOSECONDS);
        cleanupTimer.record(t4 - t3, TimeUnit.NANOSECONDS);
        sigmaCounter.increment(ref.sigmaCount());
        LOG.debugf("experiment %s slice %d sigma[%d..+%d]: %d APs stored", event.experimentId(),
                event.slice().index(), ref.sigmaIndex(), ref.sigmaCount(), rows.size());
    }
}
