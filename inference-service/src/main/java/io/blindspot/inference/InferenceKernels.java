package io.blindspot.inference;

import io.blindspot.inference.domain.GaussianBlur;
import io.blindspot.inference.domain.onnx.OnnxModel;
import io.blindspot.inference.domain.onnx.OnnxSessions;
import io.blindspot.inference.domain.onnx.ProviderConfig;
import io.blindspot.inference.domain.onnx.ProviderStatus;

/**
 * The inference-service's public entry point for code outside the service (bench): the Gaussian-blur
 * reconstructor and ONNX Runtime sessions with the service's own settings and provider fallback. Plain
 * delegation to the domain classes, so a move inside the service changes this class only; nothing is copied on
 * the way (a model run returns the array the domain's run returns).
 */
public final class InferenceKernels {
    /** The CPU execution provider's name, as in {@code blindspot.inference.provider}. */
    public static final String CPU = ProviderConfig.CPU;
    /** The CUDA execution provider's name. */
    public static final String CUDA = ProviderConfig.CUDA;

    private InferenceKernels() {
    }

    /** scipy's {@code gaussian_filter(image, sigma)} (mode reflect, truncate 4), a new row-major array. */
    public static float[] gaussianBlur(double sigma, float[] image, int rows, int cols) {
        return new GaussianBlur(sigma).apply(image, rows, cols);
    }

    /**
     * ONNX Runtime sessions as the service opens them: {@code provider} {@link #CPU} or {@link #CUDA} (device
     * 0; falls back to the CPU with a warning when CUDA cannot start), {@code threads} intra-op threads.
     */
    public static Sessions sessions(String provider, int threads) {
        return new Sessions(new OnnxSessions(new ProviderConfig(provider, 0, threads)));
    }

    /**
     * Null when ONNX Runtime's CUDA execution provider starts on device 0, else why not (the service's fallback
     * reason, e.g. the CPU build's missing provider).
     */
    public static String cudaFallbackReason(int threads) {
        ProviderStatus status = OnnxSessions.selectProvider(new ProviderConfig(CUDA, 0, threads),
                OnnxSessions.CudaProvider.ORT);
        return status.fellBack() ? status.fallbackReason() : null;
    }

    /** Sessions of one provider; thread-safe. */
    public static final class Sessions {
        private final OnnxSessions sessions;

        private Sessions(OnnxSessions sessions) {
            this.sessions = sessions;
        }

        /** The provider in use: the one asked for, or {@link #CPU} after a fallback. */
        public String provider() {
            return sessions.status().inUse();
        }

        /**
         * Loads and checks a model against the service's contract (one input [N, 1, H, W], one output of the
         * same shape).
         *
         * @throws IllegalArgumentException (the domain's ModelContractException) when the bytes are no such model
         */
        public Model load(String name, byte[] onnx) {
            return new Model(OnnxModel.load(name, onnx, sessions));
        }
    }

    /** A loaded model; close it to free its native session. */
    public static final class Model implements AutoCloseable {
        private final OnnxModel model;

        private Model(OnnxModel model) {
            this.model = model;
        }

        public String name() {
            return model.name();
        }

        /** H of the model's [N, 1, H, W] input. */
        public int height() {
            return model.height();
        }

        /** W of the model's [N, 1, H, W] input. */
        public int width() {
            return model.width();
        }

        /**
         * One session run on {@code n} planes.
         *
         * @param planes float32 [n, 1, H, W] in C order (at least n·H·W values; the rest is ignored)
         * @return the output, float32 [n, 1, H, W] as n·H·W values
         * @throws IllegalStateException when ONNX Runtime fails
         */
        public float[] run(float[] planes, int n) {
            return model.run(planes, n);
        }

        @Override
        public void close() {
            model.close();
        }
    }
}
