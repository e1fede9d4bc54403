package io.blindspot.synth.domain;

import io.blindspot.contracts.FloatArray;

import java.util.List;

/**
 * The paper's experiment-1 anomaly: a disk of constant intensity (see {@link Disk}), then image and label
 * multiplied by the brain mask of the ORIGINAL slice, so the disk never paints background.
 *
 * <p>The mask is applied as a multiplication by 1f/0f, as numpy's {@code img * mask} does, rather than by
 * assigning zero: the results agree bit for bit with the paper's arrays (a negative background value would
 * become -0f, as in numpy).
 */
public final class DiskAnomaly implements AnomalyGenerator {
    private final int radius;

    /** @param radius R of the disk in pixels, at least 1 */
    public DiskAnomaly(int radius) {
        if (radius < 1) {
            throw new IllegalArgumentException("disk radius must be at least 1, got " + radius);
        }
        this.radius = radius;
    }

    public int radius() {
        return radius;
    }

    @Override
    public Variants generate(float[] slice, int rows, int cols, int row, int col, List<Double> intensities) {
        int size = rows * cols;
        if (slice.length != size) {
            throw new IllegalArgumentException("slice has " + slice.length + " pixels, expected " + rows + "x" + cols);
        }
        if (intensities == null || intensities.isEmpty()) {
            throw new IllegalArgumentException("an anomaly needs at least one intensity");
        }
        boolean[] disk = Disk.mask(rows, cols, row, col, radius);
        float[] brain = new float[size];
        float[] label = new float[size];
        for (int i = 0; i < size; i++) {
            brain[i] = slice[i] > 0f ? 1f : 0f;
            label[i] = (disk[i] ? 1f : 0f) * brain[i];
        }
        int k = intensities.size();
        float[] anomalous = new float[k * size];
        for (int v = 0; v < k; v++) {
            Double intensity = intensities.get(v);
            if (intensity == null) {
                throw new IllegalArgumentException("intensity " + v + " is missing");
            }
            // The paper assigns a Python float into a float32 array: one rounding to float32.
            float value = (float) intensity.doubleValue();
            int offset = v * size;
            for (int i = 0; i < size; i++) {
                float pixel = disk[i] ? value : slice[i];
                anomalous[offset + i] = pixel * brain[i];
            }
        }
        return new Variants(new FloatArray(new int[] {k, rows, cols}, anomalous), FloatArray.of2d(rows, cols, label));
    }
}
