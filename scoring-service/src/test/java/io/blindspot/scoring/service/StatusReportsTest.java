package io.blindspot.scoring.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.ExperimentSubmitted;
import io.blindspot.scoring.domain.ExperimentRecord;
import io.blindspot.scoring.domain.ExperimentStatus;
import io.blindspot.scoring.domain.ResultRow;
import io.blindspot.scoring.repository.DeadLetterRepository;
import io.blindspot.scoring.repository.ExperimentRepository;
import io.blindspot.scoring.repository.ResultRepository;
import io.blindspot.scoring.repository.TestPostgres;
import io.blindspot.support.retry.TransientFaults;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Status from a real PostgreSQL: running, stalled (with the slices it lacks), waiting, done, failed. */
class StatusReportsTest {
    private static TestPostgres db;
    private static ExperimentRepository experiments;
    private static ResultRepository results;
    private static DeadLetterRepository deadLetters;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Waits waits = new Waits();

    @BeforeAll
    static void startDatabase() throws Exception {
        db = TestPostgres.start();
        experiments = new ExperimentRepository(db.dataSource());
        results = new ResultRepository(db.dataSource());
        deadLetters = new DeadLetterRepository(db.dataSource());
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        db.close();
    }

    /** 2 volumes × slices 80, 85 × 2 intensities × 2 sigmas = 16 values, 4 per slice. */
    private ExperimentRecord register() throws Exception {
        UUID id = UUID.randomUUID();
        ExperimentSpec spec = new ExperimentSpec("exp", new ExperimentSpec.Dataset(null, 2, List.of(80, 85), null,
                List.of("sample:ch2bet", "upload:x")), new ExperimentSpec.Anomaly("disk", 20, List.of(0.0, 1.0), null, 7L),
                new ExperimentSpec.Reconstruction("normal-rec", "gaussian-blur", List.of(0.0, 1.0)), List.of("ap"));
        ExperimentRecord record = ExperimentRecord.from(new ExperimentSubmitted(id.toString(),
                Instant.now().minusSeconds(30).toString(), spec), mapper.writeValueAsString(spec), Instant.now());
        experiments.insert(record);
        return experiments.find(id).orElseThrow();
    }

    private static void score(ExperimentRecord e, int volume, int slice) {
        List<ResultRow> rows = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            for (int s = 0; s < 2; s++) {
                rows.add(new ResultRow(e.id(), volume, 2, slice, "gaussian-blur", "normal-rec", i, s, (double) i,
                        s, "ap", 0.5, 0.1, 90, 110));
            }
        }
        results.insert(rows);
    }

    private StatusReports at(Instant now) {
        return new StatusReports(results, deadLetters, waits, mapper, Duration.ofMinutes(2),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void progressWithinTheLimitIsRunningAndNoneForTooLongIsStalledWithTheMissingSlices() throws Exception {
        ExperimentRecord e = register();
        assertThat(e.expected()).isEqualTo(16);
        score(e, 0, 80);
        score(e, 1, 85);
        Instant now = Instant.now();
        StatusReports.Report running = at(now.plusSeconds(60)).of(e);
        assertThat(running.status()).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(running.done()).isEqualTo(8);
        assertThat(running.waitingFor()).isNull();
        assertThat(Duration.between(running.lastProgress(), now).abs()).isLessThan(Duration.ofSeconds(30));

        StatusReports.Report stalled = at(now.plusSeconds(180)).of(e);
        assertThat(stalled.status()).isEqualTo(ExperimentStatus.STALLED);
        assertThat(stalled.waitingFor().missing()).isEqualTo(8);
        assertThat(stalled.waitingFor().slices()).extracting(g -> g.volume() + "/" + g.slice() + ":" + g.done()
                + "/" + g.expected()).containsExactly("0/85:0/4", "1/80:0/4");
        assertThat(stalled.waitingFor().what()).startsWith("results: 8 of 16 values missing, 2 of 4 slices "
                + "incomplete (2 without any result)");
    }

    @Test
    void anExperimentWithoutAnyResultStallsFromItsSubmission() throws Exception {
        ExperimentRecord e = register();
        StatusReports.Report report = at(e.submittedAt().toInstant().plus(Duration.ofMinutes(2))).of(e);
        assertThat(report.status()).isEqualTo(ExperimentStatus.STALLED);
        assertThat(report.lastProgress()).isEqualTo(e.submittedAt().toInstant());
        assertThat(report.waitingFor().slices()).hasSize(4);
    }

    @Test
    void aRetryInProgressIsWaitingWithTheResourceAndSince() throws Exception {
        ExperimentRecord e = register();
        Instant since = Instant.parse("2026-12-04T12:00:00Z");
        waits.listener(e.id()).retrying(new TransientFaults.Fault("object store", "cannot read k: Connection refused"),
                since, 3, 2000);
        StatusReports.Report report = at(Instant.now().plusSeconds(600)).of(e);
        assertThat(report.status()).isEqualTo(ExperimentStatus.WAITING);
        assertThat(report.waitingFor().resource()).isEqualTo("object store");
        assertThat(report.waitingFor().since()).isEqualTo(since);
        assertThat(report.waitingFor().events()).isEqualTo(1);
        assertThat(report.waitingFor().what()).isEqualTo("object store (1 event retrying): cannot read k: "
                + "Connection refused");
    }

    @Test
    void doneAndFailedStayAsTheyWereHoweverLongAgo() throws Exception {
        ExperimentRecord done = register();
        for (int v = 0; v < 2; v++) {
            score(done, v, 80);
            score(done, v, 85);
        }
        assertThat(at(Instant.now().plus(Duration.ofDays(1))).of(done).status()).isEqualTo(ExperimentStatus.DONE);
        ExperimentRecord failed = register();
        deadLetters.insert(failed.id(), "blindspot.reconstructions", "transient fault persisted for 180 s: x", "{}");
        StatusReports.Report report = at(Instant.now().plus(Duration.ofDays(1))).of(failed);
        assertThat(report.status()).isEqualTo(ExperimentStatus.FAILED);
        assertThat(report.errors()).containsExactly("transient fault persisted for 180 s: x");
        assertThat(report.waitingFor()).isNull();
    }
}
