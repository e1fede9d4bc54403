package io.blindspot.inference.rest;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelBodyLimitTest {
    private final ModelBodyLimit limit = new ModelBodyLimit(64);

    @Test
    void aModelUpToTheLimitStreamsThroughAndOneByteMoreIsRefusedNamingTheSetting() throws Exception {
        try (InputStream in = limit.limited(new ByteArrayInputStream(new byte[64]))) {
            assertThat(in.readAllBytes()).hasSize(64);
        }
        try (InputStream in = limit.limited(new ByteArrayInputStream(new byte[65]))) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(io.blindspot.support.http.BodyLimit.TooLargeException.class)
                    .hasMessage("the model file is larger than the limit of 64 bytes; export a smaller model or raise "
                            + "blindspot.inference.models.max-bytes");
        }
        assertThat(limit.message(1000)).startsWith("the model file (1000 bytes) is larger than the limit of 64");
    }
}
