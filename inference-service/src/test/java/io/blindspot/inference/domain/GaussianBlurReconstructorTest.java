package io.blindspot.inference.domain;

import io.blindspot.contracts.FloatArray;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Reconstructor#reconstructInto}: one sigma's planes written into its slot of a block of sigmas. */
class GaussianBlurReconstructorTest {
    /** Two 3 x 4 planes: 0..11 and 11..0, divided by 11. */
    private static final FloatArray STACK = stack();

    private static FloatArray stack() {
        float[] data = new float[24];
        for (int i = 0; i < 12; i++) {
            data[i] = i / 11f;
            data[12 + i] = (11 - i) / 11f;
        }
        return new FloatArray(new int[] {2, 3, 4}, data);
    }

    @Test
    void theBlurWritesEachPlaneAtTheOffsetAndNothingElse() {
        // slot 1 of a block of 2 sigmas: values 24..47; slot 0 keeps its sentinel -1
        float[] block = new float[48];
        Arrays.fill(block, -1f);
        new GaussianBlurReconstructor(1.5).reconstructInto(STACK, block, 24);

        GaussianBlur blur = new GaussianBlur(1.5);
        assertThat(Arrays.copyOfRange(block, 24, 36)).containsExactly(blur.apply(STACK.plane(0), 3, 4));
        assertThat(Arrays.copyOfRange(block, 36, 48)).containsExactly(blur.apply(STACK.plane(1), 3, 4));
        float[] untouched = new float[24];
        Arrays.fill(untouched, -1f);
        assertThat(Arrays.copyOfRange(block, 0, 24)).containsExactly(untouched);
        // the same values as reconstruct(), bit for bit
        assertThat(Arrays.copyOfRange(block, 24, 48))
                .containsExactly(new GaussianBlurReconstructor(1.5).reconstruct(STACK).data());
    }

    @Test
    void sigmaZeroCopiesTheStack() {
        float[] block = new float[24];
        new GaussianBlurReconstructor(0.0).reconstructInto(STACK, block, 0);
        assertThat(block).containsExactly(STACK.data());
    }

    @Test
    void aSlotBeyondTheBlockIsRefused() {
        assertThatThrownBy(() -> new GaussianBlurReconstructor(1.0).reconstructInto(STACK, new float[30], 12))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("output of 30 values has no room for 24 at offset 12");
    }

    @Test
    void theDefaultCopiesWhatReconstructReturns() {
        // a reconstructor without an in-place form: x * 2, copied to offset 4
        Reconstructor twice = batch -> {
            float[] out = batch.data().clone();
            for (int i = 0; i < out.length; i++) {
                out[i] *= 2;
            }
            return new FloatArray(batch.shape(), out);
        };
        FloatArray one = new FloatArray(new int[] {1, 1, 3}, new float[] {1f, 2f, 3f});
        float[] block = new float[7];
        twice.reconstructInto(one, block, 4);
        assertThat(block).containsExactly(0f, 0f, 0f, 0f, 2f, 4f, 6f);
    }
}
