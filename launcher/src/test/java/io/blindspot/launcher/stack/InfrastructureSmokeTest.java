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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka, S3Proxy and PostgreSQL alone (no services): each answers, and a second start on the same data
 * directory, on other ports, still has what the first one stored.
 */
class InfrastructureSmokeTest {
    private static final String TOPIC = "blindspot.slices";

    @Test
    void serversStartRoundTripAndKeepTheirDataAcrossARestart() throws Exception {
        Path dir = Path.of("target", "smoke-stack").toAbsolutePath();
        deleteRecursively(dir);

        String firstKafka;
        try (EmbeddedStack stack = EmbeddedStack.startInfrastructure(dir)) {
            firstKafka = stack.kafkaBootstrapServers();
            assertThat(stack.stackFile()).exists();
            assertThat(Files.readString(stack.stackFile())).contains("\"kafka\"", "\"s3\"", "\"jdbc\"");

            try (var producer = producer(stack)) {
                producer.send(new ProducerRecord<>(TOPIC, "k", "hello")).get();
            }
            assertThat(readAll(stack)).contains("hello");

            ObjectStore store = store(stack);
            store.ensureBucket();
            store.putArray("smoke/a.npy", new FloatArray(new int[]{2}, new float[]{1.5f, -2f}));
            assertThat(store.getArray("smoke/a.npy").data()).containsExactly(1.5f, -2f);
            // Retention's multi-object delete on S3Proxy: present and missing keys alike, nothing else touched.
            store.putArray("smoke/b.npy", new FloatArray(new int[]{1}, new float[]{3f}));
            store.putArray("smoke/keep.npy", new FloatArray(new int[]{1}, new float[]{4f}));
            assertThat(store.deleteAll(java.util.List.of("smoke/a.npy", "smoke/b.npy", "smoke/never-written.npy")))
                    .isEmpty();
            assertThat(store.list("smoke/")).containsExactly("smoke/keep.npy");

            try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), "blindspot", "blindspot");
                 Statement st = c.createStatement()) {
                st.execute("CREATE TABLE smoke (v integer)");
                st.execute("INSERT INTO smoke VALUES (42)");
            }
        }
        assertThat(dir.resolve("stack.json")).doesNotExist();

        try (EmbeddedStack stack = EmbeddedStack.startInfrastructure(dir)) {
            assertThat(stack.kafkaBootstrapServers()).isNotEqualTo(firstKafka);
            assertThat(readAll(stack)).containsExactly("hello");
            assertThat(store(stack).getArray("smoke/keep.npy").data()).containsExactly(4f);
            try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), "blindspot", "blindspot");
                 Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT v FROM smoke")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    private static ObjectStore store(EmbeddedStack stack) {
        return ObjectStore.connect(stack.s3Endpoint(), EmbeddedS3.ACCESS_KEY, EmbeddedS3.SECRET_KEY, "blindspot");
    }

    private static KafkaProducer<String, String> producer(EmbeddedStack stack) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer());
    }

    /** Every value on the topic, read from the beginning of each partition without a consumer group. */
    private static List<String> readAll(EmbeddedStack stack) {
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(new String(r.value().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
                }
            }
        }
        return values;
    }

    static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
