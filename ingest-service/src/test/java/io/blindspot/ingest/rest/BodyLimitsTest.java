package io.blindspot.ingest.rest;

import io.blindspot.ingest.config.IngestConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BodyLimitsTest {
    private final BodyLimits limits = new BodyLimits(new IngestConfig() {
        public Duration sendTimeout() {
            return Duration.ofSeconds(1);
        }

        public int volumeCacheSize() {
            return 1;
        }

        public long maxVolumeBytes() {
            return 100;
        }

        public long maxSpecBytes() {
            return 10;
        }

        public long maxVoxels() {
            return 1000;
        }
    });

    @Test
    void aSpecUpToTheLimitIsReadAndOneByteMoreIsA413NamingTheLimitAndTheSetting() {
        assertThat(limits.readSpec(new ByteArrayInputStream("0123456789".getBytes()))).isEqualTo("0123456789");
        assertThatThrownBy(() -> limits.readSpec(new ByteArrayInputStream("0123456789a".getBytes())))
                .isInstanceOf(io.blindspot.support.http.BodyLimit.TooLargeException.class)
                .hasMessage("the request body is larger than the limit of 10 bytes (10 B); a spec is small JSON or "
                        + "YAML (write long lists as linspace or range), or raise blindspot.ingest.max-spec-bytes");
        assertThat(limits.readSpec(null)).isEmpty();
    }

    @Test
    void aVolumeIsCutOffAsSoonAsItPassesItsLimit() throws Exception {
        try (InputStream in = limits.limitedVolume(new ByteArrayInputStream(new byte[101]))) {
            assertThat(in.readNBytes(100)).hasSize(100);
            assertThatThrownBy(in::read).isInstanceOf(io.blindspot.support.http.BodyLimit.TooLargeException.class)
                    .hasMessageContaining("the volume is larger than the limit of 100 bytes")
                    .hasMessageContaining("blindspot.ingest.max-volume-bytes");
        }
    }

    @Test
    void eachPathHasItsLimitAndADeclaredLengthIsNamed() {
        assertThat(limits.limitOf("/api/volumes")).isEqualTo(100);
        assertThat(limits.limitOf("/api/experiments")).isEqualTo(10);
        assertThat(limits.limitOf("/api/audits")).isEqualTo(10);
        assertThat(limits.message("/api/volumes", 5000)).startsWith("the volume (5000 bytes) is larger than");
        assertThat(BodyLimits.human(256L << 20)).isEqualTo("256 MiB");
    }
}
