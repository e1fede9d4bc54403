package io.blindspot.launcher.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.GZIPOutputStream;

/**
 * Writes small single-file NIfTI-1 volumes (float32, little-endian) for tests: the 348-byte header of nifti1.h
 * (sizeof_hdr, dim, datatype 16, bitpix 32, pixdim, vox_offset 352, scl_slope 1, magic "n+1"), 4 bytes of
 * extension flags, then the voxels in Fortran order ({@code v[i][j][k]} at {@code i + nx (j + ny k)}).
 */
public final class TinyNifti {
    private TinyNifti() {
    }

    /** @param voxel value of {@code v[i][j][k]} */
    public static byte[] float32(int nx, int ny, int nz, VoxelFunction voxel) {
        ByteBuffer b = ByteBuffer.allocate(352 + 4 * nx * ny * nz).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 348);
        short[] dim = {3, (short) nx, (short) ny, (short) nz, 1, 1, 1, 1};
        for (int d = 0; d < 8; d++) {
            b.putShort(40 + 2 * d, dim[d]);
        }
        b.putShort(70, (short) 16); // NIFTI_TYPE_FLOAT32
        b.putShort(72, (short) 32);
        for (int d = 0; d < 8; d++) {
            b.putFloat(76 + 4 * d, 1f);
        }
        b.putFloat(108, 352f);
        b.putFloat(112, 1f);
        b.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1').put(347, (byte) 0);
        int n = 352;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    b.putFloat(n, voxel.at(i, j, k));
                    n += 4;
                }
            }
        }
        return b.array();
    }

    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @FunctionalInterface
    public interface VoxelFunction {
        float at(int i, int j, int k);
    }
}
