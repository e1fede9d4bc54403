package io.blindspot.inference.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;
import java.util.OptionalInt;

/** {@code blindspot.inference.*}: how models run (application.properties documents each key). */
@ConfigMapping(prefix = "blindspot.inference")
public interface InferenceConfig {

    /** {@code cpu} or {@code cuda}; cuda falls back to cpu when it cannot start. */
    @WithDefault("cpu")
    String provider();

    /** Planes per model run. */
    @WithDefault("32")
    int batchSize();

    Cuda cuda();

    Cpu cpu();

    Models models();

    interface Cuda {
        @WithDefault("0")
        int deviceId();
    }

    interface Cpu {
        /** Threads per run; absent: one per available processor. */
        OptionalInt intraOpThreads();
    }

    interface Models {
        /** A folder whose {@code NAME.onnx} files are registered at start when the name is free. */
        Optional<String> bundledDir();
    }
}
