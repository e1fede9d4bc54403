package io.blindspot.inference.domain.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes ONNX Runtime sessions on the configured execution provider, falling back to CPU when CUDA cannot start.
 *
 * <p>The provider is chosen ONCE, when this is built ({@link #selectProvider}): {@code cuda} is tried by adding
 * the CUDA provider to a throw-away {@link OrtSession.SessionOptions}; when that throws (the CPU build of ONNX
 * Runtime has no CUDA provider; the GPU build without a GPU, CUDA 12 or cuDNN 9 fails to load its libraries)
 * the service runs on CPU, logs one warning with the reason and reports it in {@link #status()} (health and
 * metrics show it). A session that still fails to start on CUDA later (e.g. a device id that does not exist)
 * is created on CPU instead and switches the status to the fallback, also logged once. Nothing here stops the
 * service for a missing GPU.
 *
 * <p>CPU sessions use {@link ProviderConfig#intraOpThreads()} threads per run. Thread-safe.
 */
public final class OnnxSessions {
    private static final System.Logger LOG = System.getLogger(OnnxSessions.class.getName());

    /** Adds the CUDA execution provider to session options; a seam so the fallback can be tested by name. */
    @FunctionalInterface
    public interface CudaProvider {
        void add(OrtSession.SessionOptions options, int deviceId) throws OrtException;

        /** ONNX Runtime's own {@code SessionOptions.addCUDA(deviceId)}. */
        CudaProvider ORT = OrtSession.SessionOptions::addCUDA;
    }

    private final OrtEnvironment env;
    private final ProviderConfig config;
    private final CudaProvider cuda;
    private final AtomicReference<ProviderStatus> status;

    public OnnxSessions(ProviderConfig config) {
        this(config, CudaProvider.ORT);
    }

    public OnnxSessions(ProviderConfig config, CudaProvider cuda) {
        this.env = OrtEnvironment.getEnvironment();
        this.config = config;
        this.cuda = cuda;
        ProviderStatus chosen = selectProvider(config, cuda);
        if (chosen.fellBack()) {
            warnFallback(chosen);
        } else {
            LOG.log(Level.INFO, "ONNX Runtime execution provider: {0}{1}", chosen.inUse(),
                    ProviderConfig.CUDA.equals(chosen.inUse()) ? " (device " + chosen.cudaDeviceId() + ")"
                            : " (" + config.intraOpThreads() + " intra-op threads)");
        }
        this.status = new AtomicReference<>(chosen);
    }

    /**
     * The provider to use: {@code cpu} when asked for; {@code cuda} when adding the CUDA provider works, else
     * {@code cpu} with the reason. Any failure counts (an {@link OrtException}, a missing native library).
     */
    public static ProviderStatus selectProvider(ProviderConfig config, CudaProvider cuda) {
        if (!ProviderConfig.CUDA.equals(config.provider())) {
            return new ProviderStatus(ProviderConfig.CPU, ProviderConfig.CPU, config.cudaDeviceId(), null);
        }
        try (OrtSession.SessionOptions probe = new OrtSession.SessionOptions()) {
            cuda.add(probe, config.cudaDeviceId());
            return new ProviderStatus(ProviderConfig.CUDA, ProviderConfig.CUDA, config.cudaDeviceId(), null);
        } catch (Exception | LinkageError e) {
            return new ProviderStatus(ProviderConfig.CUDA, ProviderConfig.CPU, config.cudaDeviceId(), reason(e));
        }
    }

    public ProviderStatus status() {
        return status.get();
    }

    public OrtEnvironment environment() {
        return env;
    }

    /**
     * A session for the model bytes on the provider in use.
     *
     * @throws OrtException when ONNX Runtime cannot load the model (on CPU)
     */
    public OrtSession create(byte[] model) throws OrtException {
        return create(options -> env.createSession(model, options));
    }

    /** A session for the model file at {@code path}: ONNX Runtime reads it itself. */
    public OrtSession create(java.nio.file.Path path) throws OrtException {
        return create(options -> env.createSession(path.toString(), options));
    }

    private interface Loader {
        OrtSession load(OrtSession.SessionOptions options) throws OrtException;
    }

    private OrtSession create(Loader model) throws OrtException {
        ProviderStatus current = status.get();
        if (ProviderConfig.CUDA.equals(current.inUse())) {
            try (OrtSession.SessionOptions options = cpuOptions()) {
                cuda.add(options, config.cudaDeviceId());
                return model.load(options);
            } catch (Exception | LinkageError e) {
                // Decide whether CUDA or the model is at fault: a model that loads on CPU means CUDA is.
                OrtSession onCpu = createOnCpu(model);
                ProviderStatus fallback = new ProviderStatus(current.requested(), ProviderConfig.CPU,
                        current.cudaDeviceId(), reason(e));
                if (status.compareAndSet(current, fallback)) {
                    warnFallback(fallback);
                }
                return onCpu;
            }
        }
        return createOnCpu(model);
    }

    private OrtSession createOnCpu(Loader model) throws OrtException {
        try (OrtSession.SessionOptions options = cpuOptions()) {
            return model.load(options);
        }
    }

    private OrtSession.SessionOptions cpuOptions() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(config.intraOpThreads());
        // The arena keeps each session's peak activation memory for reuse (fast) and for good (memory outside the
        // heap, per model); see ProviderConfig.cpuArena.
        options.setCPUArenaAllocator(config.cpuArena());
        return options;
    }

    private static void warnFallback(ProviderStatus s) {
        LOG.log(Level.WARNING, "ONNX Runtime: CUDA (device {0}) was requested but cannot start, running on CPU "
                + "instead: {1}", s.cudaDeviceId(), s.fallbackReason());
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message.strip());
    }
}
