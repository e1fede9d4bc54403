package io.blindspot.scoring.service;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.Metrics;
import io.blindspot.contracts.events.Modes;
import io.blindspot.contracts.events.ReconstructionRef;
import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.contracts.store.ObjectNotFoundException;
import io.blindspot.scoring.config.ScoringConfig;
import io.blindspot.scoring.domain.ResultRow;
import io.blindspot.scoring.domain.SliceScoreRow;
import io.blindspot.scoring.domain.SliceVariants;
import io.blindspot.scoring.domain.port.ArtefactStore;
import io.blindspot.scoring.domain.port.ResultStore;
import io.blindspot.scoring.domain.port.SliceScoreStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The scoring of one reconstruction event: one slice and a block of consecutive sigmas (all 100 of the paper's
 * grid in normal-rec; a single sigma from older producers), with every intensity variant; the APs of all its sigmas
 * are stored as one insert, then the retention of intermediate artefacts is applied.
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
 * <p>Failures are thrown: the messaging adapter decides between retry and dead letter.
 */
@ApplicationScoped
public class ReconstructionScoring {
    private static final Logger LOG = Logger.getLogger(ReconstructionScoring.class);

    private final ArtefactStore store;
    private final VariantsCache variants;
    private final ResultStore results;
    /**
     * The image-level metrics' slice scores. Field-injected, so that the constructors (tests build this class with
     * them, and other work changes them) stay as they are; null in tests that never ask for image-level metrics.
     */
    @Inject
    SliceScoreStore sliceScores;
    private final IntermediateArtefacts artefacts;
    private final ReadBudget budget;
    /** The aggregation stage (issue 14); null in tests of scoring alone. */
    private final AggregationStage stage;
    private final boolean parallelSigmas;
    private final Semaphore computeSlots;
    private final Timer eventTimer;
    private final Timer readTimer;
    private final Timer apTimer;
    private final Timer storeTimer;
    private final Timer cleanupTimer;
    private final Counter sigmaCounter;

    @Inject
    public ReconstructionScoring(ArtefactStore store, VariantsCache variants, ResultStore results,
                                 IntermediateArtefacts artefacts, ReadBudget budget, MeterRegistry registry,
                                 ScoringConfig config, AggregationStage stage) {
        this(store, variants, results, artefacts, budget, registry, config.parallelSigmas(), config.computeSlots(),
                stage);
    }

    public ReconstructionScoring(ArtefactStore store, VariantsCache variants, ResultStore results,
                                 IntermediateArtefacts artefacts, ReadBudget budget, MeterRegistry registry,
                                 boolean parallelSigmas, int computeSlots) {
        this(store, variants, results, artefacts, budget, registry, parallelSigmas, computeSlots, null);
    }

    /**
     * @param parallelSigmas {@code blindspot.scoring.parallel-sigmas}
     * @param computeSlots   {@code blindspot.scoring.compute-slots}
     */
    public ReconstructionScoring(ArtefactStore store, VariantsCache variants, ResultStore results,
                                 IntermediateArtefacts artefacts, ReadBudget budget, MeterRegistry registry,
                                 boolean parallelSigmas, int computeSlots, AggregationStage stage) {
        this.stage = stage;
        if (computeSlots < 1) {
            throw new IllegalArgumentException("blindspot.scoring.compute-slots must be at least 1, got "
                    + computeSlots);
        }
        this.computeSlots = new Semaphore(computeSlots);
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

    /** One event, once: any exception (missing object, shapes that disagree, bad labels) is thrown. */
    public void score(SliceReconstructed event) {
        if (event == null || event.slice() == null || event.anomaly() == null || event.variants() == null
                || event.reconstruction() == null) {
            throw new IllegalArgumentException("SliceReconstructed event lacks slice, anomaly, variants or "
                    + "reconstruction");
        }
        eventTimer.record(() -> scoreValid(event));
    }

    /** The rows of an event and when its reads ended and its scores were computed (System.nanoTime). */
    private record Scored(List<ResultRow> rows, List<SliceScoreRow> sliceScores, long read, long computed) {
    }

    private void scoreValid(SliceReconstructed event) {
        long t0 = System.nanoTime();
        ReconstructionRef ref = event.reconstruction();
        Scored scored;
        try {
            scored = readAndCompute(event);
        } catch (ObjectNotFoundException missing) {
            // With retention=delete, a redelivered event finds its artefacts gone once it was scored (every sigma
            // of its block): nothing to do. Otherwise the missing object is an error (dead letter).
            if (!artefacts.alreadyScored(event)) {
                throw missing;
            }
            LOG.debugf("experiment %s slice %d sigma[%d..+%d]: already scored, artefacts deleted",
                    event.experimentId(), event.slice().index(), ref.sigmaIndex(), ref.sigmaCount());
            return;
        }
        long t1 = scored.read();
        long t2 = scored.computed();
        List<ResultRow> rows = scored.rows();
        if (!scored.sliceScores().isEmpty()) {
            // Before the results rows: once an event's results are stored (the progress that makes an experiment
            // done), so are its slice scores; a failure in between redoes the whole event, idempotently.
            sliceScores.insert(scored.sliceScores());
        }
        // The aggregation stage's input is recorded before the rows that count towards completion: otherwise
        // another event could complete the experiment and start the stage between this event's insert and its
        // record, and the stage would miss it. Idempotent: a retried event records it again harmlessly.
        boolean keep = stage != null && stage.keepFor(event);
        results.insert(rows);
        long t3 = System.nanoTime();
        try {
            artefacts.afterStored(event, keep);
        } catch (RuntimeException e) {
            // The results are stored: an artefact left behind costs space, not correctness, so no dead letter.
            LOG.warnf("experiment %s slice %d sigma[%d..+%d]: intermediate artefacts not cleaned up: %s",
                    event.experimentId(), event.slice().index(), ref.sigmaIndex(), ref.sigmaCount(), e.getMessage());
        }
        if (stage != null) {
            stage.afterStored(event);
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

    /**
     * The normal slice, the lesion-free copy whose slice scores the image-level metrics rank against the anomalous
     * ones ({@link io.blindspot.scoring.domain.SliceScores}), when the event asks for one in normal-rec (ingest
     * refuses them in anomal-rec); null otherwise. One [rows, cols] plane per event, kept by retention for the
     * figures.
     */
    private float[] lesionFreeSlice(SliceReconstructed event) {
        if (!Metrics.anyImageLevel(event.metrics()) || !Modes.NORMAL_REC.equals(event.reconstruction().mode())) {
            return null;
        }
        if (sliceScores == null) {
            throw new IllegalStateException("image-level metrics asked for, but no slice-score store is configured");
        }
        return NormalSlices.read(store, event);
    }

    /**
     * Reads the slice's variants and the block's reconstruction and scores every sigma.
     *
     * @throws ObjectNotFoundException when the variants or the reconstruction are not in the store
     */
    private Scored readAndCompute(SliceReconstructed event) {
        ReconstructionRef ref = event.reconstruction();
        long plane = (long) event.slice().rows() * event.slice().cols();
        boolean perVariant = Modes.ANOMAL_REC.equals(ref.mode());
        // A miss reserves the read budget while it loads (inside the cache).
        SliceVariants slice = variants.get(event.variants(), plane);
        // Then the reconstructions of the whole block count against the budget until the event's scores are
        // computed. Never both reservations at once: events holding one while waiting for the other could starve
        // each other.
        long perSigma = perVariant ? (long) event.variants().count() * plane : plane;
        try (ReadBudget.Reservation ignored = budget.reserve(ReadBudget.bytesOf(perSigma * ref.sigmaCount()))) {
            FloatArray reconstruction = store.get(ref.key());
            float[] image = lesionFreeSlice(event);
            computeSlots.acquireUninterruptibly();
            try {
                long t1 = System.nanoTime();
                List<SliceScoreRow> scores = new ArrayList<>();
                List<ResultRow> rows = BlockScorer.score(event, slice, reconstruction, parallelSigmas, image, scores);
                return new Scored(rows, scores, t1, System.nanoTime());
            } finally {
                computeSlots.release();
            }
        }
    }
}
