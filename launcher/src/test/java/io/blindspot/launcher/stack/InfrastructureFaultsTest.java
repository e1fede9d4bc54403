package io.blindspot.launcher.stack;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.store.ObjectStore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stack's fault controls on the servers alone (no services): each outage really happens to the real process,
 * and each comes back on the same address with its data.
 */
class InfrastructureFaultsTest {
    private static final String TOPIC = "blindspot.slices";

    @Test
    void theOutagesHappenAndEveryServerComesBackOnItsAddressWithItsData() throws Exception {
        Path dir = Path.of("target", "faults-infra-stack").toAbsolutePath();
        InfrastructureSmokeTest.deleteRecursively(dir);
        try (EmbeddedStack stack = EmbeddedStack.startInfrastructure(dir)) {
            String kafka = stack.kafkaBootstrapServers();
            String s3 = stack.s3Endpoint();
            String jdbc = stack.jdbcUrl();

            // PostgreSQL paused: every process stopped (state T), a query waits; resumed, the same query answers.
            try (Connection c = connect(stack); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE faults (v integer)");
                st.execute("INSERT INTO faults VALUES (7)");
                List<Long> pids = stack.pausePostgres();
                try {
                    assertThat(pids).hasSizeGreaterThan(1); // postmaster and its children (checkpointer, backends)
                    assertThat(pids).allSatisfy(pid -> assertThat(Signals.state(pid)).as("state of %d", pid)
                            .isEqualTo('T'));
                    CompletableFuture<Integer> query = CompletableFuture.supplyAsync(() -> single(c));
                    Thread.sleep(1500);
                    assertThat(query).as("a query on a frozen database waits").isNotDone();
                    stack.resumePostgres();
                    assertThat(query.get(30, TimeUnit.SECONDS)).isEqualTo(7);
                } finally {
                    stack.resumePostgres();
                }
                assertThat(pids).allSatisfy(pid -> assertThat(Signals.state(pid)).isNotEqualTo('T'));
            }

            // PostgreSQL stopped: connections refused; started: same URL, same rows.
            stack.stopPostgres();
            assertThatThrownBy(() -> connect(stack).close()).isInstanceOf(SQLException.class);
            stack.startPostgres();
            assertThat(stack.jdbcUrl()).isEqualTo(jdbc);
            try (Connection c = connect(stack)) {
                assertThat(single(c)).isEqualTo(7);
            }

            // S3Proxy stopped: a put fails; started on the same port: the objects are still there.
            ObjectStore store = ObjectStore.connect(s3, EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, "blindspot");
            store.ensureBucket();
            store.putArray("faults/a.npy", new FloatArray(new int[]{1}, new float[]{2.5f}));
            stack.stopS3();
            assertThatThrownBy(() -> store.putArray("faults/b.npy", new FloatArray(new int[]{1}, new float[]{1f})))
                    .isInstanceOf(RuntimeException.class);
            stack.startS3();
            assertThat(stack.s3Endpoint()).isEqualTo(s3);
            assertThat(store.getArray("faults/a.npy").data()).containsExactly(2.5f);

            // Kafka restarted on the same ports: the records are still there, a producer made before goes on.
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(TOPIC, "k", "before")).get();
                stack.stopKafka();
                stack.startKafka();
                assertThat(stack.kafkaBootstrapServers()).isEqualTo(kafka);
                producer.send(new ProducerRecord<>(TOPIC, "k", "after")).get(60, TimeUnit.SECONDS);
            }
            assertThat(readAll(kafka)).containsExactly("before", "after");
            assertThat(Files.readString(stack.stackFile())).contains(kafka, s3, jdbc);
        }
    }

    @Test
    void thePostmasterPidIsTheFirstLineOfPostmasterPid(@TempDir Path data) throws Exception {
        Files.writeString(data.resolve("postmaster.pid"), "4242\n/var/lib/pg\n1733300000\n5432\n\n127.0.0.1\n");
        assertThat(EmbeddedPostgresServer.postmasterPid(data)).isEqualTo(4242L);
        Files.writeString(data.resolve("postmaster.pid"), "garbage\n");
        assertThatThrownBy(() -> EmbeddedPostgresServer.postmasterPid(data)).hasMessageContaining("unreadable");
        Files.delete(data.resolve("postmaster.pid"));
        assertThatThrownBy(() -> EmbeddedPostgresServer.postmasterPid(data))
                .hasMessageContaining("PostgreSQL is not running");
    }

    @Test
    void theStateOfAProcessIsReadFromProc() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            Signals.send("STOP", List.of(sleeper.pid()));
            Signals.awaitState(List.of(sleeper.pid()), state -> state == 'T', "stopped");
            assertThat(Signals.state(sleeper.pid())).isEqualTo('T');
            Signals.send("CONT", List.of(sleeper.pid()));
            Signals.awaitState(List.of(sleeper.pid()), state -> state != 'T', "continued");
            assertThat(Signals.state(sleeper.pid())).isIn('S', 'R');
            assertThatThrownBy(() -> Signals.awaitState(List.of(sleeper.pid()), state -> state == 'Z', "a zombie"))
                    .hasMessageContaining("not a zombie after 10 s");
        } finally {
            sleeper.destroyForcibly().waitFor();
        }
        assertThat(Signals.state(Long.MAX_VALUE)).isEqualTo('?');
        // a process that exited between the listing and the signal (a closed backend) is no failure
        assertThatCode(() -> Signals.send("STOP", List.of(Long.valueOf(Integer.MAX_VALUE)))).doesNotThrowAnyException();
    }

    private static Connection connect(EmbeddedStack stack) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", EmbeddedPostgresServer.USER);
        p.setProperty("password", EmbeddedPostgresServer.PASSWORD);
        p.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(stack.jdbcUrl(), p);
    }

    private static int single(Connection c) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT v FROM faults")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> readAll(String bootstrap) {
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
