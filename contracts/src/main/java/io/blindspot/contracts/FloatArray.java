package io.blindspot.contracts;

import java.util.Arrays;

/**
 * A dense float32 array in C order (last index fastest), the in-memory form of every .npy artefact.
 * A slice is [rows, cols]; a stack of anomaly variants is [variants, rows, cols].
 */
public record FloatArray(int[] shape, float[] data) {
    public FloatArray {
        long count = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            count *= d;
        }
        if (count != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + count + " values, got " + data.length);
        }
    }

    public static FloatArray of2d(int rows, int cols, float[] data) {
        return new FloatArray(new int[] {rows, cols}, data);
    }

    /** Stacks equally shaped 2D arrays into [n, rows, cols]. */
    public static FloatArray stack(int rows, int cols, float[][] planes) {
        float[] data = new float[planes.length * rows * cols];
        for (int i = 0; i < planes.length; i++) {
            if (planes[i].length != rows * cols) {
                throw new IllegalArgumentException("plane " + i + " has " + planes[i].length + " values, expected "
                        + rows * cols);
            }
            System.arraycopy(planes[i], 0, data, i * rows * cols, rows * cols);
        }
        return new FloatArray(new int[] {planes.length, rows, cols}, data);
    }

    /** Plane {@code i} of a [n, rows, cols] array, copied. */
    public float[] plane(int i) {
        if (shape.length != 3) {
            throw new IllegalStateException("plane() needs a 3D array, shape is " + Arrays.toString(shape));
        }
        int size = shape[1] * shape[2];
        return Arrays.copyOfRange(data, i * size, (i + 1) * size);
    }

    public int rows() {
        return shape[shape.length - 2];
    }

    public int cols() {
        return shape[shape.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatArray other && Arrays.equals(shape, other.shape) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatArray" + Arrays.toString(shape);
    }
}
