package io.blindspot.scoring.messaging;

import io.blindspot.contracts.ObjectKeys;
import io.blindspot.contracts.events.AnomalyParams;
import io.blindspot.contracts.events.ReconstructionRef;
import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.contracts.events.SliceRef;
import io.blindspot.contracts.events.VariantsRef;
import io.blindspot.contracts.store.ObjectStore;
import io.blindspot.scoring.repository.ExperimentRepository;
import io.blindspot.scoring.repository.ResultRepository;
import io.blindspot.scoring.repository.ScoredReconstructions;
import io.blindspot.scoring.service.IntermediateArtefacts;
import io.blindspot.scoring.service.ReadBudget;
import io.blindspot.scoring.service.ReconstructionScoring;
import io.blindspot.scoring.service.VariantsCache;
import io.blindspot.scoring.service.Waits;
import io.blindspot.scoring.store.ObjectStoreArtefacts;
import io.blindspot.support.retry.Backoff;
import io.blindspot.support.retry.Deliveries;
import io.blindspot.support.retry.Retrier;
import io.blindspot.testing.SettledMessages;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconstructions consumer with an object store that refuses connections (a real MinIO client against a port
 * nobody listens on): the event is retried, its experiment reported waiting on the object store meanwhile, and
 * dead-lettered with the reason once the fault outlasts the bound; a malformed event is dead-lettered at once.
 */
class ReconstructionsStoreOutageTest {
    private final SettledMessages messages = new SettledMessages();
    private final List<String> outcomes = messages.outcomes();

    private static ReconstructionsConsumer consumer(Waits waits, Duration bound) throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ObjectStoreArtefacts store = new ObjectStoreArtefacts(
                ObjectStore.connect("http://127.0.0.1:" + closed, "key", "secret", "blindspot"));
        ReadBudget budget = new ReadBudget(160);
        VariantsCache cache = new VariantsCache(store, budget, 4);
        PGSimpleDataSource unused = new PGSimpleDataSource(); // the database is never reached here
        return new ReconstructionsConsumer(new ReconstructionScoring(store, cache, new ResultRepository(unused),
                new IntermediateArtefacts("keep", store, new ScoredReconstructions(unused),
                        new ExperimentRepository(unused), cache, Duration.ofSeconds(1)),
                budget, new SimpleMeterRegistry(), true, 1),
                new Deliveries(new Retrier(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), bound))), waits);
    }

    private static SliceReconstructed event(UUID id) {
        String exp = id.toString();
        return new SliceReconstructed(exp, new SliceRef(2, 80, 4, 4, ObjectKeys.image(exp, 2, 80)),
                new AnomalyParams("disk", 1, List.of(0.0, 1.0), List.of(1, 1), null),
                new VariantsRef(ObjectKeys.anomalous(exp, 2, 80), ObjectKeys.label(exp, 2, 80), 2),
                new ReconstructionRef("normal-rec", "gaussian-blur", 0, 0.0, "rec-key", List.of(0.0)));
    }

    @Test
    void anUnreachableStoreIsRetriedWhileTheExperimentWaitsThenDeadLetteredWithTheReason() throws Exception {
        Waits waits = new Waits();
        ReconstructionsConsumer consumer = consumer(waits, Duration.ofSeconds(3));
        UUID id = UUID.randomUUID();
        CompletableFuture<Void> settled = CompletableFuture.runAsync(() -> consumer.consume(messages.of(event(id))));
        Waits.Wait seen = null;
        for (int i = 0; i < 100 && seen == null; i++) {
            seen = waits.of(id).orElse(null);
            Thread.sleep(20);
        }
        assertThat(seen).as("status waiting while the store is retried").isNotNull();
        assertThat(seen.resource()).isEqualTo("object store");
        assertThat(seen.detail()).contains(ObjectKeys.anomalous(id.toString(), 2, 80));
        assertThat(outcomes).isEmpty();
        settled.get(60, TimeUnit.SECONDS);
        assertThat(outcomes).singleElement().asString()
                .startsWith("dead letter: transient fault persisted for 3 s (")
                .contains("object store: cannot read " + ObjectKeys.anomalous(id.toString(), 2, 80));
        assertThat(waits.of(id)).as("no longer waiting once given up").isEmpty();
    }

    @Test
    void aMalformedEventIsDeadLetteredAtOnce() throws Exception {
        ReconstructionsConsumer consumer = consumer(new Waits(), Duration.ofMinutes(3));
        long t0 = System.nanoTime();
        consumer.consume(messages.of(null));
        SliceReconstructed e = event(UUID.randomUUID());
        consumer.consume(messages.of(new SliceReconstructed(e.experimentId(), e.slice(), e.anomaly(), null,
                e.reconstruction())));
        assertThat(outcomes).containsExactly(
                "dead letter: SliceReconstructed event lacks slice, anomaly, variants or reconstruction",
                "dead letter: SliceReconstructed event lacks slice, anomaly, variants or reconstruction");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }
}
