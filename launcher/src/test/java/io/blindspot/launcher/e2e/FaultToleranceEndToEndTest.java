package io.blindspot.launcher.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blindspot.contracts.Topics;
import io.blindspot.launcher.cli.BlindspotClient;
import io.blindspot.launcher.stack.EmbeddedKafka;
import io.blindspot.launcher.stack.EmbeddedPostgresServer;
import io.blindspot.launcher.stack.EmbeddedStack;
import io.blindspot.launcher.stack.Signals;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.blindspot.launcher.e2e.E2e.deleteRecursively;
import static io.blindspot.launcher.e2e.E2e.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Issue 11's guarantees under faults, on one embedded stack (real Kafka, S3Proxy, PostgreSQL, the services as their
 * own JVMs): kill -9 of each service, SIGTERM, replicas and the loss of one, PostgreSQL frozen or stopped, the
 * object store and the broker restarted, 20 experiments at once. Each fault runs the same experiment (20 slices of
 * ch2bet, 30 intensities x 30 sigmas, ~15-20 s undisturbed on a 2-core runner) that an undisturbed reference ran first, and passes only when its result rows,
 * counted in PostgreSQL, are exactly the expected number with no key twice, and every value is bit for bit the
 * reference's. Transient faults must leave no dead letter.
 *
 * <p>One stack for all (each start costs 60-90 s of CI): the tests run in order, the replicas last because they
 * change the stack's shape. The timings each test prints (fault, recovery, hand-over) are measurements, not
 * assertions: on a 2-core CI runner they vary; what is asserted is the values.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Long enough for a fault's outage, the restarts and the backlog on a busy 2-core runner. */
    private static final Duration EXPERIMENT_TIMEOUT = Duration.ofMinutes(5);
    /**
     * An experiment whose result count has not moved for this long (and is not done) fails its test at once: lost
     * work shows as no progress, and CI should not wait the whole timeout for it. Longer than an outage plus a
     * service restart and its backoff.
     */
    private static final Duration NO_PROGRESS = Duration.ofSeconds(90);
    private static final Duration OUTAGE = Duration.ofSeconds(15);
    private static final Map<String, String> GROUP = Map.of(
            "synth", "blindspot-synth",
            "inference", "blindspot-inference",
            "scoring", "blindspot-scoring-reconstructions");
    private static final Map<String, String> INPUT = Map.of(
            "synth", Topics.SLICES,
            "inference", Topics.ANOMALIES,
            "scoring", Topics.RECONSTRUCTIONS);
    /** The reference experiment: every fault runs it again. */
    private static final String SPEC = """
            {"name": "%s",
             "dataset": {"source": "sample:ch2bet", "axis": 2, "slices": {"range": [60, 120, 3]}},
             "anomaly": {"type": "disk", "radius": 20, "intensities": {"linspace": [0, 1, 30]}, "seed": 0},
             "reconstruction": {"mode": "normal-rec", "reconstructor": "gaussian-blur",
                                "sigmas": {"linspace": [0, 5, 30]}},
             "metrics": ["ap"]}
            """;

    private static Path dataDir;
    private static EmbeddedStack stack;
    private static BlindspotClient client;
    /** Reference rows: key (volume, axis, slice, reconstructor, mode, intensity index, sigma index, metric) -> values. */
    private static Map<String, String> reference;
    private static long expected;
    private static final Map<String, String> timings = new LinkedHashMap<>();

    @BeforeAll
    static void startStack() throws Exception {
        Path repoRoot = Path.of(System.getProperty("blindspot.repo.root", "..")).toAbsolutePath().normalize();
        dataDir = Path.of("target", "faults-stack").toAbsolutePath();
        deleteRecursively(dataDir);
        long t0 = System.nanoTime();
        stack = EmbeddedStack.start(dataDir, repoRoot);
        System.out.printf(Locale.ROOT, "[faults] stack started in %.1f s: %s%n", seconds(t0), stack.endpoints());
        client = new BlindspotClient(stack.url("ingest"), stack.url("scoring"), stack.token());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        System.out.println("[faults] summary:");
        timings.forEach((k, v) -> System.out.printf(Locale.ROOT, "[faults]   %-40s %s%n", k, v));
    }

    @Test
    @Order(1)
    void undisturbedReference() throws Exception {
        long t0 = System.nanoTime();
        String id = submit("reference");
        JsonNode status = awaitDone(id, "reference");
        double took = seconds(t0);
        timings.put("reference (undisturbed)", String.format(Locale.ROOT, "%.1f s", took));
        System.out.printf(Locale.ROOT, "[faults] reference experiment: %d results in %.1f s%n", expected, took);
        assertThat(status.get("done").asLong()).isEqualTo(expected);
        reference = exactRows(id, expected);
        assertThat(reference).hasSize((int) expected);
        assertNoDeadLetters(id);
        awaitNoIntermediates(id);
    }

    @Test
    @Order(2)
    void killMinus9OfSynthMidRun() throws Exception {
        killAndRestartMidRun("synth", 0.0);
    }

    @Test
    @Order(3)
    void killMinus9OfInferenceMidRun() throws Exception {
        killAndRestartMidRun("inference", 0.05);
    }

    @Test
    @Order(4)
    void killMinus9OfScoringMidRun() throws Exception {
        killAndRestartMidRun("scoring", 0.3);
    }

    @Test
    @Order(5)
    void killMinus9OfIngestRightAfterThe202() throws Exception {
        needsReference();
        long t0 = System.nanoTime();
        String id = submit("kill-ingest");
        stack.kill("ingest", 1);
        double killedAfter = seconds(t0);
        stack.restart("ingest", 1);
        client = new BlindspotClient(stack.url("ingest"), stack.url("scoring"), stack.token());
        // Done with the reference's values, or failed with a reason: never "running" for ever.
        JsonNode status = awaitFinished(id, "kill -9 ingest");
        if ("failed".equals(status.get("status").asText())) {
            assertThat(status.get("errors")).as("a failed experiment says why").isNotEmpty();
            timings.put("kill -9 ingest after 202", "reported failed: " + status.get("errors"));
        } else {
            assertExactlyTheReference(id);
            timings.put("kill -9 ingest after 202", String.format(Locale.ROOT,
                    "completed exactly, killed %.2f s after submit, done after %.1f s", killedAfter, seconds(t0)));
        }
    }

    @Test
    @Order(6)
    void sigtermOfScoringMidRunLosesNothing() throws Exception {
        needsReference();
        long t0 = System.nanoTime();
        String id = submit("sigterm-scoring");
        awaitProgress(id, 0.3);
        double at = seconds(t0);
        long s0 = System.nanoTime();
        boolean graceful = stack.terminate("scoring", 1, Duration.ofSeconds(30));
        double stopped = seconds(s0);
        stack.restart("scoring", 1);
        awaitDone(id, "SIGTERM scoring");
        assertExactlyTheReference(id);
        assertNoDeadLetters(id);
        // Queued deletes of intermediates are not lost: once done, only image and label remain per slice.
        awaitNoIntermediates(id);
        timings.put("SIGTERM scoring", String.format(Locale.ROOT,
                "at %.1f s, %s in %.1f s; exact, no intermediates left; total %.1f s", at,
                graceful ? "exited by itself" : "KILLED after grace", stopped, seconds(t0)));
        assertThat(graceful).as("scoring-service stops within 30 s of SIGTERM").isTrue();
    }

    @Test
    @Order(7)
    void postgresFrozenFor15sIsWaitedOut() throws Exception {
        outage("PostgreSQL SIGSTOP 15 s", 0.2, () -> {
            List<Long> pids = stack.pausePostgres();
            assertThat(pids).allSatisfy(p -> assertThat(Signals.state(p)).isEqualTo('T'));
        }, stack::resumePostgres);
    }

    @Test
    @Order(8)
    void postgresStoppedFor15sIsWaitedOut() throws Exception {
        outage("PostgreSQL stopped 15 s", 0.2, stack::stopPostgres, stack::startPostgres);
    }

    @Test
    @Order(9)
    void objectStoreStoppedFor15sIsWaitedOut() throws Exception {
        outage("S3Proxy stopped 15 s", 0.2, stack::stopS3, stack::startS3);
    }

    @Test
    @Order(10)
    void kafkaBrokerRestartIsWaitedOut() throws Exception {
        outage("Kafka broker down 15 s", 0.2, stack::stopKafka, stack::startKafka);
    }

    @Test
    @Order(11)
    void twentyExperimentsAtOnceEqualEachRunAlone() throws Exception {
        needsReference();
        // Each one slice of the reference, its disk at the reference's centre: a slice's values depend only on
        // the slice, the centre, the intensity and sigma, so each must equal the reference's rows of that slice.
        Map<Integer, int[]> centres = new TreeMap<>();
        for (String key : reference.keySet()) {
            String[] k = key.split("/");
            String[] v = reference.get(key).split("/");
            centres.putIfAbsent(Integer.parseInt(k[2]), new int[]{Integer.parseInt(v[4]), Integer.parseInt(v[5])});
        }
        List<Integer> slices = centres.keySet().stream().limit(20).toList();
        assertThat(slices).hasSize(20);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(slices.size());
        long t0 = System.nanoTime();
        Map<Integer, Future<String>> ids = new LinkedHashMap<>();
        try {
            for (int slice : slices) {
                ObjectNode spec = (ObjectNode) JSON.readTree(SPEC.formatted("concurrent-" + slice));
                ((ObjectNode) spec.get("dataset")).putArray("slices").add(slice);
                ObjectNode anomaly = (ObjectNode) spec.get("anomaly");
                anomaly.remove("seed");
                ArrayNode position = anomaly.putArray("positions").addArray();
                position.add(centres.get(slice)[0]).add(centres.get(slice)[1]);
                byte[] body = JSON.writeValueAsBytes(spec);
                Callable<String> submit = () -> {
                    go.await();
                    return client.submit(body, "application/json").get("id").asText();
                };
                ids.put(slice, pool.submit(submit));
            }
            go.countDown();
            for (var e : ids.entrySet()) {
                String id = e.getValue().get(2, TimeUnit.MINUTES);
                awaitDone(id, "concurrent slice " + e.getKey());
                Map<String, String> rows = exactRows(id, expected / slicesOfReference());
                Map<String, String> alone = reference.entrySet().stream()
                        .filter(r -> Integer.parseInt(r.getKey().split("/")[2]) == e.getKey())
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                assertThat(rows).as("slice %d run among 20 equals its values in the reference", e.getKey())
                        .isEqualTo(alone);
                assertNoDeadLetters(id);
            }
        } finally {
            pool.shutdownNow();
        }
        timings.put("20 experiments at once", String.format(Locale.ROOT, "all exact in %.1f s", seconds(t0)));
    }

    @Test
    @Order(20)
    void replicasGiveTheSameValuesAndLosingOneLosesNothing() throws Exception {
        needsReference();
        long t0 = System.nanoTime();
        List<String> services = List.of("synth", "inference", "scoring");
        ExecutorService pool = Executors.newFixedThreadPool(services.size());
        try {
            List<Future<Integer>> added = new ArrayList<>();
            for (String s : services) {
                added.add(pool.submit(() -> stack.addReplica(s)));
            }
            for (Future<Integer> f : added) {
                assertThat(f.get(5, TimeUnit.MINUTES)).isEqualTo(2);
            }
        } finally {
            pool.shutdownNow();
        }
        double started = seconds(t0);
        assertThat(stack.endpoints()).containsKeys("synth-2", "inference-2", "scoring-2");
        for (String s : services) {
            awaitGroupStable(s, 2, Duration.ofMinutes(2));
        }

        long r0 = System.nanoTime();
        String id = submit("replicas");
        awaitDone(id, "replicas");
        assertExactlyTheReference(id);
        assertNoDeadLetters(id);
        double undisturbed = seconds(r0);

        // Replica 2 of every consumer service dies mid-run and stays dead: its partitions go to replica 1.
        long k0 = System.nanoTime();
        String killed = submit("replicas-kill");
        awaitProgress(killed, 0.2);
        for (String s : services) {
            stack.kill(s, 2);
        }
        long afterKill = System.nanoTime();
        // Hand-over: until replica 1 alone holds every partition (the dead member's session must expire first).
        Map<String, String> handOver = new LinkedHashMap<>();
        for (String s : services) {
            awaitGroupStable(s, 1, Duration.ofMinutes(2));
            handOver.put(s, String.format(Locale.ROOT, "%.1f s", seconds(afterKill)));
        }
        awaitDone(killed, "replicas, one killed");
        assertExactlyTheReference(killed);
        assertNoDeadLetters(killed);
        timings.put("replicas synth/inference/scoring=2", String.format(Locale.ROOT,
                "started in %.1f s; run exact in %.1f s; replica 2 of each killed mid-run: partitions with replica 1 "
                        + "after %s, exact, done %.1f s after the kill (run %.1f s)", started, undisturbed, handOver,
                seconds(afterKill), seconds(k0)));
    }

    // ---- the fault patterns ----

    /** Submits the reference spec, kills one service with SIGKILL once {@code fraction} is done, restarts it. */
    private void killAndRestartMidRun(String service, double fraction) throws Exception {
        needsReference();
        long t0 = System.nanoTime();
        String id = submit("kill-" + service);
        if (fraction == 0) {
            Thread.sleep(500); // synth is first in line: half a second after the 202 it is working on the slices
        } else {
            awaitProgress(id, fraction);
        }
        Set<String> membersBefore = members(service);
        long lag = uncommitted(service);
        double at = seconds(t0);
        stack.kill(service, 1);
        long k = System.nanoTime();
        stack.restart(service, 1);
        double restart = seconds(k);
        long ready = System.nanoTime();
        double handOver = awaitHandOver(service, membersBefore, Duration.ofMinutes(2));
        awaitDone(id, "kill -9 " + service);
        assertExactlyTheReference(id);
        assertNoDeadLetters(id);
        String line = String.format(Locale.ROOT, "killed at %.1f s (%d records uncommitted), restarted in %.1f s, "
                        + "hand-over %.1f s after ready, exact; total %.1f s", at, lag, restart, handOver,
                seconds(t0));
        timings.put("kill -9 " + service, line);
        System.out.println("[faults] kill -9 " + service + ": " + line);
        assertThat(ready).isPositive();
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /**
     * Submits the reference spec; once {@code fraction} is done, {@code down} for {@link #OUTAGE} (the statuses
     * scoring answers meanwhile are printed), then {@code up}. The experiment must then complete with the
     * reference's values, and no dead letter may appear anywhere.
     */
    private void outage(String what, double fraction, Step down, Step up) throws Exception {
        needsReference();
        long deadBefore = deadLetters();
        long t0 = System.nanoTime();
        String id = submit(what.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT));
        awaitProgress(id, fraction);
        double at = seconds(t0);
        Set<String> seen = new LinkedHashSet<>();
        try {
            // Inside the try: whatever fails while down, the resource is brought back for the tests after this one.
            down.run();
            long until = System.nanoTime() + OUTAGE.toNanos();
            while (System.nanoTime() < until) {
                seen.add(quickStatus(id));
                Thread.sleep(1000);
            }
        } finally {
            up.run();
        }
        long u = System.nanoTime();
        awaitDone(id, what);
        double recovered = seconds(u);
        assertExactlyTheReference(id);
        assertThat(deadLetters()).as("dead letters after a transient fault (%s)", what).isEqualTo(deadBefore);
        String line = String.format(Locale.ROOT, "at %.1f s; statuses during: %s; done %.1f s after it ended; "
                + "exact, no dead letter; total %.1f s", at, seen, recovered, seconds(t0));
        timings.put(what, line);
        System.out.println("[faults] " + what + ": " + line);
    }

    private static long slicesOfReference() {
        return reference.keySet().stream().map(k -> k.split("/")[2]).distinct().count();
    }

    // ---- what is asserted ----

    /**
     * Exactly the reference: as many rows as expected, no key twice (counted in PostgreSQL), and every value bit
     * for bit the reference's.
     */
    private static void assertExactlyTheReference(String id) throws SQLException {
        assertThat(exactRows(id, expected)).as("results of %s, bit for bit", id).isEqualTo(reference);
    }

    /**
     * The experiment's rows from PostgreSQL after checking {@code count(*) = count(distinct key) = expected}; each
     * as key -> the raw bits of intensity, sigma, AP and mean residual, and the disk centre.
     */
    private static Map<String, String> exactRows(String id, long expected) throws SQLException {
        try (Connection c = database()) {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT count(*), count(DISTINCT (volume, axis, slice_index, reconstructor, mode, intensity_index,
                                                     sigma_index, metric))
                    FROM results WHERE experiment_id = ?""")) {
                ps.setObject(1, UUID.fromString(id));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("result rows of %s", id).isEqualTo(expected);
                    assertThat(rs.getLong(2)).as("distinct result keys of %s", id).isEqualTo(expected);
                }
            }
            Map<String, String> rows = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT volume, axis, slice_index, reconstructor, mode, intensity_index, sigma_index, metric,
                           intensity, sigma, value, mean_residual, pos_row, pos_col
                    FROM results WHERE experiment_id = ?""")) {
                ps.setObject(1, UUID.fromString(id));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String key = rs.getInt(1) + "/" + rs.getInt(2) + "/" + rs.getInt(3) + "/" + rs.getString(4)
                                + "/" + rs.getString(5) + "/" + rs.getInt(6) + "/" + rs.getInt(7) + "/"
                                + rs.getString(8);
                        String value = bits(rs, 9) + "/" + bits(rs, 10) + "/" + bits(rs, 11) + "/" + bits(rs, 12)
                                + "/" + rs.getInt(13) + "/" + rs.getInt(14);
                        rows.put(key, value);
                    }
                }
            }
            return rows;
        }
    }

    private static String bits(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? "null" : Long.toHexString(Double.doubleToRawLongBits(v));
    }

    private static void assertNoDeadLetters(String id) throws SQLException {
        try (Connection c = database();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT count(*), string_agg(reason, ' | ') FROM dead_letters WHERE experiment_id = ?")) {
            ps.setObject(1, UUID.fromString(id));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("dead letters of %s: %s", id, rs.getString(2)).isZero();
            }
        }
    }

    private static long deadLetters() throws SQLException {
        try (Connection c = database();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM dead_letters")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(), EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.PASSWORD);
    }

    /**
     * With {@code blindspot.retention.intermediates=delete} scoring deletes a slice's reconstructions and variants
     * once they are scored; what stays per slice is the image and the label. Waits up to 60 s for the deletes.
     */
    private static void awaitNoIntermediates(String id) throws Exception {
        Path dir = dataDir.resolve("s3").resolve("blindspot").resolve("experiments").resolve(id);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> left = List.of();
        while (System.nanoTime() < deadline) {
            try (var files = Files.walk(dir)) {
                left = files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                        .filter(p -> !p.endsWith("/image.npy") && !p.endsWith("/label.npy")).sorted().toList();
            }
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(500);
        }
        fail("intermediates of " + id + " not deleted after 60 s: " + left.size() + ", e.g. "
                + left.subList(0, Math.min(5, left.size())));
    }

    // ---- waiting ----

    private static void needsReference() {
        assertThat(reference).as("needs the undisturbed reference run").isNotNull();
    }

    private static String submit(String name) throws Exception {
        JsonNode accepted = client.submit(SPEC.formatted("faults-" + name).getBytes(), "application/json");
        if (expected == 0) {
            expected = accepted.get("expected").asLong();
        }
        assertThat(accepted.get("expected").asLong()).isEqualTo(expected);
        return accepted.get("id").asText();
    }

    private static JsonNode awaitDone(String id, String what) throws InterruptedException {
        JsonNode status = awaitFinished(id, what);
        if (!"done".equals(status.get("status").asText())) {
            fail(what + ": experiment " + id + " failed: " + brief(status) + "\n" + logs());
        }
        return status;
    }

    /**
     * Polls until the experiment is {@code done} or {@code failed}; an unanswered poll (scoring restarting, its
     * database down) is retried. Fails after {@link #EXPERIMENT_TIMEOUT} with the last status and the logs.
     */
    private static JsonNode awaitFinished(String id, String what) throws InterruptedException {
        long deadline = System.nanoTime() + EXPERIMENT_TIMEOUT.toNanos();
        JsonNode status = null;
        String lastError = null;
        long lastDone = -1;
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline) {
            try {
                status = client.status(id);
                if (status != null && Set.of("done", "failed").contains(status.get("status").asText())) {
                    return status;
                }
                long done = status == null ? -1 : status.get("done").asLong();
                if (done != lastDone) {
                    lastDone = done;
                    lastChange = System.nanoTime();
                }
            } catch (RuntimeException unanswered) {
                lastError = unanswered.getMessage();
            }
            if (System.nanoTime() - lastChange > NO_PROGRESS.toNanos()) {
                fail(what + ": experiment " + id + " made no progress for " + NO_PROGRESS.toSeconds() + " s; "
                        + "last status " + brief(status) + ", last error " + lastError + "\n" + logs());
            }
            Thread.sleep(250);
        }
        return fail(what + ": experiment " + id + " not finished after " + EXPERIMENT_TIMEOUT.toSeconds()
                + " s; last status " + brief(status) + ", last error " + lastError + "\n" + logs());
    }

    /** A status without its (long) spec, for failure messages. */
    private static String brief(JsonNode status) {
        if (status == null || !status.isObject()) {
            return String.valueOf(status);
        }
        ObjectNode copy = status.deepCopy();
        copy.remove("spec");
        return copy.toString();
    }

    /** Waits until scoring reports at least {@code fraction} of the expected results (at least one). */
    private static void awaitProgress(String id, double fraction) throws InterruptedException {
        long deadline = System.nanoTime() + EXPERIMENT_TIMEOUT.toNanos();
        long needed = Math.max(1, (long) Math.ceil(fraction * expected));
        while (System.nanoTime() < deadline) {
            try {
                JsonNode status = client.status(id);
                if (status != null && status.get("done").asLong() >= needed) {
                    return;
                }
            } catch (RuntimeException unanswered) {
                // scoring busy or restarting: ask again
            }
            Thread.sleep(100);
        }
        fail("experiment " + id + " never reached " + needed + " results\n" + logs());
    }

    private static final HttpClient QUICK = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The status scoring answers within 3 s, or what went wrong, for the outage log. */
    private static String quickStatus(String id) {
        try {
            HttpResponse<String> r = QUICK.send(HttpRequest.newBuilder(URI.create(stack.url("scoring")
                    + "/api/experiments/" + id)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return "HTTP " + r.statusCode();
            }
            JsonNode s = JSON.readTree(r.body());
            JsonNode waitingFor = s.path("waiting_for");
            String detail = waitingFor.hasNonNull("resource") ? " (" + waitingFor.get("resource").asText() + ")" : "";
            return s.path("status").asText() + detail;
        } catch (java.net.http.HttpTimeoutException e) {
            return "no answer in 3 s";
        } catch (IOException e) {
            return "unreachable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    // ---- Kafka groups: who holds the partitions ----

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10000));
    }

    private static ConsumerGroupDescription group(Admin admin, String service) throws Exception {
        return admin.describeConsumerGroups(List.of(GROUP.get(service))).all().get(10, TimeUnit.SECONDS)
                .get(GROUP.get(service));
    }

    private static Set<String> members(String service) throws Exception {
        try (Admin admin = admin()) {
            return group(admin, service).members().stream().map(MemberDescription::consumerId)
                    .collect(Collectors.toSet());
        }
    }

    /**
     * Seconds from now until the service's group is stable again with every partition of its input topic held by
     * a member that was not there before the kill: the restarted consumer has its partitions back.
     */
    private static double awaitHandOver(String service, Set<String> before, Duration timeout) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                ConsumerGroupDescription g = group(admin, service);
                long held = g.members().stream().filter(m -> !before.contains(m.consumerId()))
                        .flatMap(m -> m.assignment().topicPartitions().stream())
                        .filter(tp -> tp.topic().equals(INPUT.get(service))).count();
                if (g.groupState() == GroupState.STABLE && held == EmbeddedKafka.PARTITIONS
                        && g.members().stream().allMatch(m -> !before.contains(m.consumerId()))) {
                    return seconds(t0);
                }
                Thread.sleep(100);
            }
        }
        return fail(service + ": the restarted consumer did not get its partitions within " + timeout.toSeconds()
                + " s");
    }

    private static void awaitGroupStable(String service, int members, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        ConsumerGroupDescription g = null;
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                g = group(admin, service);
                long held = g.members().stream().flatMap(m -> m.assignment().topicPartitions().stream())
                        .filter(tp -> tp.topic().equals(INPUT.get(service))).count();
                if (g.groupState() == GroupState.STABLE && g.members().size() == members
                        && held == EmbeddedKafka.PARTITIONS) {
                    return;
                }
                Thread.sleep(200);
            }
        }
        fail(service + ": group not stable with " + members + " members: " + g);
    }

    /** Records of the service's input topic its group has not committed: work in flight or queued. */
    private static long uncommitted(String service) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP.get(service))
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < EmbeddedKafka.PARTITIONS; p++) {
                latest.put(new TopicPartition(INPUT.get(service), p), OffsetSpec.latest());
            }
            long lag = 0;
            for (var e : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                lag += e.getValue().offset() - (c == null ? 0 : c.offset());
            }
            return lag;
        }
    }

    private static String logs() {
        StringBuilder b = new StringBuilder();
        try (var files = Files.list(dataDir.resolve("logs"))) {
            for (Path log : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                b.append("--- ").append(log).append(" (last 25 lines)\n").append(E2e.tail(log, 25)).append('\n');
            }
        } catch (IOException e) {
            b.append("cannot list the logs: ").append(e.getMessage());
        }
        return b.toString();
    }
}
