package io.blindspot.support;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaMembershipTest {
    private static Map<String, Object> consumer() {
        Map<String, Object> config = new HashMap<>();
        config.put("group.id", "blindspot-synth");
        config.put("value.deserializer", "x");
        return config;
    }

    @Test
    void anInstanceIdMakesTheConsumerAStaticMemberWithShortSessions() {
        Map<String, Object> config = KafkaMembership.apply("slices", consumer(), Optional.of("synth-1"),
                Duration.ofSeconds(10), Duration.ofSeconds(3));
        assertThat(config).containsEntry("group.instance.id", "synth-1").containsEntry("session.timeout.ms", "10000")
                .containsEntry("heartbeat.interval.ms", "3000");
    }

    @Test
    void withoutAnIdMembershipStaysDynamic() {
        Map<String, Object> config = KafkaMembership.apply("slices", consumer(), Optional.empty(),
                Duration.ofSeconds(10), Duration.ofSeconds(3));
        assertThat(config).doesNotContainKey("group.instance.id").containsEntry("session.timeout.ms", "10000");
    }

    @Test
    void aChannelsOwnSettingWinsAndProducersAreLeftAlone() {
        Map<String, Object> consumer = consumer();
        consumer.put("session.timeout.ms", "30000");
        assertThat(KafkaMembership.apply("slices", consumer, Optional.of("a"), Duration.ofSeconds(10),
                Duration.ofSeconds(3))).containsEntry("session.timeout.ms", "30000");
        Map<String, Object> producer = new HashMap<>(Map.of("value.serializer", "x", "group.id", "app"));
        assertThat(KafkaMembership.apply("anomalies", producer, Optional.of("a"), Duration.ofSeconds(10),
                Duration.ofSeconds(3))).containsOnlyKeys("value.serializer", "group.id");
    }

    @Test
    void aBlankIdIsNoId() {
        KafkaMembership membership = new KafkaMembership(Optional.of("  "), Duration.ofSeconds(10),
                Duration.ofSeconds(3));
        assertThat(membership.customize("slices", null, consumer())).doesNotContainKey("group.instance.id");
    }
}
