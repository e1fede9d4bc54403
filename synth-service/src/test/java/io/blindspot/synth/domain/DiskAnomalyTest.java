package io.blindspot.synth.domain;

import io.blindspot.contracts.FloatArray;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiskAnomalyTest {

    // 5x5 slice; brain = pixels > 0. The centre row has a background hole at (2,1) and (2,3)... see grid:
    //   0.0  0.0  0.0  0.0  0.0
    //   0.0  0.5  0.6  0.7  0.0
    //   0.0  0.0  0.8  0.0  0.0
    //   0.0  0.1  0.2  0.3  0.0
    //   0.0  0.0  0.0  0.0  0.0
    private static final float[] SLICE = {
            0f, 0f, 0f, 0f, 0f,
            0f, 0.5f, 0.6f, 0.7f, 0f,
            0f, 0f, 0.8f, 0f, 0f,
            0f, 0.1f, 0.2f, 0.3f, 0f,
            0f, 0f, 0f, 0f, 0f};

    @Test
    void diskPaintsOnlyBrainPixelsAndTheLabelIsDiskIntersectBrain() {
        // R=2 at (2,2) covers the 3x3 block rows 1..3, cols 1..3 (see DiskTest). Inside it (2,1) and (2,3) are
        // background (original 0), so after the mask multiplication they stay 0 in image AND label.
        Variants v = new DiskAnomaly(2).generate(SLICE, 5, 5, 2, 2, List.of(0.9));

        assertThat(v.anomalous().shape()).containsExactly(1, 5, 5);
        assertThat(v.anomalous().data()).containsExactly(
                0f, 0f, 0f, 0f, 0f,
                0f, 0.9f, 0.9f, 0.9f, 0f,
                0f, 0f, 0.9f, 0f, 0f,
                0f, 0.9f, 0.9f, 0.9f, 0f,
                0f, 0f, 0f, 0f, 0f);
        assertThat(v.label()).isEqualTo(FloatArray.of2d(5, 5, new float[] {
                0f, 0f, 0f, 0f, 0f,
                0f, 1f, 1f, 1f, 0f,
                0f, 0f, 1f, 0f, 0f,
                0f, 1f, 1f, 1f, 0f,
                0f, 0f, 0f, 0f, 0f}));
    }

    @Test
    void pixelsOutsideTheDiskKeepTheirOriginalValue() {
        // R=1 at (1,1) paints (1,1) only; every other brain pixel is the normal slice's value.
        Variants v = new DiskAnomaly(1).generate(SLICE, 5, 5, 1, 1, List.of(0.0));
        float[] expected = SLICE.clone();
        expected[6] = 0f;
        assertThat(v.anomalous().data()).containsExactly(expected);
        assertThat(v.label().data()[6]).isEqualTo(1f);
        assertThat(sum(v.label().data())).isEqualTo(1f);
    }

    @Test
    void oneVariantPerIntensityInOrderWithTheIntensityCastToFloat() {
        // 0.1 and 1/3 are not float32 numbers: the pixel holds (float) intensity, 0.1f = 0.100000001490116...
        // The label is the same for every variant and stored once.
        Variants v = new DiskAnomaly(1).generate(SLICE, 5, 5, 2, 2, List.of(0.1, 1.0 / 3.0, 1.0));

        assertThat(v.count()).isEqualTo(3);
        assertThat(v.anomalous().shape()).containsExactly(3, 5, 5);
        int centre = 2 * 5 + 2;
        assertThat(v.anomalous().plane(0)[centre]).isEqualTo((float) 0.1).isEqualTo(0.1f);
        assertThat((double) v.anomalous().plane(0)[centre]).isEqualTo(0.10000000149011612);
        assertThat(v.anomalous().plane(1)[centre]).isEqualTo(0.33333334f);
        assertThat(v.anomalous().plane(2)[centre]).isEqualTo(1f);
        // other pixels unchanged in every variant
        for (int k = 0; k < 3; k++) {
            assertThat(v.anomalous().plane(k)[6]).isEqualTo(0.5f);
        }
        assertThat(v.label().shape()).containsExactly(5, 5);
    }

    @Test
    void aDiskEntirelyOnBackgroundLeavesAnEmptyLabel() {
        // Centre (0,0), R=1 paints (0,0), which is background: zeroed again by the brain mask.
        Variants v = new DiskAnomaly(1).generate(SLICE, 5, 5, 0, 0, List.of(0.7));
        assertThat(v.anomalous().plane(0)).containsExactly(SLICE);
        assertThat(sum(v.label().data())).isZero();
    }

    @Test
    void noIntensityIsAnError() {
        assertThatThrownBy(() -> new DiskAnomaly(2).generate(SLICE, 5, 5, 2, 2, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one intensity");
    }

    @Test
    void generatorsAreChosenByTypeAndUnknownTypesNameTheSupportedOnes() {
        assertThat(AnomalyGenerators.forType("disk", 20, 0, 2, 80)).isInstanceOf(DiskAnomaly.class);
        assertThat(((DiskAnomaly) AnomalyGenerators.forType("disk", 20, 0, 2, 80)).radius()).isEqualTo(20);
        assertThat(AnomalyGenerators.forType("sink", 20, 0, 2, 80)).isInstanceOf(SinkAnomaly.class);
        assertThat(AnomalyGenerators.forType("source", 20, 0, 2, 80)).isInstanceOf(SourceAnomaly.class);
        assertThat(AnomalyGenerators.forType("Pixel-Shuffle", 20, 0, 2, 80)).isInstanceOf(PixelShuffleAnomaly.class);
        assertThat(((TextureAnomaly) AnomalyGenerators.forType("sink", 20, 0, 2, 80)).radius()).isEqualTo(20);
        assertThatThrownBy(() -> AnomalyGenerators.forType("square", 20, 0, 2, 80))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown anomaly type 'square'; supported: disk, pixel-shuffle, sink, source");
        assertThatThrownBy(() -> AnomalyGenerators.forType(null, 20, 0, 2, 80))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("anomaly type is missing; supported: disk, pixel-shuffle, sink, source");
    }

    private static float sum(float[] values) {
        float s = 0f;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
