package io.blindspot.ingest.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NormalisationTest {
    private static Volume volume(float... values) {
        return new Volume(values.length, 1, 1, values, "float32");
    }

    @Test
    void dividesEveryVoxelByTheVolumeMaximum() {
        // max 4: [0, 1, 2, 4] / 4 = [0, 0.25, 0.5, 1]
        assertThat(Normalisation.byVolumeMaximum(volume(0, 1, 2, 4)).data()).containsExactly(0f, 0.25f, 0.5f, 1f);
    }

    @Test
    void dividesInFloat32() {
        // 1f / 3f = 0.33333334f (float32), while 1.0 / 3.0 rounded to float is the same here but 2/3 shows the
        // rounding point: 2f / 3f = 0.6666667f
        Volume v = Normalisation.byVolumeMaximum(volume(1, 2, 3));
        assertThat(v.data()).containsExactly(1f / 3f, 2f / 3f, 1f);
        assertThat(v.data()[0]).isEqualTo(0.33333334f);
    }

    @Test
    void keepsShapeAndTypeName() {
        Volume v = new Volume(2, 1, 1, new float[] {2, 8}, "uint8");
        Volume n = Normalisation.byVolumeMaximum(v);
        assertThat(n.dims()).containsExactly(2, 1, 1);
        assertThat(n.datatype()).isEqualTo("uint8");
        assertThat(n.data()).containsExactly(0.25f, 1f);
        assertThat(v.data()).as("input untouched").containsExactly(2f, 8f);
    }

    @Test
    void refusesAVolumeWithoutPositiveVoxels() {
        assertThatThrownBy(() -> Normalisation.byVolumeMaximum(volume(0, 0, -1)))
                .isInstanceOf(InvalidVolumeException.class)
                .hasMessageStartingWith("volume has no positive voxel, so its brain mask (voxels > 0) is empty");
    }

    @Test
    void refusesNonFiniteVoxels() {
        assertThatThrownBy(() -> Normalisation.byVolumeMaximum(volume(1, Float.NaN, Float.POSITIVE_INFINITY)))
                .isInstanceOf(InvalidVolumeException.class)
                .hasMessageContaining("volume has 2 non-finite voxels");
    }
}
