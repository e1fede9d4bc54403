package io.blindspot.inference.domain;

import io.blindspot.inference.domain.SliceFit.AxisFit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SliceFitTest {

    @Test
    void shorterLinesArePaddedWithTheOddPixelAfter() {
        // 5 into 8: floor(3 / 2) = 1 zero before, 2 after.
        assertThat(AxisFit.of(5, 8)).isEqualTo(new AxisFit(0, 1, 5));
        // ch2bet into 256 (training README): rows 181 -> 37 before / 38 after, columns 217 -> 19 / 20.
        assertThat(AxisFit.of(181, 256)).isEqualTo(new AxisFit(0, 37, 181));
        assertThat(AxisFit.of(217, 256)).isEqualTo(new AxisFit(0, 19, 217));
        assertThat(AxisFit.of(8, 8)).isEqualTo(new AxisFit(0, 0, 8));
    }

    @Test
    void longerLinesAreCentreCropped() {
        // 10 into 8: source pixels floor(2 / 2) = 1 .. 8; 11 into 8: floor(3 / 2) = 1 .. 8 (the odd one after).
        assertThat(AxisFit.of(10, 8)).isEqualTo(new AxisFit(1, 0, 8));
        assertThat(AxisFit.of(11, 8)).isEqualTo(new AxisFit(1, 0, 8));
        assertThat(AxisFit.of(300, 256)).isEqualTo(new AxisFit(22, 0, 256));
        assertThatThrownBy(() -> AxisFit.of(0, 8)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPaddedSliceSitsCentredInZerosAndComesBackExactly() {
        // 1x2 slice [a b] into 3x4: rows 1 before / 1 after, columns 1 before / 1 after.
        SliceFit fit = new SliceFit(1, 2, 3, 4);
        float[] model = new float[12];
        java.util.Arrays.fill(model, 9f); // stale values must be overwritten by zeros
        fit.toModel(new float[] {7f, 0.5f, 1f, 2f}, 2, model, 0); // slice at offset 2: [1, 2]
        assertThat(model).containsExactly(
                0f, 0f, 0f, 0f,
                0f, 1f, 2f, 0f,
                0f, 0f, 0f, 0f);
        float[] rec = {0f, 0f, 0f, 0f, 0f, 10f, 20f, 0f, 0f, 0f, 0f, 0f};
        float[] out = new float[3];
        fit.fromModel(rec, 0, new float[] {1f, 2f}, 0, out, 1);
        assertThat(out).containsExactly(0f, 10f, 20f);
    }

    @Test
    void aCroppedSliceKeepsItsInputOutsideTheWindow() {
        // 4x3 slice into 2x2: rows 1..2 (floor(2/2) = 1), columns 0..1 (floor(1/2) = 0).
        float[] slice = {
                1f, 2f, 3f,
                4f, 5f, 6f,
                7f, 8f, 9f,
                10f, 11f, 12f};
        SliceFit fit = new SliceFit(4, 3, 2, 2);
        float[] model = new float[4];
        fit.toModel(slice, 0, model, 0);
        assertThat(model).containsExactly(4f, 5f, 7f, 8f);

        float[] out = new float[12];
        fit.fromModel(new float[] {-4f, -5f, -7f, -8f}, 0, slice, 0, out, 0);
        assertThat(out).containsExactly(
                1f, 2f, 3f,
                -4f, -5f, 6f,
                -7f, -8f, 9f,
                10f, 11f, 12f);
    }

    @Test
    void eachAxisIsFittedOnItsOwn() {
        // 1x4 into 3x2: rows padded (1 before), columns cropped (source 1..2).
        SliceFit fit = new SliceFit(1, 4, 3, 2);
        float[] model = new float[6];
        fit.toModel(new float[] {1f, 2f, 3f, 4f}, 0, model, 0);
        assertThat(model).containsExactly(0f, 0f, 2f, 3f, 0f, 0f);
        float[] out = new float[4];
        fit.fromModel(new float[] {9f, 9f, 20f, 30f, 9f, 9f}, 0, new float[] {1f, 2f, 3f, 4f}, 0, out, 0);
        assertThat(out).containsExactly(1f, 20f, 30f, 4f);
    }
}
