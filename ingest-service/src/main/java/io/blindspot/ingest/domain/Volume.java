package io.blindspot.ingest.domain;

import java.util.Arrays;

/**
 * A 3D scalar volume as stored in a NIfTI file: {@code data} in Fortran order (first index fastest),
 * {@code v[i][j][k] = data[i + nx*(j + ny*k)]}, values as float32.
 *
 * @param datatype the file's data type name ({@code uint8}, {@code int16}, {@code float32}, ...)
 */
public record Volume(int nx, int ny, int nz, float[] data, String datatype) {

    public Volume {
        if (nx <= 0 || ny <= 0 || nz <= 0) {
            throw new IllegalArgumentException("dimensions must be positive: " + nx + "x" + ny + "x" + nz);
        }
        if ((long) nx * ny * nz != data.length) {
            throw new IllegalArgumentException(
                    nx + "x" + ny + "x" + nz + " needs " + (long) nx * ny * nz + " values, got " + data.length);
        }
    }

    /** {@code [nx, ny, nz]}. */
    public int[] dims() {
        return new int[] {nx, ny, nz};
    }

    /** Number of slices along {@code axis} (0, 1 or 2). */
    public int size(int axis) {
        return switch (axis) {
            case 0 -> nx;
            case 1 -> ny;
            case 2 -> nz;
            default -> throw new IllegalArgumentException("axis must be 0, 1 or 2, got " + axis);
        };
    }

    /**
     * Shape {@code [rows, cols]} of a slice along {@code axis}: the two remaining axes in their volume order,
     * so axis 2 gives {@code [nx, ny]}, axis 1 {@code [nx, nz]}, axis 0 {@code [ny, nz]}.
     */
    public int[] sliceShape(int axis) {
        return switch (axis) {
            case 0 -> new int[] {ny, nz};
            case 1 -> new int[] {nx, nz};
            case 2 -> new int[] {nx, ny};
            default -> throw new IllegalArgumentException("axis must be 0, 1 or 2, got " + axis);
        };
    }

    /** Voxel {@code v[i][j][k]}. */
    public float at(int i, int j, int k) {
        return data[i + nx * (j + ny * k)];
    }

    /**
     * Slice {@code index} along {@code axis}, row-major {@code [rows * cols]} (numpy's {@code v[:, :, z]} and
     * friends without any reorientation): axis 2 → {@code v[:, :, index]} (row = i, col = j); axis 1 →
     * {@code v[:, index, :]} (row = i, col = k); axis 0 → {@code v[index, :, :]} (row = j, col = k).
     */
    public float[] slice(int axis, int index) {
        if (index < 0 || index >= size(axis)) {
            throw new IndexOutOfBoundsException(
                    "slice " + index + " is outside axis " + axis + " of size " + size(axis));
        }
        int[] shape = sliceShape(axis);
        int rows = shape[0];
        int cols = shape[1];
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = switch (axis) {
                    case 0 -> at(index, r, c);
                    case 1 -> at(r, index, c);
                    default -> at(r, c, index);
                };
            }
        }
        return out;
    }

    /** Largest voxel value, NaN voxels ignored; NaN when every voxel is NaN. */
    public float max() {
        float max = Float.NaN;
        for (float v : data) {
            if (!(v <= max) && !Float.isNaN(v)) {
                max = v;
            }
        }
        return max;
    }

    /** A volume of the same shape and type name holding {@code newData}. */
    public Volume withData(float[] newData) {
        return new Volume(nx, ny, nz, newData, datatype);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Volume other && nx == other.nx && ny == other.ny && nz == other.nz
                && datatype.equals(other.datatype) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(dims()) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Volume[" + nx + "x" + ny + "x" + nz + " " + datatype + "]";
    }
}
