package io.blindspot.synth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code blindspot.synth.*}: this service's settings (application.properties documents each key). */
@ConfigMapping(prefix = "blindspot.synth")
public interface SynthConfig {

    /**
     * How the variants are stored ({@code VariantsRef}): {@code compact} (one plane plus each variant's label
     * values wherever that is lossless and smaller) or {@code full} (every {@code [k, rows, cols]} stack whole);
     * any case. Anything else fails the start.
     */
    @WithDefault("compact")
    String variants();
}
