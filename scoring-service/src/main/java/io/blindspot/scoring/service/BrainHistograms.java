package io.blindspot.scoring.service;

import io.blindspot.contracts.ObjectKeys;
import io.blindspot.contracts.store.ArrayStore;
import io.blindspot.contracts.store.ObjectNotFoundException;
import io.blindspot.scoring.domain.IntensityHistogram;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The brain-intensity histogram of an experiment's slices, from the slice images ingest stored (already
 * preprocessed: an equalised experiment gives its equalised histogram). Cached per experiment once every slice
 * image was read: images never change after ingest, and reading 100 slices per page view would be wasteful.
 */
@ApplicationScoped
public class BrainHistograms {
    private final ArrayStore store;
    private final Map<UUID, IntensityHistogram> cache = new ConcurrentHashMap<>();

    public BrainHistograms(ArrayStore store) {
        this.store = store;
    }

    /**
     * @return the histogram of every slice image found so far; null when none is stored (yet)
     */
    public IntensityHistogram of(LoadedExperiment e) {
        IntensityHistogram cached = cache.get(e.record().id());
        if (cached != null) {
            return cached;
        }
        int volumes = e.spec() == null || e.spec().dataset() == null ? 1
                : Math.max(1, e.spec().dataset().volumeCount());
        List<float[]> images = new ArrayList<>();
        int missing = 0;
        for (int v = 0; v < volumes; v++) {
            for (int slice : e.record().slices()) {
                try {
                    images.add(store.get(ObjectKeys.image(e.id(), v, e.record().axis(), slice)).data());
                } catch (ObjectNotFoundException notYet) {
                    missing++; // ingest may still be writing; the histogram is then partial and not cached
                }
            }
        }
        if (images.isEmpty()) {
            return null;
        }
        IntensityHistogram histogram = IntensityHistogram.of(images, IntensityHistogram.DEFAULT_BINS);
        if (missing == 0) {
            cache.put(e.record().id(), histogram);
        }
        return histogram;
    }
}
