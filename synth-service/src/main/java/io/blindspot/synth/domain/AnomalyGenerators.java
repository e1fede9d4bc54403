package io.blindspot.synth.domain;

import io.blindspot.contracts.events.AnomalyTypes;

import java.util.Locale;

/** Chooses the anomaly generator an experiment names ({@code anomaly.type}). */
public final class AnomalyGenerators {
    /** The paper's experiment-1 anomaly. */
    public static final String DISK = AnomalyTypes.DISK;
    /** Every type this service paints: disk, then the experiment-2 textures. */
    public static final String SUPPORTED = String.join(", ", AnomalyTypes.ALL);

    private AnomalyGenerators() {
    }

    /**
     * @param type       the spec's {@code anomaly.type}: disk, pixel-shuffle, sink or source (any case)
     * @param radius     the spec's {@code anomaly.radius}
     * @param seed       the experiment's seed; pixel-shuffle permutes with
     *                   {@link PixelShuffleAnomaly#sliceSeed(long, int, int)} of it, the others ignore it
     * @param axis       the axis the slice was taken along
     * @param sliceIndex the slice's index along that axis
     * @throws IllegalArgumentException for a type this service does not know, naming the supported ones
     */
    public static AnomalyGenerator forType(String type, int radius, long seed, int axis, int sliceIndex) {
        if (type == null) {
            throw new IllegalArgumentException("anomaly type is missing; supported: " + SUPPORTED);
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case AnomalyTypes.DISK -> new DiskAnomaly(radius);
            case AnomalyTypes.PIXEL_SHUFFLE ->
                    new PixelShuffleAnomaly(radius, PixelShuffleAnomaly.sliceSeed(seed, axis, sliceIndex));
            case AnomalyTypes.SINK -> new SinkAnomaly(radius);
            case AnomalyTypes.SOURCE -> new SourceAnomaly(radius);
            default -> throw new IllegalArgumentException(
                    "unknown anomaly type '" + type + "'; supported: " + SUPPORTED);
        };
    }
}
