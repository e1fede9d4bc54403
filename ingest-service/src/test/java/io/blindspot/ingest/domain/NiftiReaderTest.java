package io.blindspot.ingest.domain;

import io.blindspot.testing.NiftiFiles;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import static io.blindspot.testing.NiftiFiles.dims;
import static io.blindspot.testing.NiftiFiles.file;
import static io.blindspot.testing.NiftiFiles.gzip;
import static io.blindspot.testing.NiftiFiles.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NiftiReaderTest {
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;

    /** 2x3x4 uint8 volume whose n-th stored voxel is n, so v[i][j][k] = i + 2*(j + 3*k). */
    private static byte[] ramp2x3x4() {
        return file(header(LE, dims(2, 3, 4), (short) 2, (short) 8, 352, 0f, 0f, "n+1"), 352, 24, 1,
                (b, n) -> b.put((byte) (int) n));
    }

    @Test
    void readsUint8InFortranOrder() {
        Volume v = NiftiReader.read(ramp2x3x4());

        assertThat(v.dims()).containsExactly(2, 3, 4);
        assertThat(v.datatype()).isEqualTo("uint8");
        for (int n = 0; n < 24; n++) {
            assertThat(v.data()[n]).isEqualTo((float) n);
        }
        // v[1][2][3] = 1 + 2*(2 + 3*3) = 23, v[0][1][2] = 0 + 2*(1 + 6) = 14
        assertThat(v.at(1, 2, 3)).isEqualTo(23f);
        assertThat(v.at(0, 1, 2)).isEqualTo(14f);
        assertThat(v.max()).isEqualTo(23f);
    }

    @Test
    void slicesAlongEachAxisAreRowMajorOverTheRemainingAxes() {
        Volume v = NiftiReader.read(ramp2x3x4());

        // axis 2, z = 1: v[i][j][1] = i + 2j + 6, rows i (2), cols j (3): [[6, 8, 10], [7, 9, 11]]
        assertThat(v.sliceShape(2)).containsExactly(2, 3);
        assertThat(v.slice(2, 1)).containsExactly(6, 8, 10, 7, 9, 11);
        // axis 0, x = 1: v[1][j][k] = 1 + 2j + 6k, rows j (3), cols k (4)
        assertThat(v.sliceShape(0)).containsExactly(3, 4);
        assertThat(v.slice(0, 1)).containsExactly(1, 7, 13, 19, 3, 9, 15, 21, 5, 11, 17, 23);
        // axis 1, y = 2: v[i][2][k] = i + 4 + 6k, rows i (2), cols k (4)
        assertThat(v.sliceShape(1)).containsExactly(2, 4);
        assertThat(v.slice(1, 2)).containsExactly(4, 10, 16, 22, 5, 11, 17, 23);
        assertThatThrownBy(() -> v.slice(2, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void uint8IsUnsigned() {
        // stored byte 0xE6 is 230 as uint8, not -26
        byte[] bytes = file(header(LE, dims(2, 1, 1), (short) 2, (short) 8, 352, 0f, 0f, "n+1"), 352, 2, 1,
                (b, n) -> b.put((byte) (n == 0 ? 0xE6 : 0xFF)));
        assertThat(NiftiReader.read(bytes).data()).containsExactly(230f, 255f);
    }

    @Test
    void readsInt16InBothByteOrders() {
        for (ByteOrder order : new ByteOrder[] {LE, BE}) {
            // voxel n holds (n - 12) * 1000: -12000 .. 11000
            byte[] bytes = file(header(order, dims(2, 3, 4), (short) 4, (short) 16, 352, 0f, 0f, "n+1"), 352, 24,
                    2, (b, n) -> b.putShort((short) ((n - 12) * 1000)));
            Volume v = NiftiReader.read(bytes);
            assertThat(v.datatype()).as(order.toString()).isEqualTo("int16");
            for (int n = 0; n < 24; n++) {
                assertThat(v.data()[n]).as(order + " voxel " + n).isEqualTo((n - 12) * 1000f);
            }
            assertThat(v.slice(2, 3)).as(order.toString()).containsExactly(6000, 8000, 10000, 7000, 9000, 11000);
        }
    }

    @Test
    void readsFloat32AndFloat64() {
        byte[] f32 = file(header(BE, dims(2, 2, 1), (short) 16, (short) 32, 352, 0f, 0f, "n+1"), 352, 4, 4,
                (b, n) -> b.putFloat(n * 0.5f - 3.25f));
        assertThat(NiftiReader.read(f32).data()).containsExactly(-3.25f, -2.75f, -2.25f, -1.75f);
        assertThat(NiftiReader.read(f32).datatype()).isEqualTo("float32");

        // 0.1 as double rounds to the float 0.1f on the way in
        byte[] f64 = file(header(LE, dims(2, 1, 1), (short) 64, (short) 64, 352, 0f, 0f, "n+1"), 352, 2, 8,
                (b, n) -> b.putDouble(n == 0 ? 0.1 : -1e300));
        assertThat(NiftiReader.read(f64).data()).containsExactly(0.1f, Float.NEGATIVE_INFINITY);
    }

    @Test
    void readsInt8Uint16AndInt32() {
        byte[] i8 = file(header(LE, dims(2, 1, 1), (short) 256, (short) 8, 352, 0f, 0f, "n+1"), 352, 2, 1,
                (b, n) -> b.put((byte) (n == 0 ? -128 : 127)));
        assertThat(NiftiReader.read(i8).data()).containsExactly(-128f, 127f);
        assertThat(NiftiReader.read(i8).datatype()).isEqualTo("int8");

        byte[] u16 = file(header(LE, dims(2, 1, 1), (short) 512, (short) 16, 352, 0f, 0f, "n+1"), 352, 2, 2,
                (b, n) -> b.putShort((short) (n == 0 ? 0xFFFF : 0x8000)));
        assertThat(NiftiReader.read(u16).data()).containsExactly(65535f, 32768f);
        assertThat(NiftiReader.read(u16).datatype()).isEqualTo("uint16");

        byte[] i32 = file(header(BE, dims(2, 1, 1), (short) 8, (short) 32, 352, 0f, 0f, "n+1"), 352, 2, 4,
                (b, n) -> b.putInt(n == 0 ? -70000 : 16777217));
        // 2^24 + 1 is not a float: it rounds to 2^24 (ties to even)
        assertThat(NiftiReader.read(i32).data()).containsExactly(-70000f, 16777216f);
        assertThat(NiftiReader.read(i32).datatype()).isEqualTo("int32");
    }

    @Test
    void appliesSlopeAndInterceptInDoubleThenRoundsOnce() {
        // slope 2, inter -1 on int16 raw [-3, 0, 5]: [-7, -1, 9]
        byte[] bytes = file(header(LE, dims(3, 1, 1), (short) 4, (short) 16, 352, 2f, -1f, "n+1"), 352, 3, 2,
                (b, n) -> b.putShort((short) new int[] {-3, 0, 5}[n]));
        assertThat(NiftiReader.read(bytes).data()).containsExactly(-7f, -1f, 9f);

        // int32 raw 2^24 + 1 with slope 1, inter 0.5: in double 16777217.5, nearest float 16777218. Computed in
        // float the raw value would first become 16777216 and the result 16777216.
        byte[] precise = file(header(LE, dims(1, 1, 1), (short) 8, (short) 32, 352, 1f, 0.5f, "n+1"), 352, 1, 4,
                (b, n) -> b.putInt(16777217));
        assertThat(NiftiReader.read(precise).data()).containsExactly(16777218f);
    }

    @Test
    void slopeZeroOrNaNMeansNoScaling() {
        for (float slope : new float[] {0f, Float.NaN}) {
            byte[] bytes = file(header(LE, dims(2, 1, 1), (short) 2, (short) 8, 352, slope, 7f, "n+1"), 352, 2, 1,
                    (b, n) -> b.put((byte) (n + 3)));
            assertThat(NiftiReader.read(bytes).data()).as("slope " + slope).containsExactly(3f, 4f);
        }
    }

    @Test
    void slopeOneInterceptZeroLeavesEveryValueExactly() {
        float[] raw = {-0.0f, 1.1f, Float.MIN_VALUE, 3.4e38f};
        byte[] bytes = file(header(LE, dims(4, 1, 1), (short) 16, (short) 32, 352, 1f, 0f, "n+1"), 352, 4, 4,
                (b, n) -> b.putFloat(raw[n]));
        float[] read = NiftiReader.read(bytes).data();
        for (int n = 0; n < raw.length; n++) {
            assertThat(Float.floatToRawIntBits(read[n])).isEqualTo(Float.floatToRawIntBits(raw[n]));
        }
    }

    @Test
    void gzipAndPlainGiveTheSameVolumeFromBytesAndStreams() {
        byte[] plain = ramp2x3x4();
        Volume expected = NiftiReader.read(plain);

        assertThat(NiftiReader.read(gzip(plain))).isEqualTo(expected);
        assertThat(NiftiReader.read(new ByteArrayInputStream(gzip(plain)))).isEqualTo(expected);
        assertThat(NiftiReader.read(new ByteArrayInputStream(plain))).isEqualTo(expected);
    }

    @Test
    void skipsExtensionsUpToVoxOffset() {
        // vox_offset 400: 52 bytes of extension (here 0x7F filler) between the header and the voxels
        ByteBuffer h = header(LE, dims(2, 1, 1), (short) 2, (short) 8, 400, 0f, 0f, "n+1");
        byte[] bytes = file(h, 400, 2, 1, (b, n) -> b.put((byte) (40 + n)));
        Arrays.fill(bytes, 348, 400, (byte) 0x7F);
        assertThat(NiftiReader.read(bytes).data()).containsExactly(40f, 41f);
        assertThat(NiftiReader.read(gzip(bytes)).data()).containsExactly(40f, 41f);
    }

    @Test
    void acceptsFourDimensionsWithOneTimePointAndTwoDimensionalImages() {
        byte[] fourD = file(header(LE, dims(2, 1, 1, 1), (short) 2, (short) 8, 352, 0f, 0f, "n+1"), 352, 2, 1,
                (b, n) -> b.put((byte) 9));
        assertThat(NiftiReader.read(fourD).dims()).containsExactly(2, 1, 1);

        byte[] twoD = file(header(LE, dims(2, 3), (short) 2, (short) 8, 352, 0f, 0f, "n+1"), 352, 6, 1,
                (b, n) -> b.put((byte) 1));
        assertThat(NiftiReader.read(twoD).dims()).containsExactly(2, 3, 1);
    }

    @Test
    void refusesOneDimensionalImages() {
        byte[] oneD = file(header(LE, dims(4), (short) 2, (short) 8, 352, 0f, 0f, "n+1"), 352, 4, 1,
                (b, n) -> b.put((byte) 1));
        assertThatThrownBy(() -> NiftiReader.read(oneD)).isInstanceOf(InvalidVolumeException.class)
                .hasMessageContaining("a 1D image (dim[0] = 1, 4 voxels) has no 2D slice");
    }

    @Test
    void aHugeDeclaredSizeInATinyFileIsTruncatedNotAllocated() {
        // 512 x 512 x 1024 float32 = 2^28 voxels, 1 GiB: refused as truncated after the few bytes there are, in
        // a heap much smaller than the declared size would need if it were allocated up front.
        byte[] tiny = file(header(LE, dims(512, 512, 1024), (short) 16, (short) 32, 352, 0f, 0f, "n+1"), 352, 4, 4,
                (b, n) -> b.putFloat(1f));
        long before = usedHeap();
        assertThatThrownBy(() -> NiftiReader.read(tiny)).isInstanceOf(InvalidVolumeException.class)
                .hasMessageContaining("file too short: header says 268435456 voxels");
        assertThat(usedHeap() - before).isLessThan(256L << 20);
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    @Test
    void aServiceCapsTheVoxelsFromTheHeaderBeforeDecoding() {
        byte[] header = NiftiFiles.gzip(file(header(LE, dims(512, 512, 512), (short) 16, (short) 32, 352, 0f, 0f,
                "n+1"), 352, 0, 4, (b, n) -> { }));
        assertThatThrownBy(() -> NiftiReader.read(new java.io.ByteArrayInputStream(header), 1L << 25))
                .isInstanceOf(InvalidVolumeException.class)
                .hasMessageContaining("volume too large: 512x512x512 voxels, at most 33554432 are supported here");
    }

    @Test
    void aVolumeLargerThanTheFirstAllocationGrowsToItsSize() {
        int nz = NiftiReader.INITIAL_VOXELS / (64 * 64) + 3;
        byte[] bytes = file(header(LE, dims(64, 64, nz), (short) 4, (short) 16, 352, 0f, 0f, "n+1"), 352,
                64 * 64 * nz, 2, (b, n) -> b.putShort((short) (n % 1000)));
        Volume v = NiftiReader.read(bytes);
        assertThat(v.data()).hasSize(64 * 64 * nz);
        assertThat(v.data()[64 * 64 * nz - 1]).isEqualTo((64 * 64 * nz - 1) % 1000);
    }

    @Test
    void refusesSeveralTimePoints() {
        byte[] bytes = file(header(LE, dims(2, 1, 1, 3), (short) 2, (short) 8, 352, 0f, 0f, "n+1"), 352, 6, 1,
                (b, n) -> b.put((byte) 0));
        assertThatThrownBy(() -> NiftiReader.read(bytes)).isInstanceOf(InvalidVolumeException.class)
                .hasMessageContaining("only 3D volumes are supported: dim[4] is 3");
    }

    @Test
    void refusesCorruptGzip() {
        // a valid gzip header (magic, deflate, no flags, mtime, xfl, OS) followed by bytes that are no deflate data
        byte[] corrupt = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xde, (byte) 0xad,
                (byte) 0xbe, (byte) 0xef, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertThatThrownBy(() -> NiftiReader.read(corrupt)).isInstanceOf(InvalidVolumeException.class)
                .hasMessageContaining("corrupt gzip data");
    }

    @Test
    void refusesTruncatedGzip() {
        byte[] gz = gzip(ramp2x3x4());
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        assertThatThrownBy(() -> NiftiReader.read(cut)).isInstanceOf(InvalidVolumeException.class)
                .hasMessageContaining("corrupt gzip data");
    }

    @Test
    void refusesGzipWithABadChecksum() {
        byte[] gz = gzip(ramp2x3x4());
        gz[gz.length - 8] ^= 0x55; // first byte of the CRC32 trailer
        assertThatThrownBy(() -> NiftiReader.read(gz)).isInstanceOf(InvalidVolumeException.class)
                .hasMessageContaining("corrupt gzip data");
    }

    @Test
    void refusesTruncatedVoxelData() {
        // 2x3x4 int16 needs 352 + 48 = 400 bytes; only 362 are there
        byte[] full = file(header(LE, dims(2, 3, 4), (short) 4, (short) 16, 352, 0f, 0f, "n+1"), 352, 24, 2,
                (b, n) -> b.putShort((short) 1));
        byte[] cut = Arrays.copyOf(full, 362);
        assertThatThrownBy(() -> NiftiReader.read(cut)).isInstanceOf(InvalidVolumeException.class)
                .hasMessage("file too short: header says 24 voxels of int16 at offset 352 (400 bytes) but only "
                        + "362 bytes");
        assertThatThrownBy(() -> NiftiReader.read(gzip(cut))).isInstanceOf(InvalidVolumeException.class)
                .hasMessageContaining("decompressed file too short: header says 24 voxels of int16");
    }

    @Test
    void refusesTruncatedHeaderAndEmptyInput() {
        byte[] header = ramp2x3x4();
        assertThatThrownBy(() -> NiftiReader.read(Arrays.copyOf(header, 100)))
                .isInstanceOf(InvalidVolumeException.class)
                .hasMessage("file too short: 100 bytes, a NIfTI-1 header needs 348");
        assertThatThrownBy(() -> NiftiReader.read(new byte[0])).isInstanceOf(InvalidVolumeException.class)
                .hasMessage("file too short: 0 bytes, a NIfTI-1 header needs 348");
    }

    @Test
    void refusesWrongMagic() {
        byte[] bytes = file(header(LE, dims(2, 1, 1), (short) 2, (short) 8, 352, 0f, 0f, "abc"), 352, 2, 1,
                (b, n) -> b.put((byte) 0));
        assertThatThrownBy(() -> NiftiReader.read(bytes)).isInstanceOf(InvalidVolumeException.class)
                .hasMessage("not a NIfTI-1 file: magic is \"abc\\x00\", expected \"n+1\"");
    }

    @Test
    void refusesHeaderImagePairs() {
        byte[] bytes = file(header(LE, dims(2, 1, 1), (short) 2, (short) 8, 352, 0f, 0f, "ni1"), 352, 2, 1,
                (b, n) -> b.put((byte) 0));
        assertThatThrownBy(() -> NiftiReader.read(bytes)).isInstanceOf(InvalidVolumeException.class)
                .hasMessageContaining("header/image pairs (.hdr + .img, magic \"ni1\") are not supported");
    }

    @Test
    void refusesNifti2InEitherByteOrder() {
        for (ByteOrder order : new ByteOrder[] {LE, BE}) {
            byte[] bytes = new byte[600];
            ByteBuffer.wrap(bytes).order(order).putInt(0, 540);
            assertThatThrownBy(() -> NiftiReader.read(bytes)).isInstanceOf(InvalidVolumeException.class)
                    .hasMessageContaining("NIfTI-2 is not supported");
        }
    }

    @Test
    void refusesFilesThatAreNotNifti() {
        byte[] png = Arrays.copyOf(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, 400);
        assertThatThrownBy(() -> NiftiReader.read(png)).isInstanceOf(InvalidVolumeException.class)
                .hasMessageContaining("not a NIfTI-1 file: sizeof_hdr must be 348");
    }

    @Test
    void refusesUnsupportedDatatypesNamingTheCode() {
        byte[] rgb = file(header(LE, dims(2, 1, 1), (short) 128, (short) 24, 352, 0f, 0f, "n+1"), 352, 2, 3,
                (b, n) -> b.put(new byte[3]));
        assertThatThrownBy(() -> NiftiReader.read(rgb)).isInstanceOf(InvalidVolumeException.class)
                .hasMessageContaining("unsupported NIfTI datatype code 128 (RGB)");
    }

    @Test
    void refusesInvalidDimensionsAndVoxOffset() {
        short[] zero = dims(2, 0, 1);
        byte[] zeroSize = file(header(LE, zero, (short) 2, (short) 8, 352, 0f, 0f, "n+1"), 352, 0, 1,
                (b, n) -> { });
        assertThatThrownBy(() -> NiftiReader.read(zeroSize)).isInstanceOf(InvalidVolumeException.class)
                .hasMessageContaining("dim[2] is 0");

        byte[] inHeader = file(header(LE, dims(2, 1, 1), (short) 2, (short) 8, 0f, 0f, 0f, "n+1"), 352, 2, 1,
                (b, n) -> b.put((byte) 0));
        assertThatThrownBy(() -> NiftiReader.read(inHeader)).isInstanceOf(InvalidVolumeException.class)
                .hasMessageContaining("vox_offset is 0.0");
    }
}
