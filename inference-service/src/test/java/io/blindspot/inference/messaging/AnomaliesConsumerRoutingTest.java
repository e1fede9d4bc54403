package io.blindspot.inference.messaging;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.ObjectKeys;
import io.blindspot.contracts.events.AnomaliesSynthesized;
import io.blindspot.contracts.events.AnomalyParams;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.contracts.events.SliceRef;
import io.blindspot.contracts.events.VariantsRef;
import io.blindspot.inference.domain.Reconstructors;
import io.blindspot.inference.service.ReconstructionService;
import io.blindspot.support.retry.Backoff;
import io.blindspot.support.retry.Deliveries;
import io.blindspot.support.retry.Retrier;
import io.blindspot.testing.InMemoryArrayStore;
import io.blindspot.testing.RecordingEmitter;
import io.blindspot.testing.SettledMessages;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the channel settles an anomalies event: a broker that does not acknowledge (Kafka's retriable
 * TimeoutException) is waited out, one that stays away past blindspot.retry.max-duration is dead-lettered with the
 * reason, and a bad event (unknown mode) at once.
 */
class AnomaliesConsumerRoutingTest {
    private static final String IMAGE = ObjectKeys.image("exp-r", 2, 85);
    private static final SliceRef SLICE = new SliceRef(2, 85, 3, 4, IMAGE);

    private final InMemoryArrayStore store = new InMemoryArrayStore();
    private final RecordingEmitter<SliceReconstructed> emitter = new RecordingEmitter<>();
    private final List<Long> slept = new ArrayList<>();
    private final long[] now = {0};
    private final AnomaliesConsumer consumer = new AnomaliesConsumer(
            new ReconstructionService(store, Reconstructors.defaults()), emitter, new SimpleMeterRegistry(),
            new Deliveries(new Retrier(new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15),
                    Duration.ofMinutes(3)), () -> now[0], Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), () -> 0.0,
                    n -> {
                        slept.add(n / 1_000_000);
                        now[0] += n;
                        return true;
                    })));
    private final SettledMessages messages = new SettledMessages();
    private final List<String> outcomes = messages.outcomes();

    /** What a send fails with when the broker is down: Kafka's, after delivery.timeout.ms. */
    private static TimeoutException brokerDown() {
        return new TimeoutException("Expiring 1 record(s) for blindspot.reconstructions-0: 120000 ms has passed");
    }

    private static AnomaliesSynthesized event(String mode) {
        return new AnomaliesSynthesized("exp-r", SLICE, new AnomalyParams("disk", 1, List.of(0.0), List.of(1, 1), 5L),
                new ExperimentSpec.Reconstruction(mode, "gaussian-blur", List.of(0.0, 1.0)),
                new VariantsRef(ObjectKeys.anomalous("exp-r", 2, 85), ObjectKeys.label("exp-r", 2, 85), 1));
    }

    @Test
    void aBrokerThatComesBackIsWaitedOutAndTheBlockIsAnnounced() {
        store.put(IMAGE, FloatArray.of2d(3, 4, new float[12]));
        emitter.failCalls(n -> n < 2, brokerDown());
        consumer.consume(messages.of(event("normal-rec")));
        assertThat(outcomes).containsExactly("ack");
        assertThat(slept).containsExactly(250L, 500L);
        assertThat(emitter.sent).hasSize(1);
        assertThat(emitter.sent.get(0).reconstruction().sigmas()).containsExactly(0.0, 1.0);
    }

    @Test
    void aBrokerThatStaysAwayIsReportedAfterTheBound() {
        store.put(IMAGE, FloatArray.of2d(3, 4, new float[12]));
        emitter.failCalls(n -> true, brokerDown());
        consumer.consume(messages.of(event("normal-rec")));
        assertThat(outcomes).singleElement().asString()
                .startsWith("dead letter: transient fault persisted for 180 s (")
                .contains("kafka: Expiring 1 record(s)");
    }

    @Test
    void anUnknownModeIsDeadLetteredAtOnce() {
        store.put(IMAGE, FloatArray.of2d(3, 4, new float[12]));
        consumer.consume(messages.of(event("both-rec")));
        assertThat(outcomes).containsExactly("dead letter: unknown reconstruction mode 'both-rec'; supported: "
                + "normal-rec, anomal-rec");
        assertThat(slept).isEmpty();
    }
}
