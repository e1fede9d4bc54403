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
 * {@link SliceIngested} event that points at it, in the order of {@code dataset.slices}, volume by volume.
 */
public final class SlicePlan {
    /** One slice: its image and the event announcing it. */
    public record Entry(String imageKey, FloatArray image, SliceIngested event) {
    }

    /**
     * Spreads volume seeds apart (the 64-bit golden ratio, as synth's per-slice mixing; odd, so distinct volumes
     * of one seed never share a seed).
     */
    static final long VOLUME_SEED_STEP = 0x9E3779B97F4A7C15L;

    private SlicePlan() {
    }

    /** Every slice of a one-volume spec: {@link #of(String, ExperimentSpec, int, Volume)} of volume 0. */
    public static List<Entry> of(String experimentId, ExperimentSpec spec, Volume volume) {
        return of(experimentId, spec, 0, volume);
    }

    /**
     * The slices of volume {@code v} of {@code dataset.volumes}.
     *
     * @param spec   already checked against {@code volume} ({@link VolumeChecks#check}); its
     *               {@code dataset.preprocessing} is applied to each slice on its own (the paper equalises each
     *               test slice)
     * @param volume the normalised volume {@code v}
     * @return one entry per slice; slice s gets {@code positions[v * slices + s]} as its anomaly position when
     * the spec lists positions, otherwise no position and the volume's seed ({@link #volumeSeed}; synth draws the
     * centre from it, per slice)
     */
    public static List<Entry> of(String experimentId, ExperimentSpec spec, int v, Volume volume) {
        Preprocessing preprocessing = Preprocessing.of(spec);
        int axis = spec.dataset().axis();
        int[] shape = volume.sliceShape(axis);
        ExperimentSpec.Anomaly anomaly = spec.anomaly();
        Long seed = anomaly.seed() == null ? null : volumeSeed(anomaly.seed(), v);
        List<Entry> entries = new ArrayList<>();
        List<Integer> slices = spec.dataset().slices();
        for (int s = 0; s < slices.size(); s++) {
            int index = slices.get(s);
            String key = ObjectKeys.image(experimentId, v, axis, index);
            FloatArray image = FloatArray.of2d(shape[0], shape[1],
                    preprocessing.apply(volume.slice(axis, index)));
            List<Integer> position = anomaly.positions() == null ? null
                    : anomaly.positions().get(v * slices.size() + s);
            AnomalyParams params = new AnomalyParams(anomaly.type(), anomaly.radius(), anomaly.intensities(),
                    position, position == null || AnomalyTypes.isTexture(anomaly.type()) ? seed : null);
            SliceRef ref = new SliceRef(v, axis, index, shape[0], shape[1], key);
            entries.add(new Entry(key, image, new SliceIngested(experimentId, ref, params, spec.reconstruction(),
                    spec.metrics())));
        }
        return entries;
    }

    /**
     * The seed volume {@code v}'s slices carry: {@code seed + v * VOLUME_SEED_STEP}, wrapping in 64 bits. Volume 0
     * keeps the experiment's seed, so a one-volume experiment draws exactly as before; synth mixes in axis and
     * slice index, so every (volume, slice) gets its own deterministic draw (slice 128 of two volumes is not
     * centred by the same random stream).
     */
    static long volumeSeed(long seed, int v) {
        return seed + v * VOLUME_SEED_STEP;
    }
}
