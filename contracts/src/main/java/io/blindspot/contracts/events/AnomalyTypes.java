package io.blindspot.contracts.events;

import java.util.List;
import java.util.Locale;

/**
 * The names an experiment's {@code anomaly.type} may take, and how many anomalous variants each gives per slice.
 *
 * <ul>
 *   <li>{@value #DISK}: the paper's experiment 1, a disk of constant intensity; one variant per intensity.</li>
 *   <li>{@value #PIXEL_SHUFFLE}, {@value #SINK}, {@value #SOURCE}: the paper's experiment-2 textures, the label
 *       (disk ∩ brain) re-filled from the slice's own pixels; no intensity, so ONE variant per slice.</li>
 * </ul>
 */
public final class AnomalyTypes {
    public static final String DISK = "disk";
    public static final String PIXEL_SHUFFLE = "pixel-shuffle";
    public static final String SINK = "sink";
    public static final String SOURCE = "source";
    /** Every supported type, disk first (the order error messages list them in). */
    public static final List<String> ALL = List.of(DISK, PIXEL_SHUFFLE, SINK, SOURCE);
    public static final List<String> TEXTURES = List.of(PIXEL_SHUFFLE, SINK, SOURCE);

    private AnomalyTypes() {
    }

    /** Whether {@code type} names a texture (case-insensitive, as synth chooses generators); false for null. */
    public static boolean isTexture(String type) {
        return type != null && TEXTURES.contains(type.toLowerCase(Locale.ROOT));
    }

    /**
     * Anomalous variants per slice: 1 for a texture, otherwise one per intensity (0 when there are none).
     *
     * @param intensities the anomaly's intensities; null or empty for a texture
     */
    public static int variantCount(String type, List<Double> intensities) {
        if (isTexture(type)) {
            return 1;
        }
        return intensities == null ? 0 : intensities.size();
    }
}
