package io.blindspot.ingest.service;

import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.ExperimentSubmitted;
import io.blindspot.contracts.events.SliceIngested;
import io.blindspot.contracts.store.ObjectStore;
import io.blindspot.ingest.domain.DatasetSource;
import io.blindspot.ingest.domain.SlicePlan;
import io.blindspot.ingest.domain.SpecParser;
import io.blindspot.ingest.domain.SpecReader;
import io.blindspot.ingest.domain.Volume;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Accepts an experiment: every check that can fail because of the request happens before anything is written,
 * then the slices go to the object store, then {@code ExperimentSubmitted} (so scoring knows what to expect)
 * and finally one {@code SliceIngested} per slice.
 */
@ApplicationScoped
public class ExperimentService {
    private static final Logger LOG = Logger.getLogger(ExperimentService.class);

    private final VolumeResolver volumes;
    private final ObjectStore store;
    private final ExperimentEvents events;

    public ExperimentService(VolumeResolver volumes, ObjectStore store, ExperimentEvents events) {
        this.volumes = volumes;
        this.store = store;
        this.events = events;
    }

    /** The answer to a submission. */
    public record Accepted(String id, String name, long expected, int slices) {
    }

    public Accepted submit(String body, SpecReader.Format format) {
        ExperimentSpec spec = SpecParser.parse(SpecReader.read(body, format));
        Volume volume = volumes.normalised(DatasetSource.parse(spec.dataset().source()));
        SpecParser.checkAgainst(spec, volume);

        String id = UUID.randomUUID().toString();
        List<SlicePlan.Entry> plan = SlicePlan.of(id, spec, volume);
        for (SlicePlan.Entry entry : plan) {
            store.putArray(entry.imageKey(), entry.image());
        }
        events.submitted(new ExperimentSubmitted(id, Instant.now().toString(), spec));
        List<SliceIngested> slices = plan.stream().map(SlicePlan.Entry::event).toList();
        events.slicesIngested(id, slices);
        LOG.infof("experiment %s (%s) accepted: %d slices of %s, preprocessing %s, %d results expected", id,
                spec.name(), slices.size(), spec.dataset().source(), spec.dataset().preprocessing(),
                spec.expectedResults());
        return new Accepted(id, spec.name(), spec.expectedResults(), slices.size());
    }
}
