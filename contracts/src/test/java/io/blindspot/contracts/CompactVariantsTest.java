package io.blindspot.contracts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompactVariantsTest {
    // A 2 x 3 slice, label on pixels 1 and 4 (row-major): the disk changes those two only.
    private static final FloatArray LABEL = FloatArray.of2d(2, 3, new float[] {0, 1, 0, 0, 1, 0});

    @Test
    void keepsOnePlaneAndTheLabelValuesAndExpandsBackBitForBit() {
        float[] stack = {
                0.1f, 0.5f, 0.3f, 0.4f, 0.5f, 0.6f,     // intensity 0.5 on the label
                0.1f, 0.9f, 0.3f, 0.4f, 0.9f, 0.6f,     // intensity 0.9
                0.1f, -0f, 0.3f, 0.4f, 0f, 0.6f};       // intensity 0 (with a -0f on the label)
        FloatArray full = new FloatArray(new int[] {3, 2, 3}, stack);
        CompactVariants compact = CompactVariants.of(full, LABEL).orElseThrow();
        assertThat(compact.count()).isEqualTo(3);
        assertThat(compact.reference().shape()).containsExactly(2, 3);
        assertThat(compact.reference().data()).containsExactly(0.1f, 0.5f, 0.3f, 0.4f, 0.5f, 0.6f);
        assertThat(compact.labelValues().shape()).containsExactly(3, 2);
        assertThat(compact.labelValues().data()).containsExactly(0.5f, 0.5f, 0.9f, 0.9f, -0f, 0f);
        FloatArray expanded = compact.expand(LABEL);
        assertThat(expanded.shape()).containsExactly(3, 2, 3);
        for (int i = 0; i < stack.length; i++) {
            assertThat(Float.floatToRawIntBits(expanded.data()[i])).as("value %d", i)
                    .isEqualTo(Float.floatToRawIntBits(stack[i]));
        }
    }

    @Test
    void refusesVariantsThatDifferOutsideTheLabel() {
        float[] stack = {
                0.1f, 0.5f, 0.3f, 0.4f, 0.5f, 0.6f,
                0.1f, 0.9f, 0.3f, 0.4f, 0.9f, 0.7f};    // pixel 5 (outside the label) differs
        assertThat(CompactVariants.of(new FloatArray(new int[] {2, 2, 3}, stack), LABEL)).isEmpty();
        float[] signedZero = {
                0f, 0.5f, 0.3f, 0.4f, 0.5f, 0.6f,
                -0f, 0.9f, 0.3f, 0.4f, 0.9f, 0.6f};     // -0f vs 0f outside the label: different bits
        assertThat(CompactVariants.of(new FloatArray(new int[] {2, 2, 3}, signedZero), LABEL)).isEmpty();
    }

    @Test
    void rejectsBadLabelsAndMismatchedShapes() {
        FloatArray stack = new FloatArray(new int[] {1, 2, 3}, new float[6]);
        assertThatThrownBy(() -> CompactVariants.of(stack, FloatArray.of2d(2, 3, new float[] {0, 0.5f, 0, 0, 1, 0})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 and 1");
        assertThatThrownBy(() -> CompactVariants.of(stack, FloatArray.of2d(3, 2, new float[6])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3]");
        CompactVariants compact = CompactVariants.of(stack, LABEL).orElseThrow();
        assertThatThrownBy(() -> compact.expand(FloatArray.of2d(2, 3, new float[] {1, 1, 1, 0, 0, 0})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 pixels");
    }
}
