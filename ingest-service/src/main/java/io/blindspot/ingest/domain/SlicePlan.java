package io.blindspot.ingest.domain;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.ObjectKeys;
import io.blindspot.contracts.events.AnomalyParams;
import io.blindspot.contracts.events.AnomalyTypes;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.SliceIngested;
import io.blindspot.contracts.events.SliceRef;

import java.util.ArrayList;
import java.util.List;

/**
 * What ingest hands on for each slice of an accepted experiment: the normalised image, after the spec's
 * {@link Preprocessing}, to store (float32 [rows, cols] under {@link ObjectKeys#image}) and the
 * {@link SliceIngested} event that points at it, in the order of {@code dataset.slices}.
 */
public final class SlicePlan {
    /** One slice: its image and the event announcing it. */
    public record Entry(String imageKey, FloatArray image, SliceIngested event) {
    }

    private SlicePlan() {
    }

    /**
     * @param spec   already checked against {@code volume} ({@link SpecParser#checkAgainst}); its
     *               {@code dataset.preprocessing} is applied to each slice on its own (the paper equalises each
     *               test slice)
     * @param volume the normalised volume
     * @return one entry per slice; slice i gets {@code positions[i]} as its anomaly position when the spec lists
     * positions, otherwise no position and the experiment's seed (synth draws the centre)
     */
    public static List<Entry> of(String experimentId, ExperimentSpec spec, Volume volume) {
        Preprocessing preprocessing = Preprocessing.of(spec);
        int axis = spec.dataset().axis();
        int[] shape = volume.sliceShape(axis);
        ExperimentSpec.Anomaly anomaly = spec.anomaly();
        List<Entry> entries = new ArrayList<>();
        List<Integer> slices = spec.dataset().slices();
        for (int s = 0; s < slices.size(); s++) {
            int index = slices.get(s);
            String key = ObjectKeys.image(experimentId, axis, index);
            FloatArray image = FloatArray.of2d(shape[0], shape[1],
                    preprocessing.apply(volume.slice(axis, index)));
            List<Integer> position = anomaly.positions() == null ? null : anomaly.positions().get(s);
            AnomalyParams params = new AnomalyParams(anomaly.type(), anomaly.radius(), anomaly.intensities(),
                    position, position == null || AnomalyTypes.isTexture(anomaly.type()) ? anomaly.seed() : null);
            SliceRef ref = new SliceRef(axis, index, shape[0], shape[1], key);
            entries.add(new Entry(key, image, new SliceIngested(experimentId, ref, params, spec.reconstruction())));
        }
        return entries;
    }
}
