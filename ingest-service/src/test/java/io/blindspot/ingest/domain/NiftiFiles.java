package io.blindspot.ingest.domain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.BiConsumer;
import java.util.zip.GZIPOutputStream;

/** Builds small NIfTI-1 files byte by byte for the reader's tests (layout of nifti1.h). */
final class NiftiFiles {
    private NiftiFiles() {
    }

    /** A header of sizeof_hdr 348, the given dims, datatype/bitpix, vox_offset, scaling and magic. */
    static ByteBuffer header(ByteOrder order, short[] dim, short datatype, short bitpix, float voxOffset,
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
        byte[] m = magic.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = 0; i < 4; i++) {
            h.put(344 + i, i < m.length ? m[i] : 0);
        }
        return h;
    }

    /**
     * A complete single file: header, zero padding up to {@code voxOffset}, then {@code count} voxels of
     * {@code bytesPerVoxel} each, written by {@code put(buffer, n)} for voxel n.
     */
    static byte[] file(ByteBuffer header, int voxOffset, int count, int bytesPerVoxel,
                       BiConsumer<ByteBuffer, Integer> put) {
        ByteBuffer b = ByteBuffer.allocate(voxOffset + count * bytesPerVoxel).order(header.order());
        b.put(header.array());
        b.position(voxOffset);
        for (int n = 0; n < count; n++) {
            put.accept(b, n);
        }
        return b.array();
    }

    static short[] dims(int... sizes) {
        short[] dim = new short[8];
        dim[0] = (short) sizes.length;
        for (int d = 1; d < 8; d++) {
            dim[d] = (short) (d <= sizes.length ? sizes[d - 1] : 1);
        }
        return dim;
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
