package io.blindspot.ingest.domain;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every expected value is exact. Besides the hand derivations, the literals were printed once (no Python at test
 * time) by Debian's python3-skimage 0.19.3 on numpy 1.24.2, the versions of the golden values:
 * <pre>
 * mask = img > 0; out = skimage.exposure.equalize_hist(img, nbins=256, mask=mask) * mask
 * print(", ".join(str(np.float32(v)) + "f" for v in out.ravel()))          # img a float32 array
 * </pre>
 */
class HistogramEqualizationTest {
    private static Volume ch2bet;

    @BeforeAll
    static void readCh2bet() throws IOException {
        try (InputStream in = HistogramEqualizationTest.class.getResourceAsStream("/samples/ch2bet.nii.gz")) {
            ch2bet = Normalisation.byVolumeMaximum(NiftiReader.read(in));
        }
    }

    @Test
    void fourBrainPixelsByHand() {
        // Brain 0.25, 0.5, 0.5, 1.0: lo 0.25, hi 1, bin width 0.75/256 = 3/1024, so every edge 0.25 + 3i/1024 and
        // centre 0.25 + 3(2i+1)/2048 is exact in float32. 0.25 -> bin 0; 0.5 -> (0.25 * 1024/3 = 85.3) bin 85;
        // 1.0 -> the closed last bin. cdf: 1/4 for bins 0-84, 3/4 for 85-254, 1 for 255.
        // 0.25 lies left of centre 0 -> cdf[0] = 0.25. 0.5 lies between centre 84 (0.25 + 507/2048) and centre 85
        // (0.25 + 513/2048): 0.25 + (0.75 - 0.25) * (5/2048) / (6/2048) = 0.25 + 5/12 = 2/3. 1.0 lies right of
        // centre 255 (0.25 + 1533/2048) -> 1. Background: 0. skimage prints the same.
        float[] slice = {0f, 0.25f, 0.5f, 0.5f, 1f, 0f};

        assertThat(HistogramEqualization.equalize(slice)).containsExactly(0f, 0.25f, 0.6666667f, 0.6666667f, 1f, 0f);
        assertThat(slice).as("input untouched").containsExactly(0f, 0.25f, 0.5f, 0.5f, 1f, 0f);
    }

    @Test
    void equalBrainValuesWidenTheRangeByHalfAndBecomeOneHalf() {
        // All brain pixels 0.5: np.histogram widens (0.5, 0.5) to (0, 1); edges i/256, 0.5 = edge 128 -> bin 128;
        // cdf 0 for bins 0-127, 1 from 128. 0.5 lies midway between centres 255/512 and 257/512 -> 0.5.
        assertThat(HistogramEqualization.equalize(new float[] {0f, 0.5f, 0.5f, 0.5f}))
                .containsExactly(0f, 0.5f, 0.5f, 0.5f);
        // skimage: same for 7 (range 6.5 to 7.5) and for a single brain pixel 0.3
        assertThat(HistogramEqualization.equalize(new float[] {7f, 7f, 0f, 7f})).containsExactly(0.5f, 0.5f, 0f, 0.5f);
        assertThat(HistogramEqualization.equalize(new float[] {0f, 0.3f, 0f, 0f})).containsExactly(0f, 0.5f, 0f, 0f);
    }

    @Test
    void valuesKOver133OnBinEdgesMatchSkimage() {
        // (float) k / (float) 133 for k = 0, 1, 2, 33, 34, 35, 66, 67, 68, 99, 100, 101, 132, 133, 0, 50. With lo
        // 1/133 and hi 1, k = 34, 67, 100 sit on bin edges 64, 128, 192, where float32 and double edges disagree
        // (double edges give 67 and 100 each 0.0357 more than skimage).
        int[] ks = {0, 1, 2, 33, 34, 35, 66, 67, 68, 99, 100, 101, 132, 133, 0, 50};
        float[] slice = new float[ks.length];
        for (int n = 0; n < ks.length; n++) {
            slice[n] = (float) ks[n] / (float) 133;
        }

        assertThat(HistogramEqualization.equalize(slice)).containsExactly(
                0.0f, 0.071428575f, 0.14285715f, 0.18290068f, 0.25f, 0.35714287f, 0.46861526f, 0.53571427f,
                0.64285713f, 0.68290037f, 0.75f, 0.85714287f, 0.89718604f, 1.0f, 0.0f, 0.39502135f);
    }

    @Test
    void negativeAndZeroPixelsAreBackgroundAndOutsideTheHistogram() {
        float[] slice = {-0.2f, 0f, 0.1f, 0.3f, 0.3f, 0.3f, 0.7f, 0.05f, 0.9f, 0f, 0.45f, 0.1f};

        assertThat(HistogramEqualization.equalize(slice)).containsExactly(
                0.0f, 0.0f, 0.23529445f, 0.5980409f, 0.5980409f, 0.5980409f, 0.8888889f, 0.11111111f, 1.0f, 0.0f,
                0.77451056f, 0.23529445f);
    }

    @Test
    void binsNarrowerThanAFloatStepFollowNumpy() {
        // Brain 1 + 2^-23 and 1 + 2^-22 (one float step apart): edges 0-127 round to the first, 128-256 to the
        // second, so "edges[i] <= v < edges[i+1]" holds for no bin of the first value. numpy's guess (bin 0) moves
        // up one bin to 1; centres 0-126 equal the first value, whose cdf there is 1/2. skimage: 0.5, 1.
        float a = Math.nextUp(1f);
        float b = Math.nextUp(a);
        assertThat(HistogramEqualization.equalize(new float[] {a, b, 0f})).containsExactly(0.5f, 1f, 0f);
        // 1 and 1 + 2^-23, the second twice: skimage 1/3, 1, 1
        assertThat(HistogramEqualization.equalize(new float[] {1f, a, a, 0f}))
                .containsExactly(0.33333334f, 1f, 1f, 0f);
    }

    @Test
    void aSliceWithoutBrainStaysZero() {
        // skimage returns NaN everywhere here (its cdf is 0/0); ingest keeps the slice times its (empty) mask
        assertThat(HistogramEqualization.equalize(new float[] {0f, -0.5f, 0f})).containsExactly(0f, 0f, 0f);
        assertThat(HistogramEqualization.equalize(new float[0])).isEmpty();
    }

    @Test
    void refusesNonFinitePixels() {
        assertThatThrownBy(() -> HistogramEqualization.equalize(new float[] {0.5f, Float.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite pixel: NaN");
        assertThatThrownBy(() -> HistogramEqualization.equalize(new float[] {Float.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
    }

    /**
     * The golden slices of ch2bet (normalised by 133), every pixel bit for bit: the SHA-256 of the little-endian
     * float32 bytes of skimage's output, {@code hashlib.sha256(out.astype('<f4').tobytes())}, with slice z =
     * {@code vol[:, :, z]} in C order, and two pixels as literals.
     */
    @Test
    void goldenSlicesOfCh2betMatchSkimageBitForBit() {
        assertSlice(80, "37eec0592bbdd11b2cbf1fa132f560d209d964ef1f114afde3ae2f32b2f89c58", 0.07536451f, 0.862601f);
        assertSlice(85, "65fc0761931330c433a46f80fa6a0e2d4b693d1f9fbb25a4eea4f1afe5a379ee", 0.03972258f, 0.7094692f);
        assertSlice(90, "3dda2b1ff5a2a7a2f8da74a509a3c3d1e59a4a01f487264b60230c793c5d0441", 0.057511825f,
                0.5938879f);
        assertSlice(95, "904f840aea06e4649ab6fb0ed947c063ee229c3f82e11c1130bc849fb93c5ebe", 0.29344586f, 0.709142f);
    }

    private static void assertSlice(int z, String sha256, float at90x110, float at60x100) {
        float[] out = HistogramEqualization.equalize(ch2bet.slice(2, z));
        int cols = 217;
        assertThat(out[90 * cols + 110]).as("slice %d pixel (90, 110)", z).isEqualTo(at90x110);
        assertThat(out[60 * cols + 100]).as("slice %d pixel (60, 100)", z).isEqualTo(at60x100);
        assertThat(sha256(out)).as("slice %d, all pixels", z).isEqualTo(sha256);
    }

    private static String sha256(float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
