package io.blindspot.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the ingest-service itself, {@code blindspot.ingest.*}. */
@ConfigMapping(prefix = "blindspot.ingest")
public interface IngestConfig {
    /** How long a submission waits for Kafka to acknowledge its events before answering 503. */
    @WithDefault("30s")
    Duration sendTimeout();

    /** Decoded, normalised volumes kept in memory (about 28 MB each for ch2bet). */
    @WithDefault("2")
    int volumeCacheSize();
}
