package io.blindspot.scoring.domain;

import io.blindspot.contracts.FloatArray;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SliceVariantsTest {
    // 1 x 4 slice, label on pixels 1 and 2
    private static final FloatArray LABEL = FloatArray.of2d(1, 4, new float[] {0, 1, 1, 0});

    private static FloatArray stack(float[]... planes) {
        return FloatArray.stack(1, 4, planes);
    }

    @Test
    void keepsOnePlaneAndTheLabelValuesOfVariantsThatAgreeOutsideTheLabel() {
        SliceVariants v = SliceVariants.of(stack(
                new float[] {0.1f, 0.5f, 0.5f, 0.2f},      // disk-like: one value on the label
                new float[] {0.1f, 0.9f, 0.3f, 0.2f},      // two values on the label
                new float[] {0.1f, 0.7f, 0.7f, 0.3f}),     // differs outside the label (pixel 3)
                LABEL);
        assertThat(v.variants()).isEqualTo(3);
        assertThat(v.labelPixels()).containsExactly(1, 2);
        // label values side by side per pixel: pixel 1 of variants 0, 1, 2, then pixel 2
        assertThat(v.labelValues()).containsExactly(0.5f, 0.9f, 0.7f, 0.5f, 0.3f, 0.7f);
        assertThat(v.constantOnLabel(0)).isTrue();
        assertThat(v.constant(0)).isEqualTo(0.5f);
        assertThat(v.constantOnLabel(1)).isFalse();
        assertThat(v.sharesReference(0)).isTrue();
        assertThat(v.sharesReference(1)).isTrue();
        assertThat(v.sharesReference(2)).isFalse();
    }

    @Test
    void givesEveryPlaneBackBitForBit() {
        float[][] planes = {
                {-0f, 0.5f, 0.5f, 0.2f},
                {0f, 0.9f, 0.3f, 0.2f},             // 0f where variant 0 has -0f: its own plane
                {-0f, Float.NaN, 0.25f, 0.2f}};
        SliceVariants v = SliceVariants.of(stack(planes), LABEL);
        assertThat(v.sharesReference(1)).isFalse();
        assertThat(v.sharesReference(2)).isTrue();
        float[] out = new float[4];
        for (int p = 0; p < planes.length; p++) {
            v.plane(p, out);
            for (int i = 0; i < 4; i++) {
                assertThat(Float.floatToRawIntBits(out[i])).as("variant %d pixel %d", p, i)
                        .isEqualTo(Float.floatToRawIntBits(planes[p][i]));
            }
        }
    }

    @Test
    void aSliceWithoutLabelPixelsHasNoLabelValues() {
        SliceVariants v = SliceVariants.of(stack(new float[] {1, 2, 3, 4}),
                FloatArray.of2d(1, 4, new float[] {0, 0, 0, 0}));
        assertThat(v.labelPixels()).isEmpty();
        assertThat(v.constantOnLabel(0)).isFalse();
        assertThat(v.sharesReference(0)).isTrue();
    }

    @Test
    void rejectsBadShapesAndSoftLabels() {
        assertThatThrownBy(() -> SliceVariants.of(FloatArray.of2d(1, 4, new float[4]), LABEL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[variants, rows, cols]");
        assertThatThrownBy(() -> SliceVariants.of(stack(new float[4]), FloatArray.of2d(2, 2, new float[4])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label must be [1, 4]");
        assertThatThrownBy(() -> SliceVariants.of(stack(new float[4]),
                FloatArray.of2d(1, 4, new float[] {0, 0.5f, 0, 0})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 or 1");
    }

    @Test
    void isMuchSmallerThanTheStackForADisk() {
        // 100 variants of a 20 x 20 slice with a 4-pixel label: one plane plus 400 label values
        int rows = 20;
        int cols = 20;
        float[] label = new float[rows * cols];
        label[0] = label[1] = label[20] = label[21] = 1f;
        float[][] planes = new float[100][rows * cols];
        for (int p = 0; p < 100; p++) {
            planes[p][0] = planes[p][1] = planes[p][20] = planes[p][21] = p / 100f;
        }
        SliceVariants v = SliceVariants.of(FloatArray.stack(rows, cols, planes), FloatArray.of2d(rows, cols, label));
        assertThat(v.bytes()).isLessThan(4L * rows * cols * 100 / 10);
    }

    @Test
    void theCompactFormGivesTheSameVariantsAsTheFullStack() {
        // reference 0.1 ? ? 0.2 outside the label (pixels 0 and 3); label values per variant in label order:
        // variant 0 (0.5, 0.5), variant 1 (0.9, 0.3), variant 2 (-0f, NaN)
        FloatArray reference = FloatArray.of2d(1, 4, new float[] {0.1f, 0.5f, 0.5f, 0.2f});
        FloatArray values = new FloatArray(new int[] {3, 2}, new float[] {0.5f, 0.5f, 0.9f, 0.3f, -0f, Float.NaN});
        SliceVariants compact = SliceVariants.ofCompact(reference, LABEL, values);
        float[][] planes = {
                {0.1f, 0.5f, 0.5f, 0.2f},
                {0.1f, 0.9f, 0.3f, 0.2f},
                {0.1f, -0f, Float.NaN, 0.2f}};
        SliceVariants full = SliceVariants.of(stack(planes), LABEL);

        assertThat(compact.variants()).isEqualTo(3);
        assertThat(compact.rows()).isEqualTo(1);
        assertThat(compact.cols()).isEqualTo(4);
        assertThat(compact.labelPixels()).containsExactly(1, 2);
        // side by side per pixel: pixel 1 of variants 0, 1, 2, then pixel 2
        assertThat(compact.labelValues()).containsExactly(0.5f, 0.9f, -0f, 0.5f, 0.3f, Float.NaN);
        assertThat(compact.constantOnLabel(0)).isTrue();
        assertThat(compact.constant(0)).isEqualTo(0.5f);
        assertThat(compact.constantOnLabel(1)).isFalse();
        assertThat(compact.constantOnLabel(2)).isFalse();
        float[] got = new float[4];
        float[] want = new float[4];
        for (int v = 0; v < 3; v++) {
            assertThat(compact.sharesReference(v)).isTrue();
            compact.plane(v, got);
            full.plane(v, want);
            for (int i = 0; i < 4; i++) {
                assertThat(Float.floatToRawIntBits(got[i])).as("variant %d pixel %d", v, i)
                        .isEqualTo(Float.floatToRawIntBits(planes[v][i]))
                        .isEqualTo(Float.floatToRawIntBits(want[i]));
            }
        }
        assertThat(compact.labelValues()).isEqualTo(full.labelValues());
    }

    @Test
    void theCompactFormNeedsOneValuePerLabelPixel() {
        FloatArray reference = FloatArray.of2d(1, 4, new float[4]);
        assertThatThrownBy(() -> SliceVariants.ofCompact(reference, LABEL,
                new FloatArray(new int[] {2, 3}, new float[6])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("compact variants' label values must be [variants, 2] (the label has 2 pixels), got [2, 3]");
        assertThatThrownBy(() -> SliceVariants.ofCompact(FloatArray.of2d(2, 2, new float[4]), LABEL,
                new FloatArray(new int[] {1, 2}, new float[2])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label must be [2, 2]");
        assertThatThrownBy(() -> SliceVariants.ofCompact(new FloatArray(new int[] {2, 1, 4}, new float[8]), LABEL,
                new FloatArray(new int[] {1, 2}, new float[2])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reference must be [rows, cols]");
    }
}
