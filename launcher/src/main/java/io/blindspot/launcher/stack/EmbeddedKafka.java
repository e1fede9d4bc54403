package io.blindspot.launcher.stack;

import io.blindspot.contracts.Topics;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Apache Kafka in KRaft mode (one node acting as broker and controller) inside this JVM.
 * The storage is formatted once; later starts reuse it, so topics and offsets survive a restart even when the
 * ports change (static voters are identified by node id, not by address).
 */
public final class EmbeddedKafka implements AutoCloseable {
    /** Every pipeline topic, created up front so consumers never race topic auto-creation. */
    public static final List<String> TOPICS = List.of(Topics.EXPERIMENTS, Topics.SLICES, Topics.ANOMALIES,
            Topics.RECONSTRUCTIONS, Topics.DEAD_LETTERS);
    public static final int PARTITIONS = 4;

    private final KafkaRaftServer server;
    private final int brokerPort;
    private final int controllerPort;

    private EmbeddedKafka(KafkaRaftServer server, int brokerPort, int controllerPort) {
        this.server = server;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
    }

    /** Formats {@code dir} when it is new, starts the node on free ports and creates the pipeline topics. */
    public static EmbeddedKafka start(Path dir) throws IOException {
        return start(dir, FreePorts.next(), FreePorts.next());
    }

    /**
     * As {@link #start(Path)} on given ports: a restart after {@link #close()} passes the previous ones, so clients
     * that know the bootstrap address reconnect to the same broker, its topics, offsets and groups intact.
     */
    public static EmbeddedKafka start(Path dir, int brokerPort, int controllerPort) throws IOException {
        Path logDir = dir.resolve("data");
        Files.createDirectories(logDir);
        Properties props = config(logDir, brokerPort, controllerPort);
        Path propsFile = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(propsFile)) {
            props.store(out, "written by the Blindspot launcher at every start; ports change between starts");
        }
        formatOnce(dir, logDir, propsFile);

        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
        server.startup();
        EmbeddedKafka kafka = new EmbeddedKafka(server, brokerPort, controllerPort);
        try {
            kafka.createTopics();
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public int brokerPort() {
        return brokerPort;
    }

    public int controllerPort() {
        return controllerPort;
    }

    private static Properties config(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        p.put("num.partitions", String.valueOf(PARTITIONS));
        // One node: every internal topic must live with a single replica or it is never created.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // Consumers of a fresh group start at once instead of waiting 3 s for more members.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        // A controlled shutdown unregisters the broker; without it the next start waits out the old
        // registration's session (9 s by default).
        p.put("controlled.shutdown.enable", "true");
        return p;
    }

    /** Formats the log directory unless a previous start did (meta.properties present), keeping the data. */
    private static void formatOnce(Path dir, Path logDir, Path propsFile) throws IOException {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        Path idFile = dir.resolve("cluster.id");
        String clusterId;
        if (Files.exists(idFile)) {
            clusterId = Files.readString(idFile).trim();
        } else {
            clusterId = Uuid.randomUuid().toString();
            Files.writeString(idFile, clusterId + "\n");
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[]{"format", "-t", clusterId, "-c", propsFile.toString(),
                    "--ignore-formatted"}, out);
        }
        if (rc != 0) {
            throw new IllegalStateException("formatting Kafka storage in " + logDir + " failed: "
                    + buffer.toString(StandardCharsets.UTF_8));
        }
    }

    private void createTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            for (String topic : TOPICS) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all()
                            .get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not create the topics within 60 s", e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
