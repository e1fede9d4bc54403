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

    /** Where registered ONNX models live: {@code models/NAME.onnx} (the inference-service's registry). */
    public static final String MODELS_PREFIX = "models/";
    public static final String MODEL_SUFFIX = ".onnx";

    /** The ONNX file of the model registered as {@code name} (reconstructor {@code onnx:NAME}). */
    public static String model(String name) {
        return MODELS_PREFIX + name + MODEL_SUFFIX;
    }

    /**
     * Prefix of everything one slice of one experiment produces:
     * {@code experiments/<id>/slices/v<volume, 3 digits>-axis<a>-<index, 4 digits>/}. {@code volume} is the
     * slice's volume's position in the experiment's {@code dataset.volumes} (0 for a one-volume dataset), so the
     * same slice index of two volumes never shares a prefix; {@code v%03d} keeps a listing sorted by volume
     * for up to 1000 volumes (more still work, they only sort later).
     */
    public static String slicePrefix(String experimentId, int volume, int axis, int index) {
        return String.format(Locale.ROOT, "experiments/%s/slices/v%03d-axis%d-%04d/", experimentId, volume, axis,
                index);
    }

    /** {@link #slicePrefix(String, int, int, int)} of volume 0 (a one-volume dataset). */
    public static String slicePrefix(String experimentId, int axis, int index) {
        return slicePrefix(experimentId, 0, axis, index);
    }

    /** The slice name inside keys and messages, e.g. {@code v000-axis2-0080}. */
    public static String sliceName(int volume, int axis, int index) {
        return String.format(Locale.ROOT, "v%03d-axis%d-%04d", volume, axis, index);
    }

    /** The normalised slice, float32 [rows, cols]. */
    public static String image(String experimentId, int volume, int axis, int index) {
        return slicePrefix(experimentId, volume, axis, index) + "image.npy";
    }

    /** {@link #image(String, int, int, int)} of volume 0. */
    public static String image(String experimentId, int axis, int index) {
        return image(experimentId, 0, axis, index);
    }

    /**
     * The slice's anomalous variants: float32 [variants, rows, cols], or in the compact form the plane every
     * variant equals outside the label, [rows, cols] (see {@link io.blindspot.contracts.events.VariantsRef}).
     */
    public static String anomalous(String experimentId, int volume, int axis, int index) {
        return slicePrefix(experimentId, volume, axis, index) + "anomalous.npy";
    }

    /** {@link #anomalous(String, int, int, int)} of volume 0. */
    public static String anomalous(String experimentId, int axis, int index) {
        return anomalous(experimentId, 0, axis, index);
    }

    /** The compact variants' values on the label pixels, float32 [variants, label pixels]. */
    public static String labelValues(String experimentId, int volume, int axis, int index) {
        return slicePrefix(experimentId, volume, axis, index) + "label-values.npy";
    }

    /** The anomaly label (0/1), float32 [rows, cols] when shared by all variants. */
    public static String label(String experimentId, int volume, int axis, int index) {
        return slicePrefix(experimentId, volume, axis, index) + "label.npy";
    }

    /** {@link #label(String, int, int, int)} of volume 0. */
    public static String label(String experimentId, int axis, int index) {
        return label(experimentId, 0, axis, index);
    }

    /**
     * A reconstruction of a block of sigmas: float32 [sigmas, rows, cols] in normal-rec, [sigmas, variants, rows,
     * cols] in anomal-rec ({@link io.blindspot.contracts.events.ReconstructionRef}). {@code reconstructor} is a
     * name such as {@code gaussian-blur}; {@code parameterIndex} the index of the block's first parameter (sigma)
     * in the experiment's list.
     */
    public static String reconstruction(String experimentId, int volume, int axis, int index, String mode,
                                        String reconstructor, int parameterIndex) {
        return slicePrefix(experimentId, volume, axis, index)
                + String.format(Locale.ROOT, "rec/%s/%s/%04d.npy", mode, sanitise(reconstructor), parameterIndex);
    }

    /** {@link #reconstruction(String, int, int, int, String, String, int)} of volume 0. */
    public static String reconstruction(String experimentId, int axis, int index, String mode, String reconstructor,
                                        int parameterIndex) {
        return reconstruction(experimentId, 0, axis, index, mode, reconstructor, parameterIndex);
    }

    private static String sanitise(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
