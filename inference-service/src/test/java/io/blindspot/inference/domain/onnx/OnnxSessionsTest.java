package io.blindspot.inference.domain.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.blindspot.contracts.FloatArray;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Execution-provider selection and the CUDA fallback (this machine has no GPU and the CPU build of ORT). */
class OnnxSessionsTest {

    @Test
    void cpuIsUsedWhenAskedFor() {
        ProviderStatus status = OnnxSessions.selectProvider(new ProviderConfig("cpu", 0, 2),
                (options, device) -> {
                    throw new AssertionError("CUDA must not be tried for provider=cpu");
                });
        assertThat(status).isEqualTo(new ProviderStatus("cpu", "cpu", 0, null));
        assertThat(status.fellBack()).isFalse();
    }

    @Test
    void cudaWithoutAGpuFallsBackToCpuWithTheReason() {
        // The real addCUDA of the CPU artefact: it has no CUDA provider library, so it throws.
        ProviderStatus status = OnnxSessions.selectProvider(new ProviderConfig("cuda", 0, 2),
                OnnxSessions.CudaProvider.ORT);
        assertThat(status.requested()).isEqualTo("cuda");
        assertThat(status.inUse()).isEqualTo("cpu");
        assertThat(status.fellBack()).isTrue();
        assertThat(status.fallbackReason()).startsWith("OrtException").containsIgnoringCase("cuda");
    }

    @Test
    void theFallbackReasonIsTheFailureOfAddingCuda() {
        // What the GPU artefact does on a machine without CUDA 12 libraries (stack notes).
        ProviderStatus status = OnnxSessions.selectProvider(new ProviderConfig("CUDA", 1, 2), (options, device) -> {
            throw new OrtException("libcublasLt.so.12: cannot open shared object file (device " + device + ")");
        });
        assertThat(status).isEqualTo(new ProviderStatus("cuda", "cpu", 1,
                "OrtException: libcublasLt.so.12: cannot open shared object file (device 1)"));
        ProviderStatus missingLibrary = OnnxSessions.selectProvider(new ProviderConfig("cuda", 0, 2),
                (options, device) -> {
                    throw new UnsatisfiedLinkError("no onnxruntime_providers_cuda");
                });
        assertThat(missingLibrary.fallbackReason()).isEqualTo("UnsatisfiedLinkError: no onnxruntime_providers_cuda");
    }

    @Test
    void cudaIsUsedWhenItStarts() {
        ProviderStatus status = OnnxSessions.selectProvider(new ProviderConfig("cuda", 0, 2), (options, device) -> {
        });
        assertThat(status).isEqualTo(new ProviderStatus("cuda", "cuda", 0, null));
    }

    @Test
    void aServiceThatFellBackRunsModelsOnCpu() {
        OnnxSessions sessions = new OnnxSessions(new ProviderConfig("cuda", 0, 1));
        assertThat(sessions.status().inUse()).isEqualTo("cpu");
        try (OnnxModel model = OnnxModel.load("scale2", TestModels.bytes("scale2-8x8.onnx"), sessions)) {
            FloatArray out = new OnnxReconstructor(model, 4).reconstruct(new FloatArray(new int[] {1, 8, 8},
                    new float[64]));
            assertThat(out.data()).containsOnly(0f);
        }
    }

    @Test
    void aSessionThatFailsOnCudaLaterIsMadeOnCpuAndTheFallbackRecorded() throws OrtException {
        // The probe succeeds (e.g. the libraries load) but the session does not start on the device.
        int[] calls = {0};
        OnnxSessions.CudaProvider flaky = (OrtSession.SessionOptions options, int device) -> {
            if (calls[0]++ > 0) {
                throw new OrtException("CUDA failure 100: no CUDA-capable device is detected");
            }
        };
        OnnxSessions sessions = new OnnxSessions(new ProviderConfig("cuda", 0, 1), flaky);
        assertThat(sessions.status().inUse()).isEqualTo("cuda");
        try (OrtSession session = sessions.create(TestModels.bytes("scale2-8x8.onnx"))) {
            assertThat(session.getInputNames()).containsExactly("image");
        }
        assertThat(sessions.status()).isEqualTo(new ProviderStatus("cuda", "cpu", 0,
                "OrtException: CUDA failure 100: no CUDA-capable device is detected"));
    }

    @Test
    void aBadProviderNameOrThreadCountIsAConfigurationError() {
        assertThatThrownBy(() -> new ProviderConfig("tensorrt", 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("blindspot.inference.provider must be cpu or cuda, got 'tensorrt'");
        assertThatThrownBy(() -> new ProviderConfig("cpu", 0, 0))
                .hasMessage("blindspot.inference.cpu.intra-op-threads must be >= 1, got 0");
        assertThatThrownBy(() -> new ProviderConfig("cuda", -1, 1))
                .hasMessage("blindspot.inference.cuda.device-id must be >= 0, got -1");
    }
}
