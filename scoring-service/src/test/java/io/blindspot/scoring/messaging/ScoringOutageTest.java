package io.blindspot.scoring.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.ExperimentSubmitted;
import io.blindspot.scoring.repository.DeadLetterRepository;
import io.blindspot.scoring.repository.ExperimentRepository;
import io.blindspot.scoring.repository.TestPostgres;
import io.blindspot.scoring.service.DeadLetterRecorder;
import io.blindspot.scoring.service.ExperimentRegistration;
import io.blindspot.support.retry.Backoff;
import io.blindspot.support.retry.Deliveries;
import io.blindspot.support.retry.Retrier;
import io.blindspot.testing.SettledMessages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scoring consumers against a real PostgreSQL that is stopped under them: a database outage is waited out, not
 * dead-lettered; one that outlasts blindspot.retry.max-duration is dead-lettered with the reason; a bad event is
 * dead-lettered at once; and a dead letter is kept (unacknowledged) until the database takes it.
 */
// Some consumers here retry forever by design: a fault in the test itself must fail it, not hang the build.
@org.junit.jupiter.api.Timeout(120)
class ScoringOutageTest {
    private static TestPostgres db;
    private final ObjectMapper mapper = new ObjectMapper();
    private final SettledMessages messages = new SettledMessages();
    private final List<String> outcomes = messages.outcomes();

    @BeforeAll
    static void startDatabase() throws Exception {
        db = TestPostgres.start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        db.close();
    }

    @AfterEach
    void databaseBackUp() throws Exception {
        if (db.isRunning()) {
            db.thaw(); // harmless when not frozen; a test that failed while frozen must not freeze the next ones
        }
        if (!isUp()) {
            db.up();
        }
    }

    private static boolean isUp() {
        try (var c = db.dataSource().getConnection()) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static Retrier quick(Duration bound) {
        return new Retrier(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), bound));
    }

    private static ExperimentSubmitted submitted(UUID id) {
        return new ExperimentSubmitted(id.toString(), "2026-12-04T12:00:00Z", new ExperimentSpec("exp1-small",
                new ExperimentSpec.Dataset("sample:ch2bet", 2, List.of(80, 85)),
                new ExperimentSpec.Anomaly("disk", 20, List.of(0.0, 1.0), null, 7L),
                new ExperimentSpec.Reconstruction("normal-rec", "gaussian-blur", List.of(0.0, 1.0)), List.of("ap")));
    }

    @Test
    void anExperimentArrivingWhileTheDatabaseIsDownIsRegisteredOnceItIsBack() throws Exception {
        ExperimentRepository experiments = new ExperimentRepository(db.dataSource());
        ExperimentsConsumer consumer = new ExperimentsConsumer(new ExperimentRegistration(experiments, mapper),
                new Deliveries(quick(Duration.ofMinutes(2))));
        UUID id = UUID.randomUUID();
        db.down();
        CompletableFuture<Void> settled = CompletableFuture.runAsync(
                () -> consumer.consume(messages.of(submitted(id))));
        Thread.sleep(1500);
        assertThat(outcomes).as("nothing settled while the database is down").isEmpty();
        db.up();
        settled.get(60, TimeUnit.SECONDS);
        assertThat(outcomes).containsExactly("ack");
        assertThat(experiments.find(id)).hasValueSatisfying(e -> assertThat(e.expected()).isEqualTo(8));
    }

    /** The case: every PostgreSQL process SIGSTOPped, then resumed; connection attempts time out meanwhile. */
    @Test
    void aFrozenDatabaseIsWaitedOutNotDeadLettered() throws Exception {
        ExperimentRepository experiments = new ExperimentRepository(db.dataSource());
        ExperimentsConsumer consumer = new ExperimentsConsumer(new ExperimentRegistration(experiments, mapper),
                new Deliveries(quick(Duration.ofMinutes(2))));
        UUID id = UUID.randomUUID();
        CompletableFuture<Void> settled;
        try {
            db.freeze();
            settled = CompletableFuture.runAsync(() -> consumer.consume(messages.of(submitted(id))));
            Thread.sleep(6000); // three connect time-outs of 2 s, as the pool's 5 s acquisition time-outs would be
            assertThat(outcomes).as("nothing settled while the database is frozen").isEmpty();
        } finally {
            db.thaw();
        }
        settled.get(60, TimeUnit.SECONDS);
        assertThat(outcomes).containsExactly("ack");
        assertThat(experiments.find(id)).isPresent();
    }

    /** Registration never gives up: a dead letter of it would leave the experiment unknown (a 404) for good. */
    @Test
    void anExperimentsRegistrationOutlastsTheRetryBound() throws Exception {
        ExperimentRepository experiments = new ExperimentRepository(db.dataSource());
        ExperimentsConsumer consumer = new ExperimentsConsumer(new ExperimentRegistration(experiments, mapper),
                new Deliveries(quick(Duration.ofSeconds(1))));
        UUID id = UUID.randomUUID();
        db.down();
        CompletableFuture<Void> settled = CompletableFuture.runAsync(
                () -> consumer.consume(messages.of(submitted(id))));
        Thread.sleep(3000);
        assertThat(outcomes).as("neither dead-lettered nor acknowledged past the 1 s bound").isEmpty();
        db.up();
        settled.get(60, TimeUnit.SECONDS);
        assertThat(outcomes).containsExactly("ack");
        assertThat(experiments.find(id)).isPresent();
    }

    @Test
    void anUnreadableEventIsDeadLetteredAtOnceEvenWithTheDatabaseUp() {
        ExperimentsConsumer consumer = new ExperimentsConsumer(
                new ExperimentRegistration(new ExperimentRepository(db.dataSource()), mapper),
                new Deliveries(quick(Duration.ofMinutes(2))));
        long t0 = System.nanoTime();
        consumer.consume(messages.of(null));
        consumer.consume(messages.of(new ExperimentSubmitted("exp-1", null, submitted(UUID.randomUUID()).spec())));
        assertThat(outcomes).containsExactly("dead letter: empty or unreadable ExperimentSubmitted event",
                "dead letter: experimentId 'exp-1' is not a UUID");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aDeadLetterWhoseReasonCarriesANulIsStoredCleaned() {
        DeadLetterRepository letters = new DeadLetterRepository(db.dataSource());
        DeadLettersConsumer consumer = new DeadLettersConsumer(
                DeadLetterRecorder.using(letters, mapper, quick(Duration.ofSeconds(1)).forever()));
        UUID id = UUID.randomUUID();
        consumer.record(messages.of("{\"experimentId\":\"" + id + "\"}"), "blindspot.anomalies",
                "bad label\u0000value", "blindspot.dead-letters");
        assertThat(outcomes).containsExactly("ack");
        assertThat(letters.reasons(id)).containsExactly("bad label\uFFFDvalue");
    }

    @Test
    void aDeadLetterStaysUnacknowledgedUntilTheDatabaseTakesIt() throws Exception {
        DeadLetterRepository letters = new DeadLetterRepository(db.dataSource());
        // the service's recorder never gives up; a bound of 1 s here shows that forever() ignores it
        DeadLettersConsumer consumer = new DeadLettersConsumer(
                DeadLetterRecorder.using(letters, mapper, quick(Duration.ofSeconds(1)).forever()));
        UUID id = UUID.randomUUID();
        db.down();
        CompletableFuture<Void> settled = CompletableFuture.runAsync(() -> consumer.record(
                messages.of("{\"experimentId\":\"" + id + "\"}"), "blindspot.reconstructions",
                "a block of 100 sigmas in normal-rec must be [100, 181, 217]", "blindspot.dead-letters"));
        Thread.sleep(2500);
        assertThat(outcomes).as("not acknowledged (not committed) while the database is down").isEmpty();
        db.up();
        settled.get(60, TimeUnit.SECONDS);
        assertThat(outcomes).containsExactly("ack");
        assertThat(letters.reasons(id)).containsExactly("a block of 100 sigmas in normal-rec must be [100, 181, 217]");
    }

    @Test
    void aDeadLetterWaitingForTheDatabaseIsHandedBackAtShutdown() throws Exception {
        Retrier recorder = quick(Duration.ofSeconds(1)).forever();
        DeadLettersConsumer consumer = new DeadLettersConsumer(
                DeadLetterRecorder.using(new DeadLetterRepository(db.dataSource()), mapper, recorder));
        db.down();
        CompletableFuture<Void> settled = CompletableFuture.runAsync(() -> consumer.record(messages.of("{}"), null,
                "x", "blindspot.dead-letters"));
        Thread.sleep(500);
        recorder.stop();
        settled.get(30, TimeUnit.SECONDS);
        assertThat(outcomes).as("neither acknowledged nor skipped: it stays in the topic").isEmpty();
    }

    @Test
    void aDeadLetterTheDatabaseRefusesForGoodIsStoredInShortFormNotRetried() {
        DeadLetterRepository letters = new DeadLetterRepository(db.dataSource());
        DeadLettersConsumer consumer = new DeadLettersConsumer(
                DeadLetterRecorder.using(letters, mapper, quick(Duration.ofSeconds(1)).forever()));
        UUID id = UUID.randomUUID();
        long t0 = System.nanoTime();
        // no topic at all: the NOT NULL constraint refuses it (SQLState 23502), which no retry changes; the short
        // form (topic "unknown", no payload) still reports the experiment failed, with the reason
        consumer.record(messages.of("{\"experimentId\":\"" + id + "\"}"), null, "x", null);
        assertThat(outcomes).containsExactly("ack");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(letters.reasons(id)).singleElement().asString().startsWith("unrecordable dead letter (")
                .endsWith("): x");
    }
}
