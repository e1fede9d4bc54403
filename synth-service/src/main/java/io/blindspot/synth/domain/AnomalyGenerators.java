package io.blindspot.synth.domain;

import java.util.Locale;

/** Chooses the anomaly generator an experiment names ({@code anomaly.type}). */
public final class AnomalyGenerators {
    /** The paper's experiment-1 anomaly. */
    public static final String DISK = "disk";
    public static final String SUPPORTED = DISK;

    private AnomalyGenerators() {
    }

    /**
     * @param type   the spec's {@code anomaly.type}
     * @param radius the spec's {@code anomaly.radius}
     * @throws IllegalArgumentException for a type this service does not know, naming the supported ones
     */
    public static AnomalyGenerator forType(String type, int radius) {
        if (type == null) {
            throw new IllegalArgumentException("anomaly type is missing; supported: " + SUPPORTED);
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case DISK -> new DiskAnomaly(radius);
            default -> throw new IllegalArgumentException(
                    "unknown anomaly type '" + type + "'; supported: " + SUPPORTED);
        };
    }
}
