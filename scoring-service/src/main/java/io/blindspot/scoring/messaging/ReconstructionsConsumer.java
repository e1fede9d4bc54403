package io.blindspot.scoring.messaging;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.contracts.store.ObjectStore;
import io.blindspot.scoring.domain.SliceScorer;
import io.blindspot.scoring.domain.VariantScore;
import io.blindspot.scoring.repository.ResultRepository;
import io.blindspot.scoring.store.VariantsCache;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Scores each reconstruction (topic {@code blindspot.reconstructions}): one event is one slice and one sigma,
 * with every intensity variant; its APs are stored as one batch. Runs on worker threads, several events at a
 * time, because scoring is CPU-bound (sorting residuals: in normal-rec the background once per event plus each
 * variant's label pixels, in anomal-rec every pixel of every variant).
 */
@ApplicationScoped
public class ReconstructionsConsumer {
    private static final Logger LOG = Logger.getLogger(ReconstructionsConsumer.class);

    private final ObjectStore store;
    private final VariantsCache variants;
    private final ResultRepository results;

    public ReconstructionsConsumer(ObjectStore store, VariantsCache variants, ResultRepository results) {
        this.store = store;
        this.variants = variants;
        this.results = results;
    }

    /** Any exception (missing object, shapes that disagree, bad labels) sends the event to the dead letters. */
    @Incoming("reconstructions")
    @Blocking(ordered = false)
    public void onReconstruction(SliceReconstructed event) {
        if (event == null || event.slice() == null || event.anomaly() == null || event.variants() == null
                || event.reconstruction() == null) {
            throw new IllegalArgumentException("SliceReconstructed event lacks slice, anomaly, variants or "
                    + "reconstruction");
        }
        VariantsCache.Variants slice = variants.get(event.variants());
        FloatArray reconstruction = store.getArray(event.reconstruction().key());
        List<VariantScore> scores = SliceScorer.score(slice.anomalous(), slice.label(), reconstruction,
                event.reconstruction().mode());
        results.insert(ResultRows.of(event, scores));
        LOG.debugf("experiment %s slice %d sigma[%d]=%s: %d APs stored", event.experimentId(),
                event.slice().index(), event.reconstruction().sigmaIndex(), event.reconstruction().sigma(),
                scores.size());
    }
}
