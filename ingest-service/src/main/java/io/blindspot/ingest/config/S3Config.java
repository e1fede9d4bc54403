package io.blindspot.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The object store, from {@code blindspot.s3.*} (env {@code BLINDSPOT_S3_ENDPOINT} and so on). */
@ConfigMapping(prefix = "blindspot.s3")
public interface S3Config {
    String endpoint();

    String accessKey();

    String secretKey();

    String bucket();

    /** How long start-up keeps retrying to reach the store (it may still be starting beside us). */
    @WithDefault("30s")
    Duration startupTimeout();
}
