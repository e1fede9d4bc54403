package io.blindspot.contracts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectKeysTest {

    @Test
    void sliceKeysNameTheVolumeWithThreeDigitsTheAxisAndTheIndexWithFour() {
        assertThat(ObjectKeys.slicePrefix("e", 12, 2, 128)).isEqualTo("experiments/e/slices/v012-axis2-0128/");
        assertThat(ObjectKeys.image("e", 3, 0, 7)).isEqualTo("experiments/e/slices/v003-axis0-0007/image.npy");
        assertThat(ObjectKeys.anomalous("e", 1, 2, 80))
                .isEqualTo("experiments/e/slices/v001-axis2-0080/anomalous.npy");
        assertThat(ObjectKeys.label("e", 1, 2, 80)).isEqualTo("experiments/e/slices/v001-axis2-0080/label.npy");
        assertThat(ObjectKeys.reconstruction("e", 2, 2, 85, "anomal-rec", "onnx:ae-latent128", 0))
                .isEqualTo("experiments/e/slices/v002-axis2-0085/rec/anomal-rec/onnx_ae-latent128/0000.npy");
    }

    @Test
    void theKeysWithoutAVolumeAreThoseOfVolumeZero() {
        assertThat(ObjectKeys.image("e", 2, 80)).isEqualTo("experiments/e/slices/v000-axis2-0080/image.npy");
        assertThat(ObjectKeys.reconstruction("e", 2, 80, "normal-rec", "gaussian-blur", 12))
                .isEqualTo(ObjectKeys.reconstruction("e", 0, 2, 80, "normal-rec", "gaussian-blur", 12));
        assertThat(ObjectKeys.sliceName(0, 2, 80)).isEqualTo("v000-axis2-0080");
    }

    @Test
    void aModelLivesUnderModels() {
        assertThat(ObjectKeys.model("ae-latent128")).isEqualTo("models/ae-latent128.onnx");
    }
}
