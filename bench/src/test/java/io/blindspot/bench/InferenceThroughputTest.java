package io.blindspot.bench;

import io.blindspot.contracts.FloatArray;
import io.blindspot.inference.InferenceKernels;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InferenceThroughputTest {
    /** The inference-service's 8x8 test model (image * 2); surefire runs in bench/. */
    private static final Path SCALE2 = Path.of("..", "inference-service", "src", "test", "resources", "models",
            "scale2-8x8.onnx");

    @Test
    void defaultsAreBatches1_8_32OnEveryShippedModelWithPyTorch() {
        InferenceThroughput.Options o = InferenceThroughput.Options.parse(new String[0]);
        assertThat(o.batches()).containsExactly(1, 8, 32);
        assertThat(o.models()).isEmpty();
        assertThat(o.torch()).isTrue();
        assertThat(o.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        InferenceThroughput.Options custom = InferenceThroughput.Options.parse(new String[] {"--models",
                "ae-latent128,vqvae2", "--batches", "2, 4", "--threads", "1", "--min-seconds", "0", "--no-torch"});
        assertThat(custom.models()).containsExactly("ae-latent128", "vqvae2");
        assertThat(custom.batches()).containsExactly(2, 4);
        assertThat(custom.torch()).isFalse();
        assertThatThrownBy(() -> InferenceThroughput.Options.parse(new String[] {"--batches", "0"}))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> InferenceThroughput.Options.parse(new String[] {"--gpu"}))
                .hasMessageContaining("unknown argument --gpu");
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertThat(InferenceThroughput.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(InferenceThroughput.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5); // (2 + 3) / 2
    }

    @Test
    void aMeasurementRunsTheModelAtLeastThreeTimesAndCountsSlicesPerSecond() throws Exception {
        InferenceKernels.Sessions cpu = InferenceKernels.sessions(InferenceKernels.CPU, 1);
        try (InferenceKernels.Model model = cpu.load("scale2", Files.readAllBytes(SCALE2))) {
            FloatArray parity = new FloatArray(new int[] {2, 1, 8, 8}, new float[128]);
            InferenceThroughput.Row row = InferenceThroughput.measure(model, parity, 5, 0, "cpu", 10.0);
            assertThat(row.batch()).isEqualTo(5);
            assertThat(row.runs()).isGreaterThanOrEqualTo(3);
            assertThat(row.slicesPerSecond()).isEqualTo(5 / row.medianSeconds());
            assertThat(row.ratio()).isEqualTo(row.slicesPerSecond() / 10.0);
        }
    }

    @Test
    void withoutCudaTheLineSaysWhy() {
        // The CPU build of ONNX Runtime (bench's dependency) has no CUDA provider, so the line is never null here.
        String line = InferenceThroughput.cudaLine(InferenceThroughput.Options.parse(new String[0]));
        assertThat(line).startsWith("CUDA: ");
        if (!Files.exists(Path.of("/dev/nvidia0")) && !Files.exists(Path.of("/dev/nvidiactl"))) {
            assertThat(line).startsWith("CUDA: no GPU on this machine (ONNX Runtime: ");
        }
    }

    @Test
    void modelFilesAreTheShippedOnnxFilesSortedOrTheNamedOnes() throws Exception {
        Path models = Path.of("..", "models");
        assertThat(InferenceThroughput.modelFiles(models, List.of()))
                .extracting(p -> p.getFileName().toString()).contains("ae-latent128.onnx").isSorted();
        assertThatThrownBy(() -> InferenceThroughput.modelFiles(models, List.of("nope")))
                .hasMessageContaining("no model");
    }
}
