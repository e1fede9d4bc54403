package io.blindspot.scoring.service;

import io.blindspot.contracts.events.ReconstructionRef;
import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.contracts.events.VariantsRef;
import io.blindspot.scoring.config.ScoringConfig;
import io.blindspot.scoring.domain.ExperimentRecord;
import io.blindspot.scoring.domain.Retention;
import io.blindspot.scoring.domain.port.ArtefactStore;
import io.blindspot.scoring.domain.port.ExperimentStore;
import io.blindspot.scoring.domain.port.ScoredMarks;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Applies {@link Retention} ({@code blindspot.retention.intermediates}, default {@code delete}) after each
 * event's results are stored: deletes the event's reconstruction (one sigma or a block) and, once every sigma of
 * the slice is scored, the slice's anomalous variants (the stack, or the compact form's plane and label values;
 * also dropping them from {@link VariantsCache}). Image and label stay.
 *
 * <p>The scored-sigma marks (all of a block's sigmas in one statement) are written before the event returns (a redelivery must find it); the deletes are
 * queued and sent by one background thread in multi-object requests (up to 1,000 keys each), so that a scoring
 * worker never waits on them and the store gets a few dozen requests per experiment instead of one per event.
 * A failed delete is
 * logged, not thrown: the results are stored, and an artefact left behind costs space, not correctness.
 *
 * <p>At shutdown (SIGTERM) the queue is drained, not dropped: the deleter finishes its batch, then whatever is
 * still queued is deleted before the service exits, for at most {@code blindspot.retention.drain-timeout}
 * (default 10 s; a few requests of up to 1,000 keys each normally take well under a second). Only a kill -9 (or a
 * store unreachable during the drain) loses queued deletes, at most the last moment's: those objects stay in the
 * store (space, not correctness; running the experiment's cleanup again is not needed for its results). A sweep
 * at start that lists every finished experiment's prefixes was considered and not built: it costs a listing of
 * the whole store per start to recover what a kill -9 leaves, a few objects.
 */
@ApplicationScoped
public class IntermediateArtefacts {
    private static final Logger LOG = Logger.getLogger(IntermediateArtefacts.class);

    private static final String LABEL_VALUES = "label-values.npy";

    private final Retention retention;
    private final ArtefactStore store;
    private final ScoredMarks scored;
    private final ExperimentStore experiments;
    private final VariantsCache cache;
    private final Map<UUID, Integer> sigmaCounts = new ConcurrentHashMap<>();
    private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
    private final Thread deleter;
    private final java.time.Duration drainTimeout;
    private volatile boolean running = true;

    @Inject
    public IntermediateArtefacts(ScoringConfig.Retention config, ArtefactStore store, ScoredMarks scored,
                                 ExperimentStore experiments, VariantsCache cache) {
        this(config.intermediates(), store, scored, experiments, cache, config.drainTimeout());
    }

    /**
     * @param retention    {@code blindspot.retention.intermediates}
     * @param drainTimeout {@code blindspot.retention.drain-timeout}
     */
    public IntermediateArtefacts(String retention, ArtefactStore store, ScoredMarks scored,
                                 ExperimentStore experiments, VariantsCache cache, java.time.Duration drainTimeout) {
        this.drainTimeout = drainTimeout;
        this.retention = Retention.parse(retention);
        this.store = store;
        this.scored = scored;
        this.experiments = experiments;
        this.cache = cache;
        LOG.infof("intermediate artefacts: %s", this.retention.name().toLowerCase());
        this.deleter = new Thread(this::deleteQueued, "blindspot-retention");
        deleter.setDaemon(true);
        if (this.retention == Retention.DELETE) {
            deleter.start();
        }
    }

    /**
     * Called by the container after the channels stopped: lets the deleter finish its batch, then deletes what is
     * still queued, for at most the drain time-out.
     */
    @PreDestroy
    void stop() {
        running = false;
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        try {
            deleter.join(Math.max(1, drainTimeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int drained = 0;
        List<String> batch = new ArrayList<>(ArtefactStore.DELETE_BATCH);
        while (!pending.isEmpty() && System.nanoTime() < deadline && !deleter.isAlive()) {
            pending.drainTo(batch, ArtefactStore.DELETE_BATCH);
            delete(batch);
            drained += batch.size();
            batch.clear();
        }
        if (!pending.isEmpty()) {
            LOG.warnf("%d queued deletes not done at shutdown (they stay in the store)", pending.size());
        } else if (drained > 0) {
            LOG.infof("deleted %d queued intermediate artefacts at shutdown", drained);
        }
    }

    /** Queues keys for the background deleter. */
    void queue(List<String> keys) {
        pending.addAll(keys);
    }

    /** Keys queued for deletion and not yet sent (tests). */
    int queued() {
        return pending.size();
    }

    public Retention retention() {
        return retention;
    }

    /** Called once the event's results are stored (every sigma of its block). */
    public void afterStored(SliceReconstructed event) {
        afterStored(event, false);
    }

    /**
     * {@link #afterStored(SliceReconstructed)}, or, with {@code keepForStage} (the experiment needs the
     * aggregation stage, or is not registered yet: {@link AggregationStage#keepFor}), only the scored marks: the
     * artefacts stay until {@link #afterAggregated}.
     */
    public void afterStored(SliceReconstructed event, boolean keepForStage) {
        if (retention == Retention.KEEP) {
            return;
        }
        ReconstructionRef reconstruction = event.reconstruction();
        String anomalousKey = event.variants().anomalousKey();
        int done = scored.markAndCount(anomalousKey, reconstruction.reconstructor(), reconstruction.mode(),
                reconstruction.sigmaIndex(), reconstruction.sigmaCount());
        if (keepForStage) {
            return;
        }
        Integer total = sigmas(event.experimentId());
        List<String> keys = retention.toDelete(reconstruction.key(), variantsKeys(event.variants()), done, total);
        queue(keys);
        if (keys.contains(anomalousKey)) {
            cache.evict(event.variants());
            LOG.debugf("slice %s: all %d sigmas scored, variants deleted", anomalousKey, done);
        }
    }

    /**
     * Called when the experiment is registered (every time its event is delivered). A slice whose events were all
     * scored before the registration (the two topics race) found no sigma count then and kept its variants: they
     * are deleted now, from the scored-sigma marks, which outlive a restart. Idempotent; deleting an object that
     * is gone is a no-op.
     */
    public void registered(UUID experimentId, int sigmas) {
        registered(experimentId, sigmas, false);
    }

    /**
     * {@link #registered(UUID, int)}; with {@code keepForStage} (the spec needs the aggregation stage) nothing is
     * deleted: the stage deletes what it read once it has stored its values ({@link #afterAggregated}).
     */
    public void registered(UUID experimentId, int sigmas, boolean keepForStage) {
        if (retention == Retention.KEEP || keepForStage) {
            return;
        }
        sigmaCounts.put(experimentId, sigmas);
        List<String> keys = new ArrayList<>();
        for (String anomalousKey : scored.completeSlices("experiments/" + experimentId + "/", sigmas)) {
            keys.addAll(variantsKeys(anomalousKey));
        }
        if (!keys.isEmpty()) {
            LOG.infof("experiment %s: %d slices scored before its registration, their variants deleted now",
                    experimentId, keys.size() / 2);
            queue(keys);
        }
    }

    /**
     * Called once the aggregation stage has stored its values (or at registration, for the events kept while the
     * experiment was unknown and that turn out not to need it): deletes every given event's reconstruction and
     * the variants of their slices, whose every sigma is scored (the stage runs only on a complete experiment; at
     * registration only when {@code slicesComplete} … is not known, so then the variants follow the marks).
     */
    public void afterAggregated(List<SliceReconstructed> events, boolean slicesComplete) {
        if (retention == Retention.KEEP) {
            return;
        }
        List<String> keys = new ArrayList<>();
        java.util.Set<String> slices = new java.util.LinkedHashSet<>();
        for (SliceReconstructed e : events) {
            keys.add(e.reconstruction().key());
            if (slices.add(e.variants().anomalousKey())) {
                Integer total = slicesComplete ? null : sigmas(e.experimentId());
                boolean complete = slicesComplete || (total != null && scored.markAndCount(
                        e.variants().anomalousKey(), e.reconstruction().reconstructor(), e.reconstruction().mode(),
                        e.reconstruction().sigmaIndex(), e.reconstruction().sigmaCount()) >= total);
                if (complete) {
                    keys.addAll(variantsKeys(e.variants()));
                    cache.evict(e.variants());
                }
            }
        }
        queue(keys);
    }

    /**
     * The objects a slice's variants may have, from the anomalous key alone: it and the compact form's label
     * values beside it (absent in the full form, where deleting it is a no-op).
     */
    static List<String> variantsKeys(String anomalousKey) {
        return List.of(anomalousKey, anomalousKey.substring(0, anomalousKey.lastIndexOf('/') + 1) + LABEL_VALUES);
    }

    /** The objects of a slice's variants: the stack, or the compact form's plane and label values. */
    static List<String> variantsKeys(VariantsRef variants) {
        return variants.compact() ? List.of(variants.anomalousKey(), variants.labelValuesKey())
                : List.of(variants.anomalousKey());
    }

    /**
     * Whether an event whose artefacts are missing was scored before (a redelivery after their deletion): every
     * sigma of its block is marked. Then there is nothing left to do. Always false with {@code keep}, where a
     * missing artefact is an error.
     */
    public boolean alreadyScored(SliceReconstructed event) {
        ReconstructionRef reconstruction = event.reconstruction();
        return retention == Retention.DELETE && scored.isScored(event.variants().anomalousKey(),
                reconstruction.reconstructor(), reconstruction.mode(), reconstruction.sigmaIndex(),
                reconstruction.sigmaCount());
    }

    /** The experiment's number of sigmas, or null while it is not registered (then the variants stay). */
    private Integer sigmas(String experimentId) {
        UUID id = ExperimentRecord.parseId(experimentId);
        Integer known = sigmaCounts.get(id);
        if (known != null) {
            return known;
        }
        Integer count = experiments.find(id).map(e -> e.sigmas().length).orElse(null);
        if (count != null) {
            sigmaCounts.put(id, count);
        }
        return count;
    }

    /** The background thread: waits for keys, then deletes everything queued so far in batches. */
    private void deleteQueued() {
        List<String> batch = new ArrayList<>(ArtefactStore.DELETE_BATCH);
        while (running) {
            try {
                // a bounded wait, so that the loop sees a stop within 200 ms (and is never interrupted mid-request)
                String key = pending.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (key == null) {
                    continue;
                }
                batch.add(key);
            } catch (InterruptedException e) {
                return;
            }
            pending.drainTo(batch, ArtefactStore.DELETE_BATCH - 1);
            delete(batch);
            batch.clear();
        }
    }

    private void delete(List<String> keys) {
        try {
            for (String failure : store.deleteAll(keys)) {
                LOG.warnf("could not delete an object (it stays in the store): %s", failure);
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not delete %d objects (they stay in the store): %s", keys.size(), e.getMessage());
        }
    }
}
