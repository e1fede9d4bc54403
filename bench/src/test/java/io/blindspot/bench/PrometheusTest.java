package io.blindspot.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PrometheusTest {
    static final String TEXT = """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.048576E7
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2097152.0
            jvm_memory_used_bytes{area="heap",id="G1 Survivor Space"} 0.0
            jvm_gc_live_data_size_bytes 3145728.0
            # TYPE scoring_seconds summary
            scoring_seconds_count{mode="normal-rec"} 3.0
            scoring_seconds_sum{mode="normal-rec"} 1.5
            scoring_seconds_count{mode="anomal-rec"} 1.0
            scoring_seconds_sum{mode="anomal-rec"} 0.25
            scoring_seconds_max{mode="anomal-rec"} 0.25
            http_server_requests_seconds_count{uri="/x"} 2 1700000000000
            http_server_requests_seconds_sum{uri="/x"} 0.5 1700000000000
            """;

    @Test
    void heapIsTheSumOfTheHeapPoolsOnly() {
        // 10 MiB Eden + 2 MiB Old + 0 Survivor; Metaspace is non-heap.
        assertThat(Prometheus.heapUsedBytes(TEXT)).isEqualTo(12 * 1024 * 1024.0);
        assertThat(Prometheus.heapUsedBytes("up 1\n")).isEqualTo(-1);
    }

    @Test
    void liveDataIsReadAsIs() {
        assertThat(Prometheus.liveDataBytes(TEXT)).isEqualTo(3 * 1024 * 1024.0);
    }

    @Test
    void timersAreSummedOverTheirTagsAndTimestampsIgnored() {
        var timers = Prometheus.timers(TEXT);

        assertThat(timers).containsOnlyKeys("scoring", "http_server_requests");
        // 3 + 1 events, 1.5 + 0.25 s.
        assertThat(timers.get("scoring").count()).isEqualTo(4.0);
        assertThat(timers.get("scoring").seconds()).isCloseTo(1.75, within(1e-12));
        assertThat(timers.get("http_server_requests").seconds()).isEqualTo(0.5);
        assertThat(timers.get("scoring").minus(new Prometheus.Timer(1, 0.75)))
                .isEqualTo(new Prometheus.Timer(3, 1.0));
    }
}
