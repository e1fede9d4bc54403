package io.blindspot.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.zip.GZIPOutputStream;

/**
 * Builds small NIfTI-1 files byte by byte for tests (layout of nifti1.h: sizeof_hdr 348, dim at 40, datatype 70,
 * bitpix 72, pixdim 76, vox_offset 108, scl_slope 112, scl_inter 116, magic 344): any header for the reader's
 * tests, whole single files ("n+1", little-endian, voxels at 352) for the services and the end-to-end tests.
 */
public final class NiftiFiles {
    private NiftiFiles() {
    }

    /** A header of sizeof_hdr 348, the given dims, datatype/bitpix, vox_offset, scaling and magic; pixdim[0] 1. */
    public static ByteBuffer header(ByteOrder order, short[] dim, short datatype, short bitpix, float voxOffset,
                                    float slope, float inter, String magic) {
        ByteBuffer h = ByteBuffer.allocate(348).order(order);
        h.putInt(0, 348);
        for (int d = 0; d < 8; d++) {
            h.putShort(40 + 2 * d, d < dim.length ? dim[d] : 1);
        }
        h.putShort(70, datatype);
        h.putShort(72, bitpix);
        h.putFloat(76, 1f);
        h.putFloat(108, voxOffset);
        h.putFloat(112, slope);
        h.putFloat(116, inter);
        byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 4; i++) {
            h.put(344 + i, i < m.length ? m[i] : 0);
        }
        return h;
    }

    /**
     * A complete single file: header, zero padding up to {@code voxOffset}, then {@code count} voxels of
     * {@code bytesPerVoxel} each, written by {@code put(buffer, n)} for voxel n.
     */
    public static byte[] file(ByteBuffer header, int voxOffset, int count, int bytesPerVoxel,
                              BiConsumer<ByteBuffer, Integer> put) {
        ByteBuffer b = ByteBuffer.allocate(voxOffset + count * bytesPerVoxel).order(header.order());
        b.put(header.array());
        b.position(voxOffset);
        for (int n = 0; n < count; n++) {
            put.accept(b, n);
        }
        return b.array();
    }

    /**
     * A single little-endian file ("n+1", every pixdim 1, vox_offset 352, scl_slope 0: unscaled) of the given
     * dims and datatype/bitpix, followed by {@code voxels} as they are, whether or not they fit the header.
     */
    public static byte[] nifti(short[] dim, int datatype, int bitpix, byte[] voxels) {
        return single(dim, (short) datatype, (short) bitpix, 0f, voxels);
    }

    /**
     * A single little-endian float32 volume (scl_slope 1, every pixdim 1, vox_offset 352) with the voxels in
     * Fortran order: {@code v[i][j][k]} at {@code i + nx (j + ny k)}.
     *
     * @param voxel value of {@code v[i][j][k]}
     */
    public static byte[] float32(int nx, int ny, int nz, VoxelFunction voxel) {
        ByteBuffer v = ByteBuffer.allocate(4 * nx * ny * nz).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    v.putFloat(voxel.at(i, j, k));
                }
            }
        }
        return single(dims(nx, ny, nz), (short) 16, (short) 32, 1f, v.array());
    }

    private static byte[] single(short[] dim, short datatype, short bitpix, float slope, byte[] voxels) {
        ByteBuffer h = header(ByteOrder.LITTLE_ENDIAN, dim, datatype, bitpix, 352f, slope, 0f, "n+1");
        for (int d = 1; d < 8; d++) {
            h.putFloat(76 + 4 * d, 1f);
        }
        ByteBuffer b = ByteBuffer.allocate(352 + voxels.length);
        b.put(h.array());
        b.put(352, voxels);
        return b.array();
    }

    /** {@code count} little-endian float32 values, {@code value.at(n)} for the n-th. */
    public static byte[] floats(int count, FloatOf value) {
        ByteBuffer b = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
        for (int n = 0; n < count; n++) {
            b.putFloat(value.at(n));
        }
        return b.array();
    }

    /** The dim field: rank {@code sizes.length}, then the sizes, 1 for the dimensions beyond. */
    public static short[] dims(int... sizes) {
        short[] dim = new short[8];
        dim[0] = (short) sizes.length;
        for (int d = 1; d < 8; d++) {
            dim[d] = (short) (d <= sizes.length ? sizes[d - 1] : 1);
        }
        return dim;
    }

    public static byte[] gzip(byte[] bytes) {
        return gzip(bytes, 0);
    }

    /** {@code file} gzipped, followed (inside the same gzip stream) by at least {@code zeros} zero bytes. */
    public static byte[] gzip(byte[] file, int zeros) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(file);
            byte[] block = new byte[1 << 16];
            for (int done = 0; done < zeros; done += block.length) {
                gz.write(block);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @FunctionalInterface
    public interface VoxelFunction {
        float at(int i, int j, int k);
    }

    @FunctionalInterface
    public interface FloatOf {
        float at(int n);
    }
}
