package io.blindspot.contracts;

import java.util.Locale;

/**
 * Where each artefact lives in the object store (bucket {@link #BUCKET}). One prefix per experiment,
 * so an experiment's artefacts can be listed or deleted together.
 */
public final class ObjectKeys {
    public static final String BUCKET = "blindspot";

    private ObjectKeys() {
    }

    /** A NIfTI volume uploaded through the API. */
    public static String upload(String uploadId) {
        return "uploads/" + uploadId + ".nii.gz";
    }

    /** Prefix of everything one slice of one experiment produces. */
    public static String slicePrefix(String experimentId, int axis, int index) {
        return String.format(Locale.ROOT, "experiments/%s/slices/axis%d-%04d/", experimentId, axis, index);
    }

    /** The normalised slice, float32 [rows, cols]. */
    public static String image(String experimentId, int axis, int index) {
        return slicePrefix(experimentId, axis, index) + "image.npy";
    }

    /** Every anomalous variant of the slice, float32 [variants, rows, cols]. */
    public static String anomalous(String experimentId, int axis, int index) {
        return slicePrefix(experimentId, axis, index) + "anomalous.npy";
    }

    /** The anomaly label (0/1), float32 [rows, cols] when shared by all variants. */
    public static String label(String experimentId, int axis, int index) {
        return slicePrefix(experimentId, axis, index) + "label.npy";
    }

    /**
     * A reconstruction: float32 [rows, cols] in normal-rec, [variants, rows, cols] in anomal-rec.
     * {@code reconstructor} is a name such as {@code gaussian-blur}; {@code parameterIndex} the index of its
     * parameter (sigma) in the experiment's list.
     */
    public static String reconstruction(String experimentId, int axis, int index, String mode, String reconstructor,
                                        int parameterIndex) {
        return slicePrefix(experimentId, axis, index)
                + String.format(Locale.ROOT, "rec/%s/%s/%04d.npy", mode, sanitise(reconstructor), parameterIndex);
    }

    private static String sanitise(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
