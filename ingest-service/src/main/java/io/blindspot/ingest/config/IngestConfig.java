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

    /**
     * Largest volume upload ({@code POST /api/volumes}) in bytes; a larger body is a JSON 413. The body is
     * streamed to a temporary file, never held whole in the heap, so this bounds disk, not memory.
     */
    @WithDefault("268435456")
    long maxVolumeBytes();

    /**
     * Largest volume in voxels, refused from its header before any voxel is decoded: a decoded volume takes 4
     * bytes per voxel and normalising it a second copy, so this bounds the heap an upload can take. 2^25
     * (128 MiB per copy) holds a 256^3 MOOD brain twice over; ch2bet has 7.1 M.
     */
    @WithDefault("33554432")
    long maxVoxels();

    /** Largest spec or audit request body in bytes ({@code POST /api/experiments|audits}); a larger one is a 413. */
    @WithDefault("1048576")
    long maxSpecBytes();
}
