package io.blindspot.inference.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code blindspot.inference.*}: how models run (application.properties documents each key). */
@ConfigMapping(prefix = "blindspot.inference")
public interface InferenceConfig {

    /** {@code cpu} or {@code cuda}; cuda falls back to cpu when it cannot start. */
    @WithDefault("cpu")
    String provider();

    /**
     * Bytes of reconstructions per object and event at most: an anomalies event's sigmas go out in blocks of
     * {@code max(1, blockBytes / bytes of one sigma's output)} consecutive sigmas (AnomaliesConsumer).
     */
    @WithDefault("16777216")
    long blockBytes();

    Batch batch();

    Cuda cuda();

    Cpu cpu();

    Models models();

    /** How the planes of all events are grouped into model runs (one batcher per model). */
    interface Batch {
        /** Planes per model run at most. */
        @WithDefault("32")
        int size();

        /** How long the oldest queued plane may wait for a run to fill up (planes of concurrent events). */
        @WithDefault("20ms")
        Duration maxWait();
    }

    interface Cuda {
        @WithDefault("0")
        int deviceId();
    }

    interface Cpu {
        /** Threads per run; absent: one per available processor. */
        OptionalInt intraOpThreads();

        /** ONNX Runtime's CPU memory arena: faster, but keeps each model's peak memory (ProviderConfig). */
        @WithDefault("true")
        boolean arena();
    }

    interface Models {
        /** A folder whose {@code NAME.onnx} files are registered at start when the name is free. */
        Optional<String> bundledDir();

        /** Largest model upload in bytes; a larger body is a JSON 413 (it streams to a temporary file). */
        @WithDefault("536870912")
        long maxBytes();

        /** Lowest default-domain opset an uploaded model may import. */
        @WithDefault("7")
        int minOpset();

        /** Highest default-domain opset an uploaded model may import (what this ONNX Runtime implements). */
        @WithDefault("23")
        int maxOpset();

        /** Largest single tensor (initialiser or constant) an uploaded model may declare, in bytes. */
        @WithDefault("536870912")
        long maxTensorBytes();
    }
}
