package io.blindspot.scoring.domain;

import io.blindspot.contracts.FloatArray;

import java.util.Arrays;

/**
 * The anomalous variants of one slice and their label, in the form scoring needs them, prepared once per slice
 * (every sigma's event of the slice reuses it): one reference plane (variant 0), each variant's values on the
 * label pixels, and a full plane only for a variant that also differs from the reference outside the label.
 *
 * <p>Lossless: {@link #plane} gives back every variant bit for bit. For the paper's disk it is also small: a
 * 100-variant stack of a 181 × 217 slice is 15.7 MB as read from the store, ~0.6 MB here (one plane plus
 * 100 × ~1,100 label values), so the scorer's cache keeps every slice of an experiment instead of four.
 *
 * <p>Agreement outside the label is checked bit for bit: -0f and 0f differ here (such a variant then keeps its
 * own plane and is scored by the full sort, still exactly), and equal NaN bits agree (both AP paths reject the
 * resulting NaN residuals).
 */
public final class SliceVariants {
    private final int variants;
    private final int rows;
    private final int cols;
    private final boolean[] positive;
    private final int[] labelPixels;
    private final float[] reference;
    /** Variant v's value on label pixel j at {@code j * variants + v}: all variants of a pixel side by side. */
    private final float[] labelValues;
    /** Whether every label pixel of variant v holds the same bits (then {@link #constant} is that value). */
    private final boolean[] constantOnLabel;
    private final float[] constant;
    /** The whole plane of a variant that differs from the reference outside the label; null for the others. */
    private final float[][] own;

    private SliceVariants(int variants, int rows, int cols, boolean[] positive, int[] labelPixels, float[] reference,
                          float[] labelValues, boolean[] constantOnLabel, float[] constant, float[][] own) {
        this.variants = variants;
        this.rows = rows;
        this.cols = cols;
        this.positive = positive;
        this.labelPixels = labelPixels;
        this.reference = reference;
        this.labelValues = labelValues;
        this.constantOnLabel = constantOnLabel;
        this.constant = constant;
        this.own = own;
    }

    /**
     * @param anomalous float32 [variants, rows, cols]
     * @param label     float32 [rows, cols] (or [1, rows, cols]), each value 0 or 1
     * @throws IllegalArgumentException when the shapes disagree or the label is not 0/1
     */
    public static SliceVariants of(FloatArray anomalous, FloatArray label) {
        int[] shape = anomalous.shape();
        if (shape.length != 3) {
            throw new IllegalArgumentException("anomalous stack must be [variants, rows, cols], got "
                    + Arrays.toString(shape));
        }
        int variants = shape[0];
        int rows = shape[1];
        int cols = shape[2];
        requirePlane("label", label, rows, cols);
        boolean[] positive = positives(label.data());
        int pixels = rows * cols;
        int[] labelPixels = labelPixels(positive);
        int k = labelPixels.length;
        float[] stack = anomalous.data();
        float[] reference = Arrays.copyOfRange(stack, 0, pixels);
        float[] labelValues = new float[k * variants];
        boolean[] constantOnLabel = new boolean[variants];
        float[] constant = new float[variants];
        float[][] own = new float[variants][];
        for (int v = 0; v < variants; v++) {
            int offset = v * pixels;
            boolean same = k > 0;
            int first = k > 0 ? Float.floatToRawIntBits(stack[offset + labelPixels[0]]) : 0;
            for (int j = 0; j < k; j++) {
                float value = stack[offset + labelPixels[j]];
                labelValues[j * variants + v] = value;
                same &= Float.floatToRawIntBits(value) == first;
            }
            constantOnLabel[v] = same;
            constant[v] = Float.intBitsToFloat(first);
            if (v > 0 && !sameOutsideLabel(stack, offset, positive)) {
                own[v] = Arrays.copyOfRange(stack, offset, offset + pixels);
            }
        }
        return new SliceVariants(variants, rows, cols, positive, labelPixels, reference, labelValues,
                constantOnLabel, constant, own);
    }

    /**
     * The compact form as the synth-service stores it ({@code io.blindspot.contracts.CompactVariants}): every
     * variant equals {@code reference} outside the label by construction, so no variant needs a plane of its own
     * and nothing is compared; the stack is never built. Gives the same variants, bit for bit, as {@link #of} on
     * the expanded stack (whatever the reference holds on the label: each variant's label values replace it).
     *
     * @param reference   float32 [rows, cols] (or [1, rows, cols]): every variant outside the label
     * @param label       float32 [rows, cols] (or [1, rows, cols]), each value 0 or 1
     * @param labelValues float32 [variants, k]: variant v's value on the j-th label pixel (row-major order) at
     *                    {@code v * k + j}
     * @throws IllegalArgumentException when the shapes disagree (k must be the label's pixel count) or the label
     *                                  is not 0/1
     */
    public static SliceVariants ofCompact(FloatArray reference, FloatArray label, FloatArray labelValues) {
        int[] refShape = reference.shape();
        if (refShape.length != 2 && !(refShape.length == 3 && refShape[0] == 1)) {
            throw new IllegalArgumentException("compact variants' reference must be [rows, cols], got "
                    + Arrays.toString(refShape));
        }
        int rows = reference.rows();
        int cols = reference.cols();
        requirePlane("label", label, rows, cols);
        boolean[] positive = positives(label.data());
        int[] labelPixels = labelPixels(positive);
        int k = labelPixels.length;
        int[] valuesShape = labelValues.shape();
        if (valuesShape.length != 2 || valuesShape[1] != k) {
            throw new IllegalArgumentException("compact variants' label values must be [variants, " + k
                    + "] (the label has " + k + " pixels), got " + Arrays.toString(valuesShape));
        }
        int variants = valuesShape[0];
        float[] values = labelValues.data();
        float[] transposed = new float[k * variants];
        boolean[] constantOnLabel = new boolean[variants];
        float[] constant = new float[variants];
        for (int v = 0; v < variants; v++) {
            int row = v * k;
            boolean same = k > 0;
            int first = k > 0 ? Float.floatToRawIntBits(values[row]) : 0;
            for (int j = 0; j < k; j++) {
                float value = values[row + j];
                transposed[j * variants + v] = value;
                same &= Float.floatToRawIntBits(value) == first;
            }
            constantOnLabel[v] = same;
            constant[v] = Float.intBitsToFloat(first);
        }
        // A copy: the caller's array (e.g. a test's) must not alias the cached reference.
        return new SliceVariants(variants, rows, cols, positive, labelPixels, reference.data().clone(), transposed,
                constantOnLabel, constant, new float[variants][]);
    }

    /** Indices of the label's pixels, ascending. */
    private static int[] labelPixels(boolean[] positive) {
        int k = 0;
        for (boolean p : positive) {
            k += p ? 1 : 0;
        }
        int[] pixels = new int[k];
        for (int i = 0, j = 0; i < positive.length; i++) {
            if (positive[i]) {
                pixels[j++] = i;
            }
        }
        return pixels;
    }

    /** Whether the plane at {@code offset} agrees with plane 0 on every pixel outside the label, bit for bit. */
    private static boolean sameOutsideLabel(float[] stack, int offset, boolean[] positive) {
        for (int i = 0; i < positive.length; i++) {
            if (!positive[i] && Float.floatToRawIntBits(stack[i]) != Float.floatToRawIntBits(stack[offset + i])) {
                return false;
            }
        }
        return true;
    }

    public int variants() {
        return variants;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public int pixels() {
        return rows * cols;
    }

    /**
     * The slice's lesion prevalence, label pixels / pixels: AP's chance level (a random score's expected AP), the
     * same for every variant (they share the label). Stored beside each result row.
     */
    public double prevalence() {
        return io.blindspot.scoring.domain.metric.ChanceLevel.prevalence(labelPixels.length, pixels());
    }

    /** The label per pixel. Shared, not copied: do not modify. */
    boolean[] positive() {
        return positive;
    }

    /** Indices of the label pixels, ascending. Shared, not copied: do not modify. */
    int[] labelPixels() {
        return labelPixels;
    }

    /** Variant 0's plane: the negatives' anomalous values of every variant that shares them. Do not modify. */
    float[] reference() {
        return reference;
    }

    /** [label pixel][variant] values, see the field. Do not modify. */
    float[] labelValues() {
        return labelValues;
    }

    /** Whether variant v equals the reference outside the label (so it shares the reference's negatives). */
    boolean sharesReference(int v) {
        return own[v] == null;
    }

    /** Whether every label pixel of variant v holds the same value ({@link #constant}). */
    boolean constantOnLabel(int v) {
        return constantOnLabel[v];
    }

    float constant(int v) {
        return constant[v];
    }

    /** Writes variant v's whole plane into out (length rows × cols), bit for bit as it was read. */
    public void plane(int v, float[] out) {
        if (own[v] != null) {
            System.arraycopy(own[v], 0, out, 0, out.length);
            return;
        }
        System.arraycopy(reference, 0, out, 0, out.length);
        for (int j = 0; j < labelPixels.length; j++) {
            out[labelPixels[j]] = labelValues[j * variants + v];
        }
    }

    /** Bytes this form holds (for the cache's accounting and the logs). */
    public long bytes() {
        long b = 4L * reference.length + 4L * labelValues.length + 4L * labelPixels.length + positive.length
                + 5L * variants;
        for (float[] p : own) {
            b += p == null ? 0 : 4L * p.length;
        }
        return b;
    }

    /** Accepts [rows, cols] and, as numpy would broadcast it, [1, rows, cols]. */
    static void requirePlane(String what, FloatArray array, int rows, int cols) {
        int[] s = array.shape();
        boolean fits = (s.length == 2 && s[0] == rows && s[1] == cols)
                || (s.length == 3 && s[0] == 1 && s[1] == rows && s[2] == cols);
        if (!fits) {
            throw new IllegalArgumentException(what + " must be [" + rows + ", " + cols + "], got "
                    + Arrays.toString(s));
        }
    }

    /** The label as booleans; anything but exactly 0 or 1 is bad data, not a soft label. */
    static boolean[] positives(float[] label) {
        boolean[] positive = new boolean[label.length];
        for (int i = 0; i < label.length; i++) {
            float value = label[i];
            if (value == 1f) {
                positive[i] = true;
            } else if (value != 0f) {
                throw new IllegalArgumentException("label must be 0 or 1, found " + value + " at pixel " + i);
            }
        }
        return positive;
    }
}
