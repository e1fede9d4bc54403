package io.blindspot.synth.domain;

import io.blindspot.contracts.FloatArray;

import java.util.List;

/**
 * The paper's experiment-2 anomalies: the label is the {@link Disk} ∩ brain, as for the disk, but its pixels are
 * re-filled from the slice's own values instead of one intensity, so there is exactly ONE variant.
 *
 * <p>Every label pixel is read from the ORIGINAL normal slice (never from a partly textured copy), so the result
 * does not depend on the order pixels are visited. Pixels outside the label keep their value, then the whole
 * image is multiplied by the brain mask (1f/0f) of the original, exactly as {@link DiskAnomaly} does, so the two
 * kinds of experiment see the same background.
 */
public abstract class TextureAnomaly implements AnomalyGenerator {
    private final int radius;

    /** @param radius R of the disk in pixels, at least 1 */
    protected TextureAnomaly(int radius) {
        if (radius < 1) {
            throw new IllegalArgumentException("disk radius must be at least 1, got " + radius);
        }
        this.radius = radius;
    }

    public int radius() {
        return radius;
    }

    /** The anomaly type's name, as the spec writes it. */
    public abstract String type();

    @Override
    public final Variants generate(float[] slice, int rows, int cols, int row, int col, List<Double> intensities) {
        int size = rows * cols;
        if (slice.length != size) {
            throw new IllegalArgumentException("slice has " + slice.length + " pixels, expected " + rows + "x" + cols);
        }
        if (intensities != null && !intensities.isEmpty()) {
            // Silently ignoring them would store one variant where the sender expects several.
            throw new IllegalArgumentException("a " + type() + " anomaly has no intensities (one variant per "
                    + "slice), got " + intensities.size());
        }
        boolean[] disk = Disk.mask(rows, cols, row, col, radius);
        boolean[] label = new boolean[size];
        float[] brain = new float[size];
        float[] labelPlane = new float[size];
        for (int i = 0; i < size; i++) {
            brain[i] = slice[i] > 0f ? 1f : 0f;
            label[i] = disk[i] && slice[i] > 0f;
            labelPlane[i] = label[i] ? 1f : 0f;
        }
        float[] textured = slice.clone();
        fill(slice, rows, cols, row, col, label, textured);
        float[] anomalous = new float[size];
        for (int i = 0; i < size; i++) {
            anomalous[i] = textured[i] * brain[i];
        }
        return new Variants(new FloatArray(new int[] {1, rows, cols}, anomalous),
                FloatArray.of2d(rows, cols, labelPlane));
    }

    /**
     * Writes the texture's value of every label pixel into {@code out} (a copy of the original, whose other
     * pixels must stay untouched).
     *
     * @param original the normal slice, read-only: every value is sampled from here
     * @param label    {@code label[r * cols + c]}: pixel (r, c) is in disk ∩ brain
     */
    protected abstract void fill(float[] original, int rows, int cols, int row, int col, boolean[] label,
                                 float[] out);
}
