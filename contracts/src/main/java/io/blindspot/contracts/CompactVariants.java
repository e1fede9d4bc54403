package io.blindspot.contracts;

import java.util.Arrays;
import java.util.Optional;

/**
 * The compact form of a slice's anomalous variants (see {@link io.blindspot.contracts.events.VariantsRef}): the
 * plane every variant equals outside the label, and each variant's values on the label pixels. The paper's disk
 * (and each texture) changes only the label's pixels, so 100 intensity variants of a slice are one plane and
 * 100 × k values instead of 100 planes: the synth-service writes 24× fewer bytes (radius 20), and the inference- and
 * scoring-services read them.
 *
 * <p>Lossless, bit for bit: {@link #expand} gives back the full stack, and {@link #of} refuses (empty) a stack
 * whose variants differ anywhere outside the label (compared as raw bits, so -0f and 0f, or two NaNs with
 * other payloads, count as different).
 *
 * @param reference   float32 [rows, cols]: every variant outside the label (variant 0 as a whole)
 * @param labelValues float32 [variants, k]: variant i's value on the j-th label pixel (row-major order)
 */
public record CompactVariants(FloatArray reference, FloatArray labelValues) {
    public CompactVariants {
        if (reference.shape().length != 2 || labelValues.shape().length != 2) {
            throw new IllegalArgumentException("compact variants need a [rows, cols] plane and [variants, k] label "
                    + "values, got " + Arrays.toString(reference.shape()) + " and "
                    + Arrays.toString(labelValues.shape()));
        }
    }

    /** Number of variants. */
    public int count() {
        return labelValues.shape()[0];
    }

    /**
     * The compact form of {@code stack}, or empty when some variant differs from variant 0 outside the label.
     *
     * @param stack float32 [variants, rows, cols]
     * @param label float32 [rows, cols] of 0/1
     * @throws IllegalArgumentException when the shapes disagree or the label holds anything but 0 and 1
     */
    public static Optional<CompactVariants> of(FloatArray stack, FloatArray label) {
        int[] shape = stack.shape();
        if (shape.length != 3) {
            throw new IllegalArgumentException("variants must be [variants, rows, cols], got " + Arrays.toString(shape));
        }
        int count = shape[0];
        int rows = shape[1];
        int cols = shape[2];
        int[] pixels = labelPixels(label, rows, cols);
        int plane = rows * cols;
        float[] data = stack.data();
        boolean[] inLabel = new boolean[plane];
        for (int p : pixels) {
            inLabel[p] = true;
        }
        for (int v = 1; v < count; v++) {
            int offset = v * plane;
            for (int i = 0; i < plane; i++) {
                if (!inLabel[i] && Float.floatToRawIntBits(data[offset + i]) != Float.floatToRawIntBits(data[i])) {
                    return Optional.empty();
                }
            }
        }
        float[] values = new float[count * pixels.length];
        for (int v = 0; v < count; v++) {
            int offset = v * plane;
            for (int j = 0; j < pixels.length; j++) {
                values[v * pixels.length + j] = data[offset + pixels[j]];
            }
        }
        float[] reference = count > 0 ? Arrays.copyOf(data, plane) : new float[plane];
        return Optional.of(new CompactVariants(FloatArray.of2d(rows, cols, reference),
                new FloatArray(new int[] {count, pixels.length}, values)));
    }

    /**
     * The full stack, float32 [variants, rows, cols].
     *
     * @param label the label the values belong to, float32 [rows, cols] of 0/1
     * @throws IllegalArgumentException when the label does not fit the plane or the values
     */
    public FloatArray expand(FloatArray label) {
        int rows = reference.rows();
        int cols = reference.cols();
        int[] pixels = labelPixels(label, rows, cols);
        int k = labelValues.shape()[1];
        if (k != pixels.length) {
            throw new IllegalArgumentException("label values hold " + k + " pixels per variant, the label has "
                    + pixels.length);
        }
        int plane = rows * cols;
        int count = count();
        float[] out = new float[count * plane];
        float[] values = labelValues.data();
        for (int v = 0; v < count; v++) {
            int offset = v * plane;
            System.arraycopy(reference.data(), 0, out, offset, plane);
            for (int j = 0; j < k; j++) {
                out[offset + pixels[j]] = values[v * k + j];
            }
        }
        return new FloatArray(new int[] {count, rows, cols}, out);
    }

    /**
     * Indices (row-major) of the label's pixels.
     *
     * @throws IllegalArgumentException when the label is not [rows, cols] or holds anything but 0 and 1
     */
    public static int[] labelPixels(FloatArray label, int rows, int cols) {
        int[] shape = label.shape();
        boolean plane = shape.length == 2 && shape[0] == rows && shape[1] == cols;
        boolean single = shape.length == 3 && shape[0] == 1 && shape[1] == rows && shape[2] == cols;
        if (!plane && !single) {
            throw new IllegalArgumentException("label must be [" + rows + ", " + cols + "], got "
                    + Arrays.toString(shape));
        }
        float[] l = label.data();
        int k = 0;
        for (int i = 0; i < l.length; i++) {
            if (l[i] == 1f) {
                k++;
            } else if (l[i] != 0f) {
                throw new IllegalArgumentException("label pixel " + i + " is " + l[i] + "; labels hold 0 and 1 only");
            }
        }
        int[] pixels = new int[k];
        for (int i = 0, j = 0; i < l.length; i++) {
            if (l[i] == 1f) {
                pixels[j++] = i;
            }
        }
        return pixels;
    }
}
