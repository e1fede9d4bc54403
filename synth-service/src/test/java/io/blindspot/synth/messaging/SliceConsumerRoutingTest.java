package io.blindspot.synth.messaging;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.ObjectKeys;
import io.blindspot.contracts.events.AnomaliesSynthesized;
import io.blindspot.contracts.events.AnomalyParams;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.SliceIngested;
import io.blindspot.contracts.events.SliceRef;
import io.blindspot.contracts.store.ObjectStoreException;
import io.blindspot.support.retry.Backoff;
import io.blindspot.support.retry.Deliveries;
import io.blindspot.support.retry.Retrier;
import io.blindspot.synth.service.SynthesisService;
import io.blindspot.testing.InMemoryArrayStore;
import io.blindspot.testing.RecordingEmitter;
import io.blindspot.testing.SettledMessages;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the channel settles a slice event: a transient store fault is waited out (with a fake clock), one that
 * persists past blindspot.retry.max-duration is dead-lettered with the reason, and a bad event at once.
 */
class SliceConsumerRoutingTest {
    private static final String IMAGE_KEY = ObjectKeys.image("exp-r", 2, 80);
    private static final float[] SLICE = {0f, 0f, 0f, 0f, 0f, 0.5f, 0.6f, 0f, 0f, 0.7f, 0.8f, 0f, 0f, 0f, 0f, 0f};

    /** The store refuses connections for its first {@code failures} writes. */
    static final class FlakyStore extends InMemoryArrayStore {
        int failures;
        int puts;

        @Override
        public void put(String key, FloatArray array) {
            puts++;
            if (failures > 0) {
                failures--;
                throw new ObjectStoreException("cannot write " + key + ": Connection refused",
                        new ConnectException("Connection refused"));
            }
            super.put(key, array);
        }
    }

    private final FlakyStore store = new FlakyStore();
    private final RecordingEmitter<AnomaliesSynthesized> emitter = new RecordingEmitter<>();
    private final List<Long> slept = new ArrayList<>();
    private final long[] now = {0};
    private final SliceConsumer consumer = new SliceConsumer(new SynthesisService(store), emitter,
            new SimpleMeterRegistry(),
            new Deliveries(new Retrier(new Backoff(Duration.ofMillis(500), Duration.ofSeconds(15),
                    Duration.ofMinutes(3)), () -> now[0], Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), () -> 1.0,
                    n -> {
                        slept.add(n / 1_000_000);
                        now[0] += n;
                        return true;
                    })));
    private final SettledMessages messages = new SettledMessages();
    private final List<String> outcomes = messages.outcomes();

    private static SliceIngested event() {
        return new SliceIngested("exp-r", new SliceRef(2, 80, 4, 4, IMAGE_KEY),
                new AnomalyParams("disk", 1, List.of(0.0, 1.0), List.of(1, 2), null),
                new ExperimentSpec.Reconstruction("normal-rec", "gaussian-blur", List.of(0.0)));
    }

    @Test
    void aStoreOutageThatPassesIsWaitedOutAndTheSliceIsAnnouncedOnce() {
        store.put(IMAGE_KEY, FloatArray.of2d(4, 4, SLICE));
        store.failures = 3;
        consumer.consume(messages.of(event()));
        assertThat(outcomes).containsExactly("ack");
        assertThat(slept).containsExactly(500L, 1000L, 2000L);
        assertThat(emitter.sent).hasSize(1);
        assertThat(store.objects()).containsKeys(ObjectKeys.anomalous("exp-r", 2, 80), ObjectKeys.label("exp-r", 2, 80));
    }

    @Test
    void aStoreOutageThatPersistsIsDeadLetteredWithTheReasonAfterTheBound() {
        store.put(IMAGE_KEY, FloatArray.of2d(4, 4, SLICE));
        store.failures = Integer.MAX_VALUE;
        consumer.consume(messages.of(event()));
        assertThat(outcomes).hasSize(1);
        assertThat(outcomes.get(0)).startsWith("dead letter: transient fault persisted for 180 s (16 attempts): "
                + "object store: cannot write ").endsWith("Connection refused");
        assertThat(slept.stream().mapToLong(Long::longValue).sum()).isBetween(165_000L, 180_000L);
        assertThat(emitter.sent).isEmpty();
    }

    @Test
    void aMissingSliceImageOrAnUnknownTypeIsDeadLetteredAtOnce() {
        consumer.consume(messages.of(event())); // nothing under IMAGE_KEY
        SliceIngested unknown = new SliceIngested("exp-r", new SliceRef(2, 80, 4, 4, IMAGE_KEY),
                new AnomalyParams("ellipse", 1, List.of(0.0), List.of(1, 2), null),
                new ExperimentSpec.Reconstruction("normal-rec", "gaussian-blur", List.of(0.0)));
        consumer.consume(messages.of(unknown));
        consumer.consume(messages.of(null)); // an unreadable record
        assertThat(outcomes).hasSize(3).allSatisfy(o -> assertThat(o).startsWith("dead letter: ")
                .doesNotContain("transient"));
        assertThat(outcomes.get(0)).contains("no object '" + IMAGE_KEY + "'");
        assertThat(slept).isEmpty();
    }
}
