package io.blindspot.inference;

import io.blindspot.inference.domain.GaussianBlur;
import io.blindspot.inference.domain.onnx.ModelContractException;
import io.blindspot.inference.domain.onnx.OnnxModel;
import io.blindspot.inference.domain.onnx.OnnxSessions;
import io.blindspot.inference.domain.onnx.ProviderConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The entry point gives exactly what the domain classes give. */
class InferenceKernelsTest {
    /** The 8x8 test model: image * 2. */
    private static final Path SCALE2 = Path.of("src/test/resources/models/scale2-8x8.onnx");

    @Test
    void theBlurIsTheDomainsBitForBit() {
        int rows = 7;
        int cols = 9;
        float[] image = new float[rows * cols];
        for (int i = 0; i < image.length; i++) {
            image[i] = (i * 37 % 11) / 10f;
        }
        for (double sigma : new double[] {0.0, 0.5, 1.0101010101010102, 5.0}) {
            float[] blurred = InferenceKernels.gaussianBlur(sigma, image, rows, cols);
            assertThat(blurred).as("sigma %s", sigma)
                    .containsExactly(new GaussianBlur(sigma).apply(image, rows, cols));
        }
        assertThat(InferenceKernels.gaussianBlur(0.0, image, rows, cols)).containsExactly(image);
    }

    @Test
    void aModelRunIsTheDomainsRun() throws Exception {
        byte[] bytes = Files.readAllBytes(SCALE2);
        float[] planes = new float[2 * 64];
        for (int i = 0; i < planes.length; i++) {
            planes[i] = i / 128f;
        }
        InferenceKernels.Sessions sessions = InferenceKernels.sessions(InferenceKernels.CPU, 1);
        assertThat(sessions.provider()).isEqualTo(InferenceKernels.CPU);
        try (InferenceKernels.Model model = sessions.load("scale2", bytes);
             OnnxModel expected = OnnxModel.load("scale2", bytes,
                     new OnnxSessions(new ProviderConfig(ProviderConfig.CPU, 0, 1)))) {
            assertThat(model.name()).isEqualTo("scale2");
            assertThat(model.height()).isEqualTo(8);
            assertThat(model.width()).isEqualTo(8);
            float[] out = model.run(planes, 2);
            assertThat(out).containsExactly(expected.run(planes, 2));
            assertThat(out[127]).isEqualTo(2 * (127 / 128f));
        }
        assertThatThrownBy(() -> sessions.load("empty", new byte[0])).isInstanceOf(ModelContractException.class);
    }

    @Test
    void theCudaLineIsTheServicesFallbackReason() {
        String reason = InferenceKernels.cudaFallbackReason(1);
        var status = OnnxSessions.selectProvider(new ProviderConfig(ProviderConfig.CUDA, 0, 1),
                OnnxSessions.CudaProvider.ORT);
        assertThat(reason).isEqualTo(status.fellBack() ? status.fallbackReason() : null);
        if (status.fellBack()) {
            assertThat(reason).isNotBlank();
        }
        assertThat(InferenceKernels.CUDA).isEqualTo(ProviderConfig.CUDA);
    }
}
