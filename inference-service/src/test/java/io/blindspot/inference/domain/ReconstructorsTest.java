package io.blindspot.inference.domain;

import io.blindspot.contracts.FloatArray;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReconstructorsTest {

    @Test
    void gaussianBlurIsFoundByNameAndBlursEveryPlane() {
        Reconstructor r = Reconstructors.defaults().get("gaussian-blur", 1.0);
        assertThat(r).isInstanceOf(GaussianBlurReconstructor.class);
        assertThat(((GaussianBlurReconstructor) r).sigma()).isEqualTo(1.0);

        float[] plane = {0f, 1f, 0f, 1f, 0f, 1f, 0f, 1f, 0f};
        FloatArray batch = new FloatArray(new int[] {1, 3, 3}, plane);
        assertThat(r.reconstruct(batch).data()).containsExactly(new GaussianBlur(1.0).apply(plane, 3, 3));
    }

    @Test
    void instancesAreSharedPerNameAndParameter() {
        Reconstructors registry = Reconstructors.defaults();
        assertThat(registry.get("gaussian-blur", 2.0)).isSameAs(registry.get("gaussian-blur", 2.0));
        assertThat(registry.get("gaussian-blur", 2.0)).isNotSameAs(registry.get("gaussian-blur", 2.5));
    }

    @Test
    void unknownNamesListTheSupportedOnes() {
        assertThatThrownBy(() -> Reconstructors.defaults().get("onnx:ae-128.onnx", 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown reconstructor 'onnx:ae-128.onnx'; supported: gaussian-blur");
        assertThatThrownBy(() -> Reconstructors.defaults().get("gaussian-blur:3", 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("takes no argument");
    }

    @Test
    void anotherFamilySlotsInBesideTheBlurWithItsArgument() {
        // What a later model-backed reconstructor does: a family name, an argument after ':' naming the model.
        Reconstructors registry = Reconstructors.defaults()
                .register("onnx", "onnx:<model>", (model, parameter) -> batch -> {
                    assertThat(model).isEqualTo("ae-128.onnx");
                    return batch;
                });
        FloatArray batch = new FloatArray(new int[] {1, 1, 2}, new float[] {0.5f, 0.25f});
        assertThat(registry.get("onnx:ae-128.onnx", 0.0).reconstruct(batch)).isSameAs(batch);
        assertThat(registry.supported()).containsExactly("gaussian-blur", "onnx:<model>");
        assertThatThrownBy(() -> registry.get("vq-vae", 0.0))
                .hasMessage("unknown reconstructor 'vq-vae'; supported: gaussian-blur, onnx:<model>");
    }

    @Test
    void aNegativeSigmaIsRejected() {
        assertThatThrownBy(() -> Reconstructors.defaults().get("gaussian-blur", -0.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sigma must be a finite number >= 0");
    }
}
