package io.blindspot.contracts;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NpyTest {

    @Test
    void writesTheHeaderNumpyWrites() {
        byte[] bytes = Npy.write(FloatArray.of2d(2, 3, new float[] {0f, 1f, 2f, 3f, 4f, 5f}));
        // numpy.save(np.zeros((2, 3), '<f4')) writes this dict, space-padded so the data starts at byte 64.
        String header = new String(bytes, 10, 118, StandardCharsets.US_ASCII);
        assertThat(header).isEqualTo("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"
                + " ".repeat(58) + "\n");
        assertThat(bytes[8]).isEqualTo((byte) 118);
        assertThat(bytes.length).isEqualTo(128 + 24);
        assertThat(bytes[128 + 6]).isEqualTo((byte) 0x80); // 1.0f little-endian: 00 00 80 3f
        assertThat(bytes[128 + 7]).isEqualTo((byte) 0x3f);
    }

    @Test
    void roundTripsEveryValueBitForBit() {
        float[] data = {0f, -0f, 1.5f, Float.MIN_VALUE, Float.MAX_VALUE, 1f / 133f};
        FloatArray array = new FloatArray(new int[] {1, 2, 3}, data);
        assertThat(Npy.read(Npy.write(array))).isEqualTo(array);
    }

    @Test
    void oneDimensionalShapeKeepsTheTrailingComma() {
        byte[] bytes = Npy.write(new FloatArray(new int[] {3}, new float[3]));
        assertThat(new String(bytes, 10, 60, StandardCharsets.US_ASCII)).contains("'shape': (3,)");
    }

    @Test
    void refusesOtherDtypes() {
        byte[] bytes = Npy.write(FloatArray.of2d(1, 1, new float[] {1f}));
        byte[] f8 = new String(bytes, StandardCharsets.ISO_8859_1).replace("<f4", "<f8")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> Npy.read(f8)).hasMessageContaining("'<f8'");
        assertThatThrownBy(() -> Npy.read(new byte[] {1, 2, 3})).hasMessageContaining("magic");
    }
}
