package io.blindspot.ingest.domain;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class VolumeCacheTest {
    private static Volume volume(float value) {
        return new Volume(1, 1, 1, new float[] {value}, "float32");
    }

    @Test
    void loadsOnceAndEvictsTheLeastRecentlyUsed() {
        VolumeCache cache = new VolumeCache(2);
        AtomicInteger loads = new AtomicInteger();

        cache.get("a", () -> { loads.incrementAndGet(); return volume(1); });
        assertThat(cache.get("a", () -> { loads.incrementAndGet(); return volume(9); }).data()).containsExactly(1f);
        assertThat(loads).hasValue(1);

        cache.get("b", () -> volume(2));
        cache.get("a", () -> volume(9)); // a is now more recent than b
        cache.get("c", () -> volume(3)); // evicts b
        assertThat(cache.contains("a")).isTrue();
        assertThat(cache.contains("b")).isFalse();
        assertThat(cache.contains("c")).isTrue();
    }
}
