package io.blindspot.synth.domain;

import io.blindspot.contracts.events.AnomalyTypes;

/**
 * Sink deformation: the label pixel I takes the original value at {@code round(I + (1 − s)·(I − C))}, further
 * from the centre than itself (up to twice as far near the centre, hardly moved on the rim): the surrounding
 * texture is pulled inwards, as if drained into a sink.
 */
public final class SinkAnomaly extends RadialDeformation {

    public SinkAnomaly(int radius) {
        super(radius);
    }

    @Override
    public String type() {
        return AnomalyTypes.SINK;
    }

    @Override
    protected double sampled(int pixel, int centre, double s) {
        return pixel + (1 - s) * (pixel - centre);
    }
}
