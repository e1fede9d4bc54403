package io.blindspot.inference.domain;

import io.blindspot.contracts.FloatArray;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pins {@link GaussianBlur} to golden rule 5 with hand derivations, and to scipy 1.10.1 /
 * numpy 1.24.2 ({@code scipy.ndimage.gaussian_filter(img, sigma)} on float32 input, run once on Debian amd64; the
 * printed float32 values are pasted below as literals). Every comparison is exact.
 */
class GaussianBlurTest {

    // ---- radius, kernel, reflect -------------------------------------------------------------------------------

    @Test
    void radiusIsFourSigmaRoundedHalfUp() {
        // r = (int) (4 sigma + 0.5): 0.1 -> (int) 0.9 = 0; 0.125 -> (int) 1.0 = 1; 0.2 -> (int) 1.3 = 1;
        // 0.5 -> 2; 1 -> 4; 2 -> 8; 5 -> 20.
        assertThat(GaussianBlur.radius(0.0)).isZero();
        assertThat(GaussianBlur.radius(0.1)).isZero();
        assertThat(GaussianBlur.radius(0.125)).isEqualTo(1);
        assertThat(GaussianBlur.radius(0.2)).isEqualTo(1);
        assertThat(GaussianBlur.radius(0.5)).isEqualTo(2);
        assertThat(GaussianBlur.radius(1.0)).isEqualTo(4);
        assertThat(GaussianBlur.radius(2.0)).isEqualTo(8);
        assertThat(GaussianBlur.radius(5.0)).isEqualTo(20);
    }

    @Test
    void kernelOfSigmaHalfIsExpMinusTwoXSquaredNormalised() {
        // sigma 0.5: factor -0.5 / 0.25 = -2 exactly, so phi(x) = exp(-2 x²): 1, e^-2, e^-8 (x = 0, ±1, ±2).
        // numpy: exp(-2) = 0x1.152aaa3bf81ccp-3 = 0.1353352832366127, exp(-8) = 0.00033546262790251185.
        // 5 values (< 8): numpy sums them in order from 0: (((0 + e^-8) + e^-2) + 1) + e^-2) + e^-8.
        double e2 = 0.1353352832366127;
        double e8 = 0.00033546262790251185;
        double sum = 0.0 + e8 + e2 + 1.0 + e2 + e8;
        double[] kernel = GaussianBlur.kernel(0.5, 2);
        assertThat(kernel).containsExactly(e8 / sum, e2 / sum, 1.0 / sum, e2 / sum, e8 / sum);
        // scipy.ndimage._filters._gaussian_kernel1d(0.5, 0, 2):
        assertThat(kernel).containsExactly(0.00026386508273735414, 0.10645077197359151, 0.7865707258873422,
                0.10645077197359151, 0.00026386508273735414);
    }

    @Test
    void kernelRoundsTheFactorBeforeMultiplyingByXSquaredAsNumpyDoes() {
        // sigma 0.7, r = (int) 3.3 = 3. numpy evaluates (-0.5 / sigma²) * x²; at x = ±3 that rounds differently
        // from -0.5 * x * x / sigma², and the outer weight comes out 5.85246234399087e-05 (scipy) instead of
        // 5.85246234399088e-05 (textbook association).
        assertThat(GaussianBlur.kernel(0.7, 3)).containsExactly(5.85246234399087e-05, 0.009618930814198498,
                0.20539965263338855, 0.5698457838579462, 0.20539965263338855, 0.009618930814198498,
                5.85246234399087e-05);
    }

    @Test
    void reflectRepeatsTheMirroredLineForAnyDistance() {
        // n = 3, p = 6: j = ((i % 6) + 6) % 6, then j >= 3 -> 5 - j. Line "a b c" extends as
        // ... c b a | a b c | c b a | a b c ...  i = -8..8 -> 1 0 0 1 2 2 1 0 | 0 1 2 | 2 1 0 0 1 2
        int[] expected = {1, 0, 0, 1, 2, 2, 1, 0, 0, 1, 2, 2, 1, 0, 0, 1, 2};
        for (int i = -8; i <= 8; i++) {
            assertThat(GaussianBlur.reflect(i, 3)).as("reflect(%d, 3)", i).isEqualTo(expected[i + 8]);
        }
        // n = 1: every index is the single pixel.
        for (int i = -5; i <= 5; i++) {
            assertThat(GaussianBlur.reflect(i, 1)).isZero();
        }
    }

    // ---- identity cases ----------------------------------------------------------------------------------------

    @Test
    void sigmaZeroIsAnIdentityCopy() {
        float[] image = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f};
        float[] out = new GaussianBlur(0.0).apply(image, 2, 3);
        assertThat(out).containsExactly(image).isNotSameAs(image);
    }

    @Test
    void aSigmaWithRadiusZeroIsAlsoTheIdentity() {
        // sigma 0.1 -> r = 0: scipy's kernel is [1.0] and x * 1.0 == x.
        float[] image = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f};
        assertThat(new GaussianBlur(0.1).apply(image, 3, 2)).containsExactly(image);
    }

    // ---- hand-derived lines ------------------------------------------------------------------------------------

    /** sigma 0.2: r = 1, w0 = 0.9999925467492072, w1 = 3.7266253963979685e-06 (scipy's kernel). */
    private static final double W0 = 0.9999925467492072;
    private static final double W1 = 3.7266253963979685e-06;

    @Test
    void kernelOfSigmaPointTwo() {
        // factor = -0.5 / (0.2 * 0.2) = -12.499999999999998; phi(±1) = exp(factor) = 3.7266531720786777e-06;
        // sum (3 values, in order) = phi + 1 + phi; w = phi / sum.
        double phi = 3.7266531720786777e-06;
        double sum = 0.0 + phi + 1.0 + phi;
        assertThat(GaussianBlur.kernel(0.2, 1)).containsExactly(phi / sum, 1.0 / sum, phi / sum);
        assertThat(GaussianBlur.kernel(0.2, 1)).containsExactly(W1, W0, W1);
    }

    @Test
    void oneRowReflectsAtBothEnds() {
        // 1x5 image x = [0.1, 0.5, 0.25, 1.0, 0.75], sigma 0.2 (r = 1).
        // Pass 1 (axis 0) runs down columns of length 1: reflect(-1, 1) = reflect(1, 1) = 0, so
        //   m[c] = (float) (x[c]*w0 + (x[c] + x[c])*w1).
        // Pass 2 (axis 1) along the row of m, reflect(-1, 5) = 0 and reflect(5, 5) = 4:
        //   out[0] = (float) (m0*w0 + (m0 + m1)*w1)    <- left edge pairs m0 with itself
        //   out[c] = (float) (mc*w0 + (m[c-1] + m[c+1])*w1)
        //   out[4] = (float) (m4*w0 + (m3 + m4)*w1)    <- right edge
        float[] x = {0.1f, 0.5f, 0.25f, 1.0f, 0.75f};
        float[] m = new float[5];
        for (int c = 0; c < 5; c++) {
            m[c] = (float) (x[c] * W0 + ((double) x[c] + x[c]) * W1);
        }
        float[] expected = {
                (float) (m[0] * W0 + ((double) m[0] + m[1]) * W1),
                (float) (m[1] * W0 + ((double) m[0] + m[2]) * W1),
                (float) (m[2] * W0 + ((double) m[1] + m[3]) * W1),
                (float) (m[3] * W0 + ((double) m[2] + m[4]) * W1),
                (float) (m[4] * W0 + ((double) m[3] + m[4]) * W1)};

        float[] out = new GaussianBlur(0.2).apply(x, 1, 5);
        assertThat(out).containsExactly(expected);
        // scipy: 0.1 at the left edge gains 0.4 * w1 = +1.5e-6 from its neighbour 0.5 (mirror adds 0.1 itself).
        assertThat(out).containsExactly(0.10000149f, 0.4999976f, 0.25000373f, 0.99999624f, 0.75000095f);
    }

    @Test
    void oneColumnGivesTheSameNumbersAsOneRow() {
        // 5x1: pass 1 now does the reflecting line work, pass 2 runs on rows of length 1 (m*w0 + 2m*w1).
        // scipy returns the same five values as for the 1x5 row.
        float[] x = {0.1f, 0.5f, 0.25f, 1.0f, 0.75f};
        assertThat(new GaussianBlur(0.2).apply(x, 5, 1))
                .containsExactly(0.10000149f, 0.4999976f, 0.25000373f, 0.99999624f, 0.75000095f);
    }

    @Test
    void aKernelWiderThanTheImageReflectsRepeatedly() {
        // 3x3, sigma 2 -> r = 8: every tap beyond ±2 goes through reflect's period-6 folding (see above).
        float[] x = {0.0f, 0.25f, 0.5f, 1.0f, 0.125f, 0.75f, 0.3f, 0.6f, 0.9f};
        float[] out = new GaussianBlur(2.0).apply(x, 3, 3);
        assertThat(out).containsExactly(reference(x, 3, 3, 2.0));
        assertThat(out).containsExactly(0.45664674f, 0.47210884f, 0.48764077f, 0.47589493f, 0.491662f, 0.5074989f,
                0.49507478f, 0.5111593f, 0.52731365f);
    }

    // ---- the rules that decide last bits -----------------------------------------------------------------------

    /** A 3x4 float32 image (numpy default_rng(3).random((3,4)) cast to float32). */
    private static final float[] RANDOM_3X4 = {0.08564917f, 0.2368105f, 0.8012745f, 0.582162f, 0.094128646f,
            0.43312693f, 0.4790513f, 0.15973891f, 0.7345772f, 0.11367202f, 0.3912282f, 0.5167402f};

    @Test
    void theIntermediateImageIsStoredAsFloat32() {
        // scipy writes pass 1 into the float32 output array; keeping it in double changes pixel (0,1) from
        // 0.345227f to 0.34522703f.
        float[] out = new GaussianBlur(1.0).apply(RANDOM_3X4, 3, 4);
        assertThat(out).containsExactly(0.20955433f, 0.345227f, 0.48547584f, 0.5089609f, 0.29712713f, 0.35202333f,
                0.42117175f, 0.43031907f, 0.41483355f, 0.36790252f, 0.3833669f, 0.41219717f);
        assertThat(out).containsExactly(reference(RANDOM_3X4, 3, 4, 1.0));
        assertThat(doubleIntermediate(RANDOM_3X4, 3, 4, 1.0)[1]).isEqualTo(0.34522703f);
    }

    @Test
    void axisZeroIsBlurredFirst() {
        // Another 3x4 image: blurring axis 1 first gives 0.5372601f at (1,1); scipy (axis 0 first) 0.53726006f.
        float[] x = {0.43062803f, 0.58679855f, 0.7378378f, 0.95626724f, 0.28420117f, 0.64854723f, 0.696216f,
                0.29272074f, 0.0014900835f, 0.97346026f, 0.29840124f, 0.313986f};
        float[] out = new GaussianBlur(1.0).apply(x, 3, 4);
        assertThat(out).containsExactly(0.46132368f, 0.57158583f, 0.66790664f, 0.70603323f, 0.40813532f,
                0.53726006f, 0.57516575f, 0.53599554f, 0.35192505f, 0.5051176f, 0.4952477f, 0.4048578f);
        assertThat(transpose(reference(transpose(x, 3, 4), 4, 3, 1.0), 4, 3)[5]).isEqualTo(0.5372601f);
    }

    // ---- more scipy values -------------------------------------------------------------------------------------

    @Test
    void matchesScipyOnARamp() {
        // np.arange(20, dtype=float32).reshape(4, 5) / float32(19), sigma 1 (r = 4 > both half-widths).
        float[] x = new float[20];
        for (int i = 0; i < 20; i++) {
            x[i] = (float) i / 19f;
        }
        assertThat(new GaussianBlur(1.0).apply(x, 4, 5)).containsExactly(0.13481982f, 0.16854514f, 0.21760714f,
                0.26666912f, 0.30039445f, 0.30224493f, 0.33597025f, 0.38503224f, 0.43409425f, 0.46781957f,
                0.5321805f, 0.5659058f, 0.61496776f, 0.6640298f, 0.6977551f, 0.6996056f, 0.7333309f, 0.78239286f,
                0.8314549f, 0.8651802f);
    }

    @Test
    void matchesScipyOnABrainLikePatchOfK133Values() {
        // uint8 values / float32(133), as ingest normalises ch2bet; zeros are background. sigma 0.5 (r = 2).
        int[] u8 = {0, 0, 12, 40, 0, 0, 33, 97, 133, 7, 5, 61, 120, 88, 0, 0, 14, 71, 29, 0, 0, 0, 3, 0, 0};
        float[] x = new float[25];
        for (int i = 0; i < 25; i++) {
            x[i] = (float) u8[i] / 133f;
        }
        assertThat(new GaussianBlur(0.5).apply(x, 5, 5)).containsExactly(0.0028892304f, 0.037909646f, 0.16758405f,
                0.31282526f, 0.045125403f, 0.029793078f, 0.264928f, 0.6550976f, 0.77619773f, 0.13203502f,
                0.06914223f, 0.40654182f, 0.77563745f, 0.60197854f, 0.07460967f, 0.017763404f, 0.15927048f,
                0.4476736f, 0.2457473f, 0.025996085f, 0.0012409213f, 0.01717198f, 0.06454496f, 0.026676625f,
                0.0025221414f);
    }

    @Test
    void aStackIsBlurredPlaneByPlane() {
        float[] two = new float[24];
        System.arraycopy(RANDOM_3X4, 0, two, 0, 12);
        for (int i = 0; i < 12; i++) {
            two[12 + i] = 1f - RANDOM_3X4[i];
        }
        GaussianBlur blur = new GaussianBlur(1.0);
        FloatArray out = blur.applyToStack(new FloatArray(new int[] {2, 3, 4}, two));
        assertThat(out.shape()).containsExactly(2, 3, 4);
        assertThat(out.plane(0)).containsExactly(blur.apply(RANDOM_3X4, 3, 4));
        assertThat(out.plane(1)).containsExactly(blur.apply(java.util.Arrays.copyOfRange(two, 12, 24), 3, 4));
    }

    @Test
    void negativeOrNonFiniteSigmaIsRejected() {
        assertThatThrownBy(() -> new GaussianBlur(-1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sigma must be a finite number >= 0, got -1.0");
        assertThatThrownBy(() -> new GaussianBlur(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GaussianBlur(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- straightforward references written from the rules ----------------------------------------------------

    /**
     * Rule 5 written as plainly as possible: one column line at a time, then one row line at a time, reflect by the
     * index formula, float32 store after each pass. Shares only {@link GaussianBlur#kernel} with the code under test.
     */
    static float[] reference(float[] x, int rows, int cols, double sigma) {
        int r = (int) (4.0 * sigma + 0.5);
        double[] k = GaussianBlur.kernel(sigma, r);
        float[] mid = new float[rows * cols];
        for (int c = 0; c < cols; c++) {
            for (int l = 0; l < rows; l++) {
                double acc = x[l * cols + c] * k[r];
                for (int d = r; d >= 1; d--) {
                    double pair = (double) x[fold(l - d, rows) * cols + c] + (double) x[fold(l + d, rows) * cols + c];
                    acc += pair * k[r + d];
                }
                mid[l * cols + c] = (float) acc;
            }
        }
        float[] out = new float[rows * cols];
        for (int l = 0; l < rows; l++) {
            for (int c = 0; c < cols; c++) {
                double acc = mid[l * cols + c] * k[r];
                for (int d = r; d >= 1; d--) {
                    int row = l * cols;
                    double pair = (double) mid[row + fold(c - d, cols)] + (double) mid[row + fold(c + d, cols)];
                    acc += pair * k[r + d];
                }
                out[l * cols + c] = (float) acc;
            }
        }
        return out;
    }

    /** Like {@link #reference} but keeping pass 1 in double: what rule 5 forbids. */
    private static float[] doubleIntermediate(float[] x, int rows, int cols, double sigma) {
        int r = (int) (4.0 * sigma + 0.5);
        double[] k = GaussianBlur.kernel(sigma, r);
        double[] mid = new double[rows * cols];
        for (int c = 0; c < cols; c++) {
            for (int l = 0; l < rows; l++) {
                double acc = x[l * cols + c] * k[r];
                for (int d = r; d >= 1; d--) {
                    double pair = (double) x[fold(l - d, rows) * cols + c] + (double) x[fold(l + d, rows) * cols + c];
                    acc += pair * k[r + d];
                }
                mid[l * cols + c] = acc;
            }
        }
        float[] out = new float[rows * cols];
        for (int l = 0; l < rows; l++) {
            for (int c = 0; c < cols; c++) {
                double acc = mid[l * cols + c] * k[r];
                for (int d = r; d >= 1; d--) {
                    acc += (mid[l * cols + fold(c - d, cols)] + mid[l * cols + fold(c + d, cols)]) * k[r + d];
                }
                out[l * cols + c] = (float) acc;
            }
        }
        return out;
    }

    /** The reflect rule, written out again rather than calling the code under test. */
    private static int fold(int i, int n) {
        int p = 2 * n;
        int j = ((i % p) + p) % p;
        return j >= n ? p - 1 - j : j;
    }

    private static float[] transpose(float[] x, int rows, int cols) {
        float[] t = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = x[r * cols + c];
            }
        }
        return t;
    }
}
