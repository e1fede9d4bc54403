package io.blindspot.inference.domain.onnx;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.Npy;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The models shipped in the repository's {@code models/} folder, run through this module's ONNX classes, give
 * the outputs that PyTorch/ONNX export recorded next to them (NAME.parity-input.npy → NAME.parity-output.npy,
 * written by training/blindspot_training.train). This is what ties a trained model to the Java service: if
 * the export or the Java preprocessing of the tensor layout drifted, these values would not match.
 *
 * <p>Tolerance 1e-4: PyTorch and ONNX Runtime sum convolutions in different orders, so float32 results differ
 * in the last bits (about 1e-6 on values in [0, 1]); 1e-4 still catches any real mismatch.
 */
class ShippedModelsParityTest {
    /** Surefire runs in the module directory, so the repository's models folder is one level up. */
    private static final Path MODELS = Path.of("..", "models");
    private static final double TOLERANCE = 1e-4;

    private static List<Path> onnxFiles() throws IOException {
        if (!Files.isDirectory(MODELS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(MODELS)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".onnx")).sorted().toList();
        }
    }

    @Test
    void theModelsFolderShipsAtLeastOneModel() throws IOException {
        assertThat(onnxFiles()).as("*.onnx in %s", MODELS.toAbsolutePath().normalize()).isNotEmpty();
    }

    @Test
    void oneShippedModelPerFamilyEachWithItsParityCaseAndRecord() throws IOException {
        // The paper's AE, Spatial-AE and VQ-VAE-2 and the VAE (models/README.md); the family is the model's own
        // metadata_props entry, written at export.
        java.util.Set<String> families = new java.util.TreeSet<>();
        for (Path onnx : onnxFiles()) {
            String name = onnx.getFileName().toString().replaceFirst("\\.onnx$", "");
            for (String sibling : List.of(".parity-input.npy", ".parity-output.npy", ".json")) {
                assertThat(onnx.resolveSibling(name + sibling)).as("%s needs %s%s", onnx, name, sibling).exists();
            }
            try (OnnxModel model = OnnxModel.load(name, Files.readAllBytes(onnx), TestModels.CPU)) {
                families.add(model.metadata().get("family"));
                assertThat(model.inputSize()).containsExactly(256, 256);
            }
        }
        assertThat(families).containsExactly("ae", "spatial-ae", "vae", "vqvae");
    }

    @TestFactory
    Stream<DynamicTest> everyShippedModelReproducesItsParityOutput() throws IOException {
        return onnxFiles().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
                () -> assertParity(file)));
    }

    private static void assertParity(Path onnx) throws IOException {
        String name = onnx.getFileName().toString().replaceFirst("\\.onnx$", "");
        assertThat(name).matches(ModelRegistry.NAME_RULE);
        FloatArray input = Npy.read(Files.readAllBytes(onnx.resolveSibling(name + ".parity-input.npy")));
        FloatArray expected = Npy.read(Files.readAllBytes(onnx.resolveSibling(name + ".parity-output.npy")));
        try (OnnxModel model = OnnxModel.load(name, Files.readAllBytes(onnx), TestModels.CPU)) {
            // The parity case is [N, 1, H, W] at the model's own input size: no padding or cropping involved.
            assertThat(input.shape()).containsExactly(input.shape()[0], 1, model.height(), model.width());
            assertThat(expected.shape()).containsExactly(input.shape());
            float[] actual = model.run(input.data(), input.shape()[0]);
            assertThat(actual).hasSameSizeAs(expected.data());
            double maxAbs = 0;
            for (int i = 0; i < actual.length; i++) {
                maxAbs = Math.max(maxAbs, Math.abs((double) actual[i] - expected.data()[i]));
            }
            System.out.printf("parity %s: %d planes, max |java - python| = %.3g%n", name, input.shape()[0], maxAbs);
            assertThat(maxAbs).as("max abs difference of %s", name).isCloseTo(0.0, within(TOLERANCE));
        }
    }
}
