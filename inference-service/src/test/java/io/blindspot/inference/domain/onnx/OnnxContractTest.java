package io.blindspot.inference.domain.onnx;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The I/O contract as checked at load, on the models of make_test_models.py. */
class OnnxContractTest {

    @Test
    void aValidModelReportsItsSignatureAndMetadata() {
        try (OnnxModel model = TestModels.load("scale2-8x8.onnx")) {
            assertThat(model.inputSize()).containsExactly(8, 8);
            assertThat(model.fixedBatch()).isZero();
            assertThat(model.inputs()).containsExactly(new TensorSpec("image", "FLOAT", List.of("N", 1L, 8L, 8L)));
            assertThat(model.outputs())
                    .containsExactly(new TensorSpec("reconstruction", "FLOAT", List.of("N", 1L, 8L, 8L)));
            assertThat(model.metadata()).isEqualTo(Map.of("family", "test-scale2", "input_size", "8",
                    "latent", "none", "training_data", "none", "steps", "0", "final_loss", "0.0"));
        }
    }

    @Test
    void furtherOutputsAreAllowed() {
        try (OnnxModel model = TestModels.load("extra-output-8x8.onnx")) {
            assertThat(model.outputs()).extracting(TensorSpec::name)
                    .containsExactlyInAnyOrder("reconstruction", "anomaly_map");
        }
    }

    @Test
    void aFixedBatchIsAllowedAndRemembered() {
        try (OnnxModel model = TestModels.load("fixed-batch2-8x8.onnx")) {
            assertThat(model.fixedBatch()).isEqualTo(2);
        }
    }

    @Test
    void aWrongInputNameIsNamed() {
        assertRejected("wrong-input-name.onnx", "input 'x' found, expected 'image'");
    }

    @Test
    void aMissingReconstructionOutputIsNamedWithTheOutputsFound() {
        assertRejected("no-reconstruction-output.onnx",
                "output 'reconstruction' missing; outputs: [output: FLOAT [N, 1, 8, 8]]");
    }

    @Test
    void aNonFloatInputIsNamed() {
        assertRejected("int64-input.onnx", "input 'image' type INT64, expected FLOAT");
    }

    @Test
    void moreThanOneChannelIsRejected() {
        assertRejected("three-channels.onnx", "input 'image' has 3 channels, expected 1 (image: FLOAT [N, 3, 8, 8])");
    }

    @Test
    void aSymbolicInputSizeIsRejected() {
        assertRejected("dynamic-size.onnx", "input 'image' must have a fixed H and W, has [N, 1, H, W]");
    }

    @Test
    void anOutputOfAnotherSizeIsRejected() {
        assertRejected("half-size-output.onnx",
                "output 'reconstruction' has shape [N, 1, 4, 4], expected [N, 1, 8, 8] like input 'image'");
    }

    @Test
    void bytesThatAreNoModelAreRejected() {
        assertThatThrownBy(() -> OnnxModel.load("junk", "not an onnx file".getBytes(), TestModels.CPU))
                .isInstanceOf(ModelContractException.class)
                .hasMessageStartingWith("not a loadable ONNX model: ");
        assertThatThrownBy(() -> OnnxModel.load("empty", new byte[0], TestModels.CPU))
                .isInstanceOf(ModelContractException.class)
                .hasMessage("the model file is empty");
    }

    private static void assertRejected(String file, String message) {
        assertThatThrownBy(() -> TestModels.load(file))
                .isInstanceOf(ModelContractException.class)
                .hasMessage(message);
    }
}
