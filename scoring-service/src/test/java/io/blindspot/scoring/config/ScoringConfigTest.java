package io.blindspot.scoring.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The mapping reads the keys the @ConfigProperty injections read before, with the same defaults. */
class ScoringConfigTest {

    private static SmallRyeConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(ScoringConfig.class)
                .withMapping(ScoringConfig.Retention.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
    }

    @Test
    void readsTheSameKeys() {
        SmallRyeConfig config = config(Map.of(
                "blindspot.scoring.parallel-sigmas", "false",
                "blindspot.scoring.compute-slots", "3",
                "blindspot.scoring.read-budget-mb", "7",
                "blindspot.scoring.variants-cache-size", "5",
                "blindspot.scoring.stalled-after", "90s",
                "blindspot.retention.intermediates", "keep",
                "blindspot.retention.drain-timeout", "3s"));
        ScoringConfig scoring = config.getConfigMapping(ScoringConfig.class);
        ScoringConfig.Retention retention = config.getConfigMapping(ScoringConfig.Retention.class);
        assertThat(scoring.parallelSigmas()).isFalse();
        assertThat(scoring.computeSlots()).isEqualTo(3);
        assertThat(scoring.readBudgetMb()).isEqualTo(7);
        assertThat(scoring.variantsCacheSize()).isEqualTo(5);
        assertThat(scoring.stalledAfter()).isEqualTo(Duration.ofSeconds(90));
        assertThat(retention.intermediates()).isEqualTo("keep");
        assertThat(retention.drainTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void keepsTheDefaults() {
        SmallRyeConfig config = config(Map.of());
        ScoringConfig scoring = config.getConfigMapping(ScoringConfig.class);
        ScoringConfig.Retention retention = config.getConfigMapping(ScoringConfig.Retention.class);
        assertThat(scoring.parallelSigmas()).isTrue();
        assertThat(scoring.computeSlots()).isEqualTo(1);
        assertThat(scoring.readBudgetMb()).isEqualTo(160);
        assertThat(scoring.variantsCacheSize()).isEqualTo(32);
        assertThat(scoring.stalledAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(retention.intermediates()).isEqualTo("delete");
        assertThat(retention.drainTimeout()).isEqualTo(Duration.ofSeconds(10));
    }
}
