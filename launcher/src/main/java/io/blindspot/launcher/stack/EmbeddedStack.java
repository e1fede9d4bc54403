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

    /** Most replicas {@code --replicas} accepts per service: each is a JVM of up to 512 MiB of heap. */
    public static final int MAX_REPLICAS = 8;

    private final Path dataDir;
    // Replaced when the fault controls stop and start a server (same ports, same data); null while stopped.
    private volatile EmbeddedKafka kafka;
    private volatile EmbeddedS3 s3;
    private volatile EmbeddedPostgresServer postgres;
    private final int kafkaBrokerPort;
    private final int kafkaControllerPort;
    private final int s3Port;
    private final int postgresPort;
    /** Every replica of every service, first replica first; replica n is at index n - 1. */
    private final Map<String, List<ServiceProcess>> services = new LinkedHashMap<>();
    /** What a service's JVMs run and are configured with, kept to start more replicas later. */
    private final Map<String, Path> serviceJars = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> serviceProperties = new LinkedHashMap<>();
    private StackKeys keys;
    private String token;
    private final Thread shutdownHook = new Thread(this::closeQuietly, "blindspot-stack-shutdown");
    private boolean closed;

    private EmbeddedStack(Path dataDir, EmbeddedKafka kafka, EmbeddedS3 s3, EmbeddedPostgresServer postgres) {
        this.dataDir = dataDir;
        this.kafka = kafka;
        this.s3 = s3;
        this.postgres = postgres;
        this.kafkaBrokerPort = kafka == null ? -1 : kafka.brokerPort();
        this.kafkaControllerPort = kafka == null ? -1 : kafka.controllerPort();
        this.s3Port = s3 == null ? -1 : s3.port();
        this.postgresPort = postgres == null ? -1 : postgres.port();
    }

    /** Starts the servers and the four services ({@code <repoRoot>/<svc>-service/target/quarkus-app}). */
    public static EmbeddedStack start(Path dataDir, Path repoRoot) throws Exception {
        return start(dataDir, repoRoot, Map.of());
    }

    /**
     * As {@link #start(Path, Path)} with {@code replicas.get(svc)} JVMs of a service (1 when absent), e.g. from
     * {@link #parseReplicas}: each on its own port with its own log and a unique {@code blindspot.instance-id}
     * ({@code synth-1}, {@code synth-2}, ...), all in the service's consumer groups.
     */
    public static EmbeddedStack start(Path dataDir, Path repoRoot, Map<String, Integer> replicas) throws Exception {
        return start(dataDir, repoRoot, replicas, Map.of());
    }

    /**
     * JSON log lines ({@code BLINDSPOT_LOG_JSON}) and an OTLP endpoint for traces ({@code BLINDSPOT_OTLP_ENDPOINT};
     * null or blank exports nothing), as service properties for {@link #start(Path, Path, Map, Map)}.
     */
    public static Map<String, String> observability(boolean jsonLogs, String otlpEndpoint) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.log.console.json.enabled", Boolean.toString(jsonLogs));
        if (otlpEndpoint != null && !otlpEndpoint.isBlank()) {
            properties.put("quarkus.otel.exporter.otlp.endpoint", otlpEndpoint.trim());
        }
        return properties;
    }

    /**
     * As {@link #start(Path, Path, Map)}, with {@code properties} set on every service JVM over the stack's own
     * (e.g. {@link #observability}).
     */
    public static EmbeddedStack start(Path dataDir, Path repoRoot, Map<String, Integer> replicas,
                                      Map<String, String> properties) throws Exception {
        replicas.forEach((svc, n) -> {
            if (!SERVICES.contains(svc) || n < 1 || n > MAX_REPLICAS) {
                throw new IllegalArgumentException("replicas: " + svc + "=" + n + " (services " + SERVICES
                        + ", 1 to " + MAX_REPLICAS + " each)");
            }
        });
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
            stack.startServices(jars, repoRoot, replicas, properties);
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

    private void startServices(Map<String, Path> jars, Path repoRoot, Map<String, Integer> replicas,
                               Map<String, String> extra) throws Exception {
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
        props.putAll(extra);
        List<ServiceProcess> started = new ArrayList<>();
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
            serviceJars.put(name, app.resolve("quarkus-run.jar"));
            serviceProperties.put(name, own);
            services.put(name, new ArrayList<>());
            for (int n = 1; n <= replicas.getOrDefault(name, 1); n++) {
                started.add(launchReplica(name, n));
            }
        }
        long t0 = System.nanoTime();
        awaitReady(started);
        LOG.info("services ready in {} ms", (System.nanoTime() - t0) / 1_000_000);
        writeStackFile();
    }

    /** Starts replica {@code n} of a service (not yet ready) and adds it to {@link #services}. */
    private ServiceProcess launchReplica(String name, int n) throws IOException {
        Map<String, String> own = new LinkedHashMap<>(serviceProperties.get(name));
        // A stable id per replica: the services use it for static Kafka group membership, so a restarted replica
        // takes its partitions back at once instead of after the dead member's session timeout.
        own.put("blindspot.instance-id", name + "-" + n);
        ServiceProcess p = ServiceProcess.start(name, serviceJars.get(name), FreePorts.next(), own,
                dataDir.resolve("logs").resolve(logName(name, n)));
        synchronized (services) {
            services.get(name).add(p);
        }
        return p;
    }

    /** The first replica logs to {@code <svc>.log} as a stack without replicas does; replica n to {@code <svc>-n.log}. */
    static String logName(String service, int replica) {
        return replica == 1 ? service + ".log" : service + "-" + replica + ".log";
    }

    /** Started together, awaited one after the other: the slowest start decides the wait, not their sum. */
    private static void awaitReady(List<ServiceProcess> processes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, processes.size()));
        try {
            List<Future<Void>> ready = new ArrayList<>();
            for (ServiceProcess s : processes) {
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
    }

    /**
     * {@code --replicas synth=2,inference=2,scoring=2}: how many JVMs of each named service; services not named run
     * one. Names are {@link #SERVICES}, counts 1 to {@link #MAX_REPLICAS}; empty or null is no replicas.
     *
     * @throws IllegalArgumentException naming what is wrong and what is expected
     */
    public static Map<String, Integer> parseReplicas(String text) {
        Map<String, Integer> replicas = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return replicas;
        }
        for (String part : text.split(",")) {
            String item = part.strip();
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--replicas takes SERVICE=N[,SERVICE=N...], e.g. synth=2,scoring=2;"
                        + " got '" + item + "'");
            }
            String name = item.substring(0, eq).strip();
            String count = item.substring(eq + 1).strip();
            if (!SERVICES.contains(name)) {
                throw new IllegalArgumentException("--replicas: unknown service '" + name + "' (one of " + SERVICES
                        + ")");
            }
            int n;
            try {
                n = Integer.parseInt(count);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > MAX_REPLICAS) {
                throw new IllegalArgumentException("--replicas: " + name + " needs a count from 1 to " + MAX_REPLICAS
                        + ", got '" + count + "'");
            }
            if (replicas.put(name, n) != null) {
                throw new IllegalArgumentException("--replicas names " + name + " twice");
            }
        }
        return replicas;
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

    public Path dataDir() {
        return dataDir;
    }

    public Path stackFile() {
        return dataDir.resolve("stack.json");
    }

    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + kafkaBrokerPort;
    }

    public String s3Endpoint() {
        return "http://127.0.0.1:" + s3Port;
    }

    public String jdbcUrl() {
        return EmbeddedPostgresServer.jdbcUrl(postgresPort);
    }

    /** Base URL of a service ({@code ingest}, {@code synth}, {@code inference}, {@code scoring}): its first replica. */
    public String url(String service) {
        return replica(service, 1).url();
    }

    /** Base URLs of every replica of a service, first replica first (killed ones included). */
    public List<String> urls(String service) {
        return replicasOf(service).stream().map(ServiceProcess::url).toList();
    }

    /** How many replicas of a service this stack has started (killed ones included). */
    public int replicas(String service) {
        return replicasOf(service).size();
    }

    /** The process id of a replica's current JVM. */
    public long pid(String service, int replica) {
        return replica(service, replica).pid();
    }

    /** Whether a replica's JVM is running. */
    public boolean isAlive(String service, int replica) {
        return replica(service, replica).isAlive();
    }

    /** A replica's log file. */
    public Path log(String service, int replica) {
        return replica(service, replica).log();
    }

    private List<ServiceProcess> replicasOf(String service) {
        synchronized (services) {
            List<ServiceProcess> list = services.get(service);
            if (list == null) {
                throw new IllegalArgumentException("no service " + service + " in this stack");
            }
            return List.copyOf(list);
        }
    }

    private ServiceProcess replica(String service, int replica) {
        List<ServiceProcess> list = replicasOf(service);
        if (replica < 1 || replica > list.size()) {
            throw new IllegalArgumentException(service + " has replicas 1 to " + list.size() + ", not " + replica);
        }
        return list.get(replica - 1);
    }

    /**
     * Where each part listens, as written to stack.json: each service's first replica under its name, further
     * replicas as {@code <svc>-<n>}.
     */
    public Map<String, String> endpoints() {
        Map<String, String> m = new LinkedHashMap<>();
        synchronized (services) {
            services.forEach((name, list) -> {
                for (int n = 1; n <= list.size(); n++) {
                    m.put(n == 1 ? name : name + "-" + n, list.get(n - 1).url());
                }
            });
        }
        m.put("kafka", "127.0.0.1:" + kafkaBrokerPort);
        m.put("s3", "http://127.0.0.1:" + s3Port);
        m.put("jdbc", EmbeddedPostgresServer.jdbcUrl(postgresPort));
        return m;
    }

    // ---- Fault controls: what a crash, a scale-out or an outage does to the real processes. ----

    /**
     * kill -9: SIGKILL to the JVM of one replica ({@link Process#destroyForcibly} on Linux). No shutdown hook runs:
     * in-flight events are neither finished nor committed, its Kafka consumers do not leave their groups, its
     * connections are cut. Returns once the process has exited; it stays down until {@link #restart}.
     */
    public void kill(String service, int replica) throws InterruptedException {
        ServiceProcess p = replica(service, replica);
        LOG.info("SIGKILL {}-{} (pid {})", service, replica, p.pid());
        p.kill();
    }

    /**
     * SIGTERM to one replica's JVM, as {@code kubectl delete pod} or a stop does: Quarkus's graceful shutdown runs
     * (consumers finish or hand back their events and leave the group). After {@code grace} it is SIGKILLed.
     *
     * @return true when it exited by itself within {@code grace}
     */
    public boolean terminate(String service, int replica, Duration grace) {
        ServiceProcess p = replica(service, replica);
        LOG.info("SIGTERM {}-{} (pid {})", service, replica, p.pid());
        return p.stop(grace);
    }

    /**
     * Starts a killed or terminated replica again with the same command: the same port, configuration and
     * {@code blindspot.instance-id}, its log appended to. Returns once it reports ready ({@code /q/health/ready}).
     */
    public void restart(String service, int replica) throws Exception {
        ServiceProcess p = replica(service, replica);
        p.relaunch();
        LOG.info("restarted {}-{} (pid {})", service, replica, p.pid());
        p.awaitReady(READY_TIMEOUT);
        writeStackFile();
    }

    /**
     * Starts one more replica of a service (its own JVM, port, log {@code <svc>-<n>.log} and instance id
     * {@code <svc>-<n>}), joining the service's consumer groups; returns its number n once it is ready.
     */
    public int addReplica(String service) throws Exception {
        ServiceProcess p;
        int n;
        synchronized (services) {
            n = replicasOf(service).size() + 1;
            p = launchReplica(service, n);
        }
        p.awaitReady(READY_TIMEOUT);
        writeStackFile();
        return n;
    }

    /**
     * SIGSTOP to every PostgreSQL process of the stack (the postmaster named in its data directory's
     * {@code postmaster.pid} and all its descendants): the database freezes with its connections open, every query
     * hangs until {@link #resumePostgres()}. Returns the pids stopped.
     */
    public List<Long> pausePostgres() throws IOException {
        List<Long> pids = postgres().pause();
        LOG.info("SIGSTOP PostgreSQL {}", pids);
        return pids;
    }

    /** SIGCONT to every PostgreSQL process of the stack: a paused database continues; returns the pids. */
    public List<Long> resumePostgres() throws IOException {
        List<Long> pids = postgres().resume();
        LOG.info("SIGCONT PostgreSQL {}", pids);
        return pids;
    }

    /** The PostgreSQL processes of the stack (postmaster first), e.g. to check their state after a pause. */
    public List<Long> postgresPids() throws IOException {
        return postgres().pids();
    }

    private EmbeddedPostgresServer postgres() {
        EmbeddedPostgresServer pg = postgres;
        if (pg == null) {
            throw new IllegalStateException("PostgreSQL is stopped");
        }
        return pg;
    }

    /**
     * Stops PostgreSQL (a fast shutdown: sessions are closed, connections refused) until {@link #startPostgres()}.
     */
    public synchronized void stopPostgres() throws IOException {
        EmbeddedPostgresServer pg = postgres();
        postgres = null;
        timedStop("PostgreSQL", () -> {
            try {
                pg.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Starts PostgreSQL again on the same port and data directory: the same JDBC URL, every row still there. */
    public synchronized void startPostgres() throws Exception {
        if (postgres != null) {
            throw new IllegalStateException("PostgreSQL is running");
        }
        postgres = timed("PostgreSQL", () -> EmbeddedPostgresServer.start(dataDir.resolve("postgres"), postgresPort))
                .call();
    }

    /** Stops S3Proxy: connections to the object store are refused until {@link #startS3()}. */
    public synchronized void stopS3() throws Exception {
        EmbeddedS3 store = s3;
        if (store == null) {
            throw new IllegalStateException("S3Proxy is stopped");
        }
        s3 = null;
        long t0 = System.nanoTime();
        store.close();
        LOG.info("S3Proxy stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    /** Starts S3Proxy again on the same port over the same directory: every object still there. */
    public synchronized void startS3() throws Exception {
        if (s3 != null) {
            throw new IllegalStateException("S3Proxy is running");
        }
        s3 = timed("S3Proxy", () -> EmbeddedS3.start(dataDir.resolve("s3"), s3Port)).call();
    }

    /**
     * Stops the Kafka broker (a controlled shutdown; it runs in this JVM): producers and consumers lose their
     * connection until {@link #startKafka()}.
     */
    public synchronized void stopKafka() {
        EmbeddedKafka broker = kafka;
        if (broker == null) {
            throw new IllegalStateException("Kafka is stopped");
        }
        kafka = null;
        timedStop("Kafka", broker::close);
    }

    /**
     * Starts the Kafka broker again on the same ports and log directories: topics, records, committed offsets and
     * groups as they were; clients reconnect to the same bootstrap address.
     */
    public synchronized void startKafka() throws Exception {
        if (kafka != null) {
            throw new IllegalStateException("Kafka is running");
        }
        kafka = timed("Kafka", () -> EmbeddedKafka.start(dataDir.resolve("kafka"), kafkaBrokerPort,
                kafkaControllerPort)).call();
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
        List<ServiceProcess> all = new ArrayList<>();
        synchronized (services) {
            services.values().forEach(all::addAll);
        }
        for (ServiceProcess s : all) {
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
        if (postgres != null) {
            // A paused server would not stop: continue it first (a no-op when it runs).
            try {
                postgres.resume();
            } catch (IOException notRunning) {
                // close() below reports what is wrong
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
