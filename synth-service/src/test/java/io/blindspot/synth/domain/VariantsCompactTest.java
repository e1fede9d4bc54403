package io.blindspot.synth.domain;

import io.blindspot.contracts.CompactVariants;
import io.blindspot.contracts.FloatArray;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which form each generator's variants are stored in ({@link Variants#compact()}): compact for the disk, full for
 * the textures' single variant, though the textures too change nothing outside the label.
 */
class VariantsCompactTest {
    private static final int ROWS = 10;
    private static final int COLS = 12;

    /**
     * A small brain-like slice, 10 × 12: background 0 around a brain on rows 1..8, cols 1..10 with its four
     * corners rounded off ((1,1), (1,10), (8,1), (8,10) are background); brain pixel (r, c) holds
     * (12·r + c) / 128, exact in float32 and different at every pixel, so any moved value shows.
     */
    static float[] brain() {
        float[] slice = new float[ROWS * COLS];
        for (int r = 1; r <= 8; r++) {
            for (int c = 1; c <= 10; c++) {
                boolean corner = (r == 1 || r == 8) && (c == 1 || c == 10);
                if (!corner) {
                    slice[r * COLS + c] = (COLS * r + c) / 128f;
                }
            }
        }
        return slice;
    }

    /** numpy's {@code linspace(0, 1, n)}: i · (1 / (n − 1)). */
    private static List<Double> linspace01(int n) {
        double step = 1.0 / (n - 1);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add(i * step);
        }
        return values;
    }

    private static int labelPixels(FloatArray label) {
        int k = 0;
        for (float v : label.data()) {
            k += v == 1f ? 1 : 0;
        }
        return k;
    }

    /**
     * Disk R=3 at (2,3): dr² + dc² &lt; 9 holds for every |dr|, |dc| ≤ 2 ((2,2) gives 8) and fails at (±3, 0), so
     * the disk is the 5 × 5 block rows 0..4, cols 1..5. Of it, row 0 (5 pixels) and the rounded corner (1,1) are
     * background: the label has 25 − 6 = 19 pixels. The disk pixels on background become intensity × 0f = +0f
     * for every intensity ≥ 0, as the slice has there, so all 100 variants equal variant 0 outside the label.
     */
    @Test
    void theDiskWithTheAuditsHundredIntensitiesIsCompact() {
        float[] slice = brain();
        List<Double> intensities = linspace01(100);
        Variants v = new DiskAnomaly(3).generate(slice, ROWS, COLS, 2, 3, intensities);

        CompactVariants compact = v.compact().orElseThrow();

        // the reference is variant 0 (intensity 0): the slice with its label pixels set to 0
        assertThat(compact.reference()).isEqualTo(FloatArray.of2d(ROWS, COLS, v.anomalous().plane(0)));
        float[] label = v.label().data();
        float[] expectedReference = new float[ROWS * COLS];
        for (int i = 0; i < expectedReference.length; i++) {
            expectedReference[i] = label[i] == 1f ? 0f : slice[i];
        }
        assertThat(compact.reference().data()).containsExactly(expectedReference);
        // label values: variant i is (float) intensity i on each of the 19 label pixels
        assertThat(labelPixels(v.label())).isEqualTo(19);
        assertThat(compact.labelValues().shape()).containsExactly(100, 19);
        for (int i = 0; i < 100; i++) {
            float intensity = (float) intensities.get(i).doubleValue();
            for (int j = 0; j < 19; j++) {
                assertThat(compact.labelValues().data()[i * 19 + j]).isEqualTo(intensity);
            }
        }
        // and it is lossless: the stored label expands it back to the generator's stack, bit for bit
        assertThat(compact.expand(v.label())).isEqualTo(v.anomalous());
    }

    /**
     * Same disk, intensities 0.5 and −0.5: the disk pixels on background (row 0, cols 1..5, and (1,1)) become
     * 0.5 × 0f = +0f in variant 0 but −0.5 × 0f = −0f in variant 1 (numpy's {@code img * mask}), which differ
     * bit for bit outside the label: stored full.
     */
    @Test
    void aDiskOfBothSignsCrossingBackgroundStaysFull() {
        Variants v = new DiskAnomaly(3).generate(brain(), ROWS, COLS, 2, 3, List.of(0.5, -0.5));

        assertThat(Float.floatToRawIntBits(v.anomalous().plane(0)[3])).isEqualTo(Float.floatToRawIntBits(0f));
        assertThat(Float.floatToRawIntBits(v.anomalous().plane(1)[3])).isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(v.compact()).isEmpty();
    }

    /**
     * Intensities 0.5 and −0.5 again, but a disk R=2 at (4,6), i.e. the 3 × 3 block rows 3..5, cols 5..7, wholly
     * in the brain: nothing outside the label moves, so it is compact, 9 values per variant.
     */
    @Test
    void aDiskOfBothSignsInsideTheBrainIsCompact() {
        Variants v = new DiskAnomaly(2).generate(brain(), ROWS, COLS, 4, 6, List.of(0.5, -0.5));

        CompactVariants compact = v.compact().orElseThrow();

        assertThat(compact.labelValues()).isEqualTo(new FloatArray(new int[] {2, 9}, new float[] {
                0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f,
                -0.5f, -0.5f, -0.5f, -0.5f, -0.5f, -0.5f, -0.5f, -0.5f, -0.5f}));
        assertThat(compact.expand(v.label())).isEqualTo(v.anomalous());
    }

    /** One intensity: the compact form would be the same plane plus 19 values, in two objects: stored full. */
    @Test
    void aDiskOfOneIntensityStaysFull() {
        Variants v = new DiskAnomaly(3).generate(brain(), ROWS, COLS, 2, 3, List.of(0.7));

        assertThat(CompactVariants.of(v.anomalous(), v.label())).isPresent();
        assertThat(v.compact()).isEmpty();
    }

    /**
     * The paper's scale: 181 × 217, R = 20 wholly in the brain, 100 intensities. The disk has the 1,245 lattice
     * points with dr² + dc² &lt; 400 (counted in numpy: {@code sum(a*a + b*b < 400 for a, b in range(-20, 21)²)}),
     * so the compact form is 39,277 + 100 × 1,245 = 163,777 floats against 100 × 39,277 = 3,927,700 (24×).
     */
    @Test
    void atThePapersScaleTheDiskIsTwentyFourTimesSmaller() {
        float[] slice = new float[181 * 217];
        java.util.Arrays.fill(slice, 0.25f);
        Variants v = new DiskAnomaly(20).generate(slice, 181, 217, 90, 108, linspace01(100));

        CompactVariants compact = v.compact().orElseThrow();

        assertThat(compact.reference().shape()).containsExactly(181, 217);
        assertThat(compact.labelValues().shape()).containsExactly(100, 1245);
        long compactFloats = compact.reference().data().length + compact.labelValues().data().length;
        assertThat(compactFloats).isEqualTo(163_777L);
        assertThat(v.anomalous().data().length / compactFloats).isEqualTo(23L); // 3,927,700 / 163,777 = 23.98
    }

    @Test
    void pixelShuffleChangesOnlyTheLabelButItsSingleVariantStaysFull() {
        assertTextureStaysFull(new PixelShuffleAnomaly(3, PixelShuffleAnomaly.sliceSeed(7L, 2, 80)));
    }

    @Test
    void sinkChangesOnlyTheLabelButItsSingleVariantStaysFull() {
        assertTextureStaysFull(new SinkAnomaly(3));
    }

    @Test
    void sourceChangesOnlyTheLabelButItsSingleVariantStaysFull() {
        assertTextureStaysFull(new SourceAnomaly(3));
    }

    /**
     * R=3 at (4,5): the 5 × 5 block rows 2..6, cols 3..7 (as above), all brain, so 25 label pixels. Outside
     * them the variant is the slice itself (brain × 1, background 0 × 0 = +0), inside some value moved; the
     * compact form exists (losslessly) but, with one variant, is not smaller.
     */
    private static void assertTextureStaysFull(TextureAnomaly texture) {
        float[] slice = brain();
        Variants v = texture.generate(slice, ROWS, COLS, 4, 5, null);

        float[] label = v.label().data();
        float[] painted = v.anomalous().data();
        assertThat(labelPixels(v.label())).isEqualTo(25);
        int changed = 0;
        for (int i = 0; i < slice.length; i++) {
            if (label[i] == 0f) {
                assertThat(Float.floatToRawIntBits(painted[i])).as("pixel %d", i)
                        .isEqualTo(Float.floatToRawIntBits(slice[i]));
            } else if (painted[i] != slice[i]) {
                changed++;
            }
        }
        assertThat(changed).as(texture.type() + " moves label values").isPositive();
        assertThat(CompactVariants.of(v.anomalous(), v.label())).isPresent();
        assertThat(v.count()).isEqualTo(1);
        assertThat(v.compact()).isEmpty();
    }
}
