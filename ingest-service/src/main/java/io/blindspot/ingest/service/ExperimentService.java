package io.blindspot.ingest.service;

import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.ExperimentSubmitted;
import io.blindspot.contracts.events.SliceIngested;
import io.blindspot.contracts.store.ObjectStore;
import io.blindspot.ingest.domain.DatasetSource;
import io.blindspot.ingest.domain.ExperimentEvents;
import io.blindspot.ingest.domain.Models;
import io.blindspot.ingest.domain.SlicePlan;
import io.blindspot.ingest.domain.SpecParser;
import io.blindspot.ingest.domain.SpecReader;
import io.blindspot.ingest.domain.Volume;
import io.blindspot.ingest.domain.VolumeChecks;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Accepts an experiment: the spec and its model are checked first; then each volume in turn is read, checked
 * against the spec and its slices written to the object store (one volume in memory at a time, since a
 * MOOD-style folder may hold hundreds); then {@code ExperimentSubmitted} (so scoring knows what to expect) and
 * finally one {@code SliceIngested} per slice. A volume that fails its check after earlier volumes were written
 * removes what was written: nothing of a refused experiment stays behind, and no event was sent.
 */
@ApplicationScoped
public class ExperimentService {
    private static final Logger LOG = Logger.getLogger(ExperimentService.class);

    private final VolumeResolver volumes;
    private final ObjectStore store;
    private final ExperimentEvents events;
    private final Models.Registry models;

    public ExperimentService(VolumeResolver volumes, ObjectStore store, ExperimentEvents events,
                             Models.Registry models) {
        this.volumes = volumes;
        this.store = store;
        this.events = events;
        this.models = models;
    }

    /** The answer to a submission; {@code slices} counts every slice of every volume. */
    public record Accepted(String id, String name, long expected, int slices, int volumes) {
    }

    public Accepted submit(String body, SpecReader.Format format) {
        return submit(SpecParser.parse(SpecReader.read(body, format)));
    }

    /** Submits a resolved spec (a parsed user spec, or one of an audit's three). */
    public Accepted submit(ExperimentSpec spec) {
        Models.requireRegistered(spec, models);
        String id = UUID.randomUUID().toString();
        List<String> sources = spec.dataset().volumes();
        List<SliceIngested> slices = new ArrayList<>();
        List<String> written = new ArrayList<>();
        try {
            for (int v = 0; v < sources.size(); v++) {
                Volume volume = volumes.normalised(DatasetSource.parse(sources.get(v)));
                VolumeChecks.check(spec, v, volume);
                for (SlicePlan.Entry entry : SlicePlan.of(id, spec, v, volume)) {
                    store.putArray(entry.imageKey(), entry.image());
                    written.add(entry.imageKey());
                    slices.add(entry.event());
                }
            }
        } catch (RuntimeException e) {
            discard(id, written);
            throw e;
        }
        events.submitted(new ExperimentSubmitted(id, Instant.now().toString(), spec));
        events.slicesIngested(id, slices);
        LOG.infof("experiment %s (%s) accepted: %d slices of %d volume(s) (%s), preprocessing %s, %d results "
                        + "expected", id, spec.name(), slices.size(), sources.size(),
                sources.size() == 1 ? sources.get(0) : sources.get(0) + " ...", spec.dataset().preprocessing(),
                spec.expectedResults());
        return new Accepted(id, spec.name(), spec.expectedResults(), slices.size(), sources.size());
    }

    /** Best effort: a refused experiment's images are unreachable anyway (no event names them). */
    private void discard(String id, List<String> keys) {
        for (String key : keys) {
            try {
                store.delete(key);
            } catch (RuntimeException e) {
                LOG.warnf("refused experiment %s: could not remove %s (%s)", id, key, e.getMessage());
            }
        }
    }
}
