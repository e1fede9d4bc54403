package io.blindspot.synth.domain;

import io.blindspot.contracts.events.AnomalyTypes;

/**
 * Source deformation: the label pixel I takes the original value at {@code round(C + s·(I − C))}. Since s < 1
 * inside the disk, it samples closer to the centre than itself, and more so near the centre (s ≈ 0 there): the
 * centre's texture is stretched outwards, as if it welled up from a source.
 */
public final class SourceAnomaly extends RadialDeformation {

    public SourceAnomaly(int radius) {
        super(radius);
    }

    @Override
    public String type() {
        return AnomalyTypes.SOURCE;
    }

    @Override
    protected double sampled(int pixel, int centre, double s) {
        return centre + s * (pixel - centre);
    }
}
