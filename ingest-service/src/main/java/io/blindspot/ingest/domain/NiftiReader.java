package io.blindspot.ingest.domain;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads single-file NIfTI-1 volumes ({@code .nii}, or {@code .nii.gz} recognised by the gzip magic
 * {@code 1f 8b}, whatever the name says) into a {@link Volume}.
 *
 * <p>Conventions, chosen to match nibabel's {@code get_fdata()} followed by a float32 cast:
 * <ul>
 *   <li>Endianness is whatever makes {@code sizeof_hdr} read 348.</li>
 *   <li>Voxels stay in the file's Fortran order, no reorientation by qform/sform:
 *       {@code v[i][j][k] = data[i + nx*(j + ny*k)]}.</li>
 *   <li>{@code scl_slope} 0 or not finite means "no scaling" (NIfTI-1 standard); otherwise
 *       {@code value = slope*raw + inter} computed in double, then rounded once to float32. A slope of 1 and an
 *       intercept of 0 leave every value exactly {@code (float) raw}. A non-finite intercept counts as 0.</li>
 *   <li>3D, or 4D and more with every extra dimension of size 1; a 2D image (one slice) has {@code nz = 1}. A 1D
 *       image is refused: no slice of it has two dimensions.</li>
 * </ul>
 * Everything else (NIfTI-2, header/image pairs, other data types, truncated or corrupt files) is an
 * {@link InvalidVolumeException} whose message says what is wrong.
 */
public final class NiftiReader {
    static final int HEADER_SIZE = 348;
    static final int NIFTI2_HEADER_SIZE = 540;
    /** 1 GiB of float32: far above any brain MRI (ch2bet has 7.1 M voxels) and safely below Java's array limit. */
    static final long MAX_VOXELS = 1L << 28;
    /** After the voxels a gzip stream is read on up to this far so that its CRC is checked; rest is ignored. */
    private static final long MAX_TRAILING_BYTES = 16L << 20;
    private static final int CHUNK = 1 << 16;
    /** Voxels allocated before any has been read (4 MiB of float32); doubled as the file delivers more. */
    static final int INITIAL_VOXELS = 1 << 20;

    private NiftiReader() {
    }

    public static Volume read(byte[] bytes) {
        return read(new ByteArrayInputStream(bytes));
    }

    /** Reads a whole volume from {@code in}; does not close it. */
    public static Volume read(InputStream in) {
        return read(in, MAX_VOXELS);
    }

    /**
     * Reads a whole volume from {@code in}, refusing one of more than {@code maxVoxels} voxels from its header,
     * before any voxel is read (a service sizes this to its heap: a decoded volume is 4 bytes per voxel, and
     * normalising it makes a copy); does not close {@code in}.
     */
    public static Volume read(InputStream in, long maxVoxels) {
        try {
            BufferedInputStream buffered = new BufferedInputStream(in, CHUNK);
            if (isGzip(buffered)) {
                return readGzip(buffered, maxVoxels);
            }
            return readPlain(new CountingStream(buffered), false, maxVoxels);
        } catch (IOException e) {
            throw new InvalidVolumeException("cannot read the volume: " + e.getMessage(), e);
        }
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b;
    }

    private static Volume readGzip(InputStream in, long maxVoxels) {
        try {
            CountingStream decompressed = new CountingStream(new GZIPInputStream(in, CHUNK));
            Volume volume = readPlain(decompressed, true, maxVoxels);
            // The CRC and length of a gzip member are checked only at its end: read on so that a corrupt
            // archive is refused rather than silently accepted.
            long skipped = 0;
            byte[] sink = new byte[CHUNK];
            int n;
            while (skipped < MAX_TRAILING_BYTES && (n = decompressed.read(sink)) > 0) {
                skipped += n;
            }
            return volume;
        } catch (ZipException e) {
            throw new InvalidVolumeException("not a gzip stream / corrupt gzip data: " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new InvalidVolumeException("corrupt gzip data: the compressed stream ends early (truncated file?)",
                    e);
        } catch (IOException e) {
            throw new InvalidVolumeException("corrupt gzip data: " + e.getMessage(), e);
        }
    }

    private static Volume readPlain(CountingStream in, boolean gzipped, long maxVoxels) throws IOException {
        String container = gzipped ? "decompressed file" : "file";
        byte[] headerBytes = in.readNBytes(HEADER_SIZE);
        if (headerBytes.length < 4) {
            throw new InvalidVolumeException(container + " too short: " + headerBytes.length
                    + " bytes, a NIfTI-1 header needs " + HEADER_SIZE);
        }
        ByteBuffer header = ByteBuffer.wrap(headerBytes);
        header.order(byteOrderOf(header));
        if (headerBytes.length < HEADER_SIZE) {
            throw new InvalidVolumeException(container + " too short: " + headerBytes.length
                    + " bytes, a NIfTI-1 header needs " + HEADER_SIZE);
        }
        Header h = Header.parse(header, Math.min(maxVoxels, MAX_VOXELS));

        long voxels = (long) h.nx * h.ny * h.nz;
        long needed = h.voxOffset + voxels * h.type.bytes;
        // Extensions (if any) lie between the header and vox_offset; they are not needed. A file ending in
        // them is reported by the voxel loop below.
        long remaining = h.voxOffset - HEADER_SIZE;
        while (remaining > 0) {
            long s = in.skip(remaining);
            if (s <= 0) {
                if (in.read() < 0) {
                    break;
                }
                s = 1;
            }
            remaining -= s;
        }
        // Grown as voxels arrive rather than allocated from the header: a header declaring 2^28 voxels in a
        // file of a few bytes must be refused as truncated, not take a gigabyte of heap first.
        float[] data = new float[(int) Math.min(voxels, INITIAL_VOXELS)];
        byte[] chunk = new byte[CHUNK - CHUNK % 8];
        ByteBuffer view = ByteBuffer.wrap(chunk).order(header.order());
        int done = 0;
        while (done < voxels) {
            int want = (int) Math.min(chunk.length / h.type.bytes, voxels - done) * h.type.bytes;
            int got = in.readNBytes(chunk, 0, want);
            if (got < want) {
                throw new InvalidVolumeException(String.format(Locale.ROOT,
                        "%s too short: header says %d voxels of %s at offset %d (%d bytes) but only %d bytes",
                        container, voxels, h.type.label, h.voxOffset, needed, in.count()));
            }
            if (done + want / h.type.bytes > data.length) {
                data = Arrays.copyOf(data, (int) Math.min(voxels, Math.max(2L * data.length, done + want)));
            }
            for (int p = 0; p < want; p += h.type.bytes) {
                data[done++] = h.scale(h.type.raw(view, p));
            }
        }
        return new Volume(h.nx, h.ny, h.nz, data, h.type.label);
    }

    /** The order in which {@code sizeof_hdr} reads 348; NIfTI-2 and non-NIfTI files are refused here. */
    private static ByteOrder byteOrderOf(ByteBuffer header) {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            int size = header.order(order).getInt(0);
            if (size == HEADER_SIZE) {
                return order;
            }
            if (size == NIFTI2_HEADER_SIZE) {
                throw new InvalidVolumeException("NIfTI-2 is not supported (sizeof_hdr 540); save the volume as "
                        + "NIfTI-1");
            }
        }
        throw new InvalidVolumeException("not a NIfTI-1 file: sizeof_hdr must be 348, found "
                + header.order(ByteOrder.LITTLE_ENDIAN).getInt(0) + " (little-endian) / "
                + header.order(ByteOrder.BIG_ENDIAN).getInt(0) + " (big-endian)");
    }

    /** The fields of a NIfTI-1 header this reader uses, validated. */
    private record Header(int nx, int ny, int nz, DataType type, long voxOffset, double slope, double inter,
                          boolean scaled) {

        static Header parse(ByteBuffer b, long maxVoxels) {
            checkMagic(b);
            short[] dim = new short[8];
            for (int d = 0; d < 8; d++) {
                dim[d] = b.getShort(40 + 2 * d);
            }
            int rank = dim[0];
            if (rank == 1) {
                throw new InvalidVolumeException("a 1D image (dim[0] = 1, " + dim[1] + " voxels) has no 2D slice; "
                        + "upload a 3D volume (or a 2D image)");
            }
            if (rank < 1 || rank > 7) {
                throw new InvalidVolumeException("invalid header: dim[0] (number of dimensions) is " + rank
                        + ", expected 1 to 7");
            }
            for (int d = 1; d <= rank; d++) {
                if (dim[d] <= 0) {
                    throw new InvalidVolumeException("invalid header: dim[" + d + "] is " + dim[d]
                            + ", sizes must be positive");
                }
            }
            for (int d = 4; d <= rank; d++) {
                if (dim[d] != 1) {
                    throw new InvalidVolumeException("only 3D volumes are supported: dim[" + d + "] is " + dim[d]
                            + (d == 4 ? " (a 4D series with more than one volume)" : "") + ", it must be 1");
                }
            }
            int nx = dim[1];
            int ny = rank >= 2 ? dim[2] : 1;
            int nz = rank >= 3 ? dim[3] : 1;
            if ((long) nx * ny * nz > maxVoxels) {
                throw new InvalidVolumeException("volume too large: " + nx + "x" + ny + "x" + nz + " voxels, at most "
                        + maxVoxels + " are supported here (blindspot.ingest.max-voxels); crop or downsample it");
            }
            DataType type = DataType.of(b.getShort(70));
            float voxOffset = b.getFloat(108);
            if (!(voxOffset >= HEADER_SIZE) || voxOffset > Integer.MAX_VALUE) {
                throw new InvalidVolumeException("invalid header: vox_offset is " + voxOffset
                        + ", a single-file NIfTI-1 stores its voxels at offset 348 or later");
            }
            float slope = b.getFloat(112);
            float inter = b.getFloat(116);
            boolean scaled = slope != 0f && Float.isFinite(slope) && !(slope == 1f && inter == 0f);
            return new Header(nx, ny, nz, type, (long) voxOffset, slope, Float.isFinite(inter) ? inter : 0.0,
                    scaled);
        }

        private static void checkMagic(ByteBuffer b) {
            byte[] magic = new byte[4];
            b.get(344, magic);
            if (magic[0] == 'n' && magic[1] == 'i' && magic[2] == '1' && magic[3] == 0) {
                throw new InvalidVolumeException("header/image pairs (.hdr + .img, magic \"ni1\") are not supported; "
                        + "convert the volume to a single .nii or .nii.gz file");
            }
            if (!(magic[0] == 'n' && magic[1] == '+' && magic[2] == '1' && magic[3] == 0)) {
                throw new InvalidVolumeException("not a NIfTI-1 file: magic is \"" + printable(magic)
                        + "\", expected \"n+1\"");
            }
        }

        private static String printable(byte[] bytes) {
            StringBuilder s = new StringBuilder();
            for (byte c : bytes) {
                s.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format(Locale.ROOT, "\\x%02x", c));
            }
            return s.toString();
        }

        float scale(double raw) {
            return scaled ? (float) (slope * raw + inter) : (float) raw;
        }
    }

    /** The NIfTI-1 data types read here, by their {@code datatype} code. */
    private enum DataType {
        UINT8(2, 1, "uint8"), INT16(4, 2, "int16"), INT32(8, 4, "int32"), FLOAT32(16, 4, "float32"),
        FLOAT64(64, 8, "float64"), INT8(256, 1, "int8"), UINT16(512, 2, "uint16");

        final int code;
        final int bytes;
        final String label;

        DataType(int code, int bytes, String label) {
            this.code = code;
            this.bytes = bytes;
            this.label = label;
        }

        static DataType of(int code) {
            for (DataType t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            throw new InvalidVolumeException("unsupported NIfTI datatype code " + code + describe(code)
                    + "; supported: 2 (uint8), 4 (int16), 8 (int32), 16 (float32), 64 (float64), 256 (int8), "
                    + "512 (uint16)");
        }

        private static String describe(int code) {
            return switch (code) {
                case 1 -> " (binary)";
                case 32 -> " (complex64)";
                case 128 -> " (RGB)";
                case 768 -> " (uint32)";
                case 1024 -> " (int64)";
                case 1280 -> " (uint64)";
                case 1536 -> " (float128)";
                case 1792 -> " (complex128)";
                case 2048 -> " (complex256)";
                case 2304 -> " (RGBA)";
                default -> "";
            };
        }

        /** The raw value at byte {@code p}, exact in double for every type read here. */
        double raw(ByteBuffer b, int p) {
            return switch (this) {
                case UINT8 -> b.get(p) & 0xff;
                case INT8 -> b.get(p);
                case INT16 -> b.getShort(p);
                case UINT16 -> b.getShort(p) & 0xffff;
                case INT32 -> b.getInt(p);
                case FLOAT32 -> b.getFloat(p);
                case FLOAT64 -> b.getDouble(p);
            };
        }
    }

    /** Counts the bytes read, for messages about truncated files. */
    private static final class CountingStream extends InputStream {
        private final InputStream in;
        private long count;

        CountingStream(InputStream in) {
            this.in = in;
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = in.skip(n);
            if (s > 0) {
                count += s;
            }
            return s;
        }
    }
}
