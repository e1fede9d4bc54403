package io.blindspot.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The anomaly to inject into one slice: for a disk every intensity is one variant; a texture
 * ({@link AnomalyTypes#TEXTURES}) has no intensities and exactly one variant.
 *
 * @param intensities the disk's intensities, in variant order; null (or empty) for a texture
 * @param position    [row, col] of the centre; set by ingest when the spec lists positions, by synth when seeded
 * @param seed        the seed of the slice's volume when centres are drawn (synth derives the slice's draw from
 *                    it): the experiment's seed for volume 0, one derived from it for the other volumes (so each
 *                    (volume, slice) draws on its own, see ingest's SlicePlan); for
 *                    pixel-shuffle also the seed of the permutation, so it may come together with a position
 *                    (null there means seed 0)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnomalyParams(String type, int radius, List<Double> intensities, List<Integer> position, Long seed) {

    public AnomalyParams withPosition(List<Integer> centre) {
        return new AnomalyParams(type, radius, intensities, centre, seed);
    }

    /** Anomalous variants of the slice: 1 for a texture, else {@code intensities.size()} (0 when null). */
    public int variantCount() {
        return AnomalyTypes.variantCount(type, intensities);
    }
}
