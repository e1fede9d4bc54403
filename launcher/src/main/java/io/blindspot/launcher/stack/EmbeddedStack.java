package io.blindspot.launcher.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The whole Blindspot system on one machine with real servers and no Docker: Kafka (KRaft), S3Proxy and
 * PostgreSQL inside this JVM, the four services as child processes. Everything binds to 127.0.0.1 on free ports;
 * all state lives under one data directory, so a stop and a start keep the experiments. While running,
 * {@code dataDir/stack.json} tells other processes (the CLI's {@code run}) where each part listens.
 */
public final class EmbeddedStack implements AutoCloseable {
    /** The services in pipeline order; each is the module {@code <name>-service}. */
    public static final List<String> SERVICES = List.of("ingest", "synth", "inference", "scoring");
    /**
     * Four Quarkus JVMs starting at once on a 2-core machine take about 60 s each; the margin is for a busy CI
     * runner. {@code -Dblindspot.ready-timeout-s} overrides it.
     */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.getLong("blindspot.ready-timeout-s", 180));
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStack.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dataDir;
    private final EmbeddedKafka kafka;
    private final EmbeddedS3 s3;
    private final EmbeddedPostgresServer postgres;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private StackKeys keys;
    private String token;
    private final Thread shutdownHook = new Thread(this::closeQuietly, "blindspot-stack-shutdown");
    private boolean closed;

    private EmbeddedStack(Path dataDir, EmbeddedKafka kafka, EmbeddedS3 s3, EmbeddedPostgresServer postgres) {
        this.dataDir = dataDir;
        this.kafka = kafka;
        this.s3 = s3;
        this.postgres = postgres;
    }

    /** Starts the servers and the four services ({@code <repoRoot>/<svc>-service/target/quarkus-app}). */
    public static EmbeddedStack start(Path dataDir, Path repoRoot) throws Exception {
        Map<String, Path> jars = new LinkedHashMap<>();
        for (String name : SERVICES) {
            Path jar = repoRoot.resolve(name + "-service/target/quarkus-app/quarkus-run.jar").toAbsolutePath();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("missing " + jar + ": build the services first "
                        + "(./mvnw -B install -DskipTests, or ./blindspot demo which builds them)");
            }
            jars.put(name, jar);
        }
        EmbeddedStack stack = startInfrastructure(dataDir);
        try {
            stack.startServices(jars, repoRoot);
        } catch (Exception e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /** Kafka, S3Proxy and PostgreSQL only, started side by side. */
    public static EmbeddedStack startInfrastructure(Path dataDir) throws Exception {
        Path dir = dataDir.toAbsolutePath();
        Files.createDirectories(dir.resolve("logs"));
        DataDirLock.acquire(dir);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<EmbeddedKafka> kafka = pool.submit(timed("Kafka", () -> EmbeddedKafka.start(dir.resolve("kafka"))));
            Future<EmbeddedS3> s3 = pool.submit(timed("S3Proxy", () -> EmbeddedS3.start(dir.resolve("s3"))));
            Future<EmbeddedPostgresServer> pg = pool.submit(timed("PostgreSQL",
                    () -> EmbeddedPostgresServer.start(dir.resolve("postgres"))));
            List<Exception> failures = new ArrayList<>();
            EmbeddedKafka k = await(kafka, "Kafka", failures);
            EmbeddedS3 s = await(s3, "S3Proxy", failures);
            EmbeddedPostgresServer p = await(pg, "PostgreSQL", failures);
            EmbeddedStack stack = new EmbeddedStack(dir, k, s, p);
            if (!failures.isEmpty()) {
                stack.close();
                IllegalStateException e = new IllegalStateException(failures.getFirst().getMessage(),
                        failures.getFirst());
                failures.stream().skip(1).forEach(e::addSuppressed);
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
            stack.writeStackFile();
            return stack;
        } finally {
            pool.shutdown();
        }
    }

    private static <T> Callable<T> timed(String what, Callable<T> start) {
        return () -> {
            long t0 = System.nanoTime();
            T started = start.call();
            LOG.info("{} started in {} ms", what, (System.nanoTime() - t0) / 1_000_000);
            return started;
        };
    }

    private static void timedStop(String what, Runnable stop) {
        long t0 = System.nanoTime();
        stop.run();
        LOG.info("{} stopped in {} ms", what, (System.nanoTime() - t0) / 1_000_000);
    }

    private static <T> T await(Future<T> future, String what, List<Exception> failures)
            throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            failures.add(new IllegalStateException(what + " did not start: " + cause, cause));
            return null;
        }
    }

    private void startServices(Map<String, Path> jars, Path repoRoot) throws Exception {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String name : jars.keySet()) {
            ports.put(name, FreePorts.next());
        }
        Map<String, String> props = new LinkedHashMap<>();
        props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        props.put("blindspot.s3.endpoint", s3.endpoint());
        props.put("blindspot.s3.access-key", EmbeddedS3.ACCESS_KEY);
        props.put("blindspot.s3.secret-key", EmbeddedS3.SECRET_KEY);
        props.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
        props.put("quarkus.datasource.username", EmbeddedPostgresServer.USER);
        props.put("quarkus.datasource.password", EmbeddedPostgresServer.PASSWORD);
        // Bearer tokens: every service trusts this data dir's key (made on the first start); the stack's token
        // (both roles) goes to <data dir>/token for the CLI.
        keys = StackKeys.loadOrCreate(dataDir);
        props.put("mp.jwt.verify.publickey.location", keys.publicKeyFile().toUri().toString());
        props.put("mp.jwt.verify.issuer", StackKeys.ISSUER);
        token = keys.mint(StackKeys.ALL_ROLES, StackKeys.TOKEN_LIFETIME);
        keys.writeToken(token);
        for (var e : jars.entrySet()) {
            String name = e.getKey();
            Path app = AppSnapshot.take(e.getValue().getParent(), dataDir.resolve("apps").resolve(name));
            // Only scoring has a datasource; others would log "Unrecognized configuration key" for each property.
            Map<String, String> own = new LinkedHashMap<>(props);
            if (!"scoring".equals(name)) {
                own.keySet().removeIf(k -> k.startsWith("quarkus.datasource."));
            }
            // The shipped models (models/*.onnx) are registered by the inference-service at start.
            Path models = repoRoot.resolve("models").toAbsolutePath();
            if ("inference".equals(name) && Files.isDirectory(models)) {
                own.put("blindspot.inference.models.bundled-dir", models.toString());
            }
            services.put(name, ServiceProcess.start(name, app.resolve("quarkus-run.jar"), ports.get(name), own,
                    dataDir.resolve("logs").resolve(name + ".log")));
        }
        long t0 = System.nanoTime();
        // Started together, awaited one after the other: the slowest start decides the wait, not their sum.
        ExecutorService pool = Executors.newFixedThreadPool(services.size());
        try {
            List<Future<Void>> ready = new ArrayList<>();
            for (ServiceProcess s : services.values()) {
                Callable<Void> wait = () -> {
                    s.awaitReady(READY_TIMEOUT);
                    return null;
                };
                ready.add(pool.submit(wait));
            }
            for (Future<Void> f : ready) {
                try {
                    f.get();
                } catch (ExecutionException failed) {
                    throw failed.getCause() instanceof Exception ex ? ex : failed;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        LOG.info("services ready in {} ms", (System.nanoTime() - t0) / 1_000_000);
        writeStackFile();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** A bearer token with roles submit and admin, valid for {@link StackKeys#TOKEN_LIFETIME}. */
    public String token() {
        if (token == null) {
            throw new IllegalStateException("the services of this stack are not started");
        }
        return token;
    }

    /** A token of this stack's key with just {@code roles} (e.g. only submit, for a 403 test), valid an hour. */
    public String token(String... roles) {
        token();
        return keys.mint(List.of(roles), Duration.ofHours(1));
    }

    /** The file holding {@link #token()} (mode 600). */
    public Path tokenFile() {
        return StackKeys.tokenFile(dataDir);
    }

    public Path stackFile() {
        return dataDir.resolve("stack.json");
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String s3Endpoint() {
        return s3.endpoint();
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    /** Base URL of a service ({@code ingest}, {@code synth}, {@code inference}, {@code scoring}). */
    public String url(String service) {
        ServiceProcess s = services.get(service);
        if (s == null) {
            throw new IllegalArgumentException("no service " + service + " in this stack");
        }
        return s.url();
    }

    /** Where each part listens, as written to stack.json. */
    public Map<String, String> endpoints() {
        Map<String, String> m = new LinkedHashMap<>();
        services.forEach((name, s) -> m.put(name, s.url()));
        m.put("kafka", kafka.bootstrapServers());
        m.put("s3", s3.endpoint());
        m.put("jdbc", postgres.jdbcUrl());
        return m;
    }

    private void writeStackFile() throws IOException {
        Path tmp = dataDir.resolve("stack.json.tmp");
        JSON.writeValue(tmp.toFile(), endpoints());
        Files.move(tmp, stackFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Stops the services first (they flush offsets and results), then Kafka, S3Proxy and PostgreSQL. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException alreadyShuttingDownOrNeverAdded) {
            // Called from the hook itself, or the stack failed before adding it.
        }
        List<Thread> stopping = new ArrayList<>();
        for (ServiceProcess s : services.values()) {
            Thread t = new Thread(() -> timedStop(s.name() + "-service", () -> s.stop(STOP_GRACE)),
                    "stop-" + s.name());
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        quietly(kafka, "Kafka");
        quietly(s3, "S3Proxy");
        quietly(postgres, "PostgreSQL");
        try {
            Files.deleteIfExists(stackFile());
        } catch (IOException e) {
            System.err.println("cannot delete " + stackFile() + ": " + e.getMessage());
        }
        DataDirLock.release(dataDir);
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("stopping the stack: " + e);
        }
    }

    private static void quietly(AutoCloseable c, String what) {
        if (c == null) {
            return;
        }
        try {
            long t0 = System.nanoTime();
            c.close();
            LOG.info("{} stopped in {} ms", what, (System.nanoTime() - t0) / 1_000_000);
        } catch (Exception e) {
            System.err.println("stopping " + what + ": " + e);
        }
    }
}
