package io.blindspot.scoring.repository;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL for tests (zonky's binaries, as the launcher's embedded stack uses), with the service's
 * migrations applied, that a test can stop and start again on the same port and data: a database outage, for real.
 */
public final class TestPostgres implements AutoCloseable {
    private final Path data;
    private final int port;
    private EmbeddedPostgres pg;
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

    private TestPostgres(Path data, int port) {
        this.data = data;
        this.port = port;
        dataSource.setUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
        dataSource.setUser("postgres");
        dataSource.setConnectTimeout(2);
    }

    public static TestPostgres start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        TestPostgres db = new TestPostgres(Files.createTempDirectory("blindspot-scoring-pg"), port);
        db.up();
        Flyway.configure().dataSource(db.dataSource).locations("classpath:db/migration").load().migrate();
        return db;
    }

    /** The JDBC URL of its {@code postgres} database (user {@code postgres}, no password). */
    public String jdbcUrl() {
        return dataSource.getUrl();
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Starts the server (again) on the same port and data. */
    public void up() throws IOException {
        pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(new File(System.getProperty("java.io.tmpdir"), "blindspot-embedded-pg"))
                .setPort(port).setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(Duration.ofSeconds(60)).setRegisterShutdownHook(false).start();
    }

    /** Whether the server is started (possibly frozen). */
    public boolean isRunning() {
        return pg != null;
    }

    /** Stops the server: every connection attempt is refused until {@link #up()}. */
    public void down() throws IOException {
        pg.close();
        pg = null;
    }

    /** SIGSTOPs the server and every process under it (by pid, from postmaster.pid): a frozen database. */
    public void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** SIGCONTs what {@link #freeze()} stopped. */
    public void thaw() throws IOException, InterruptedException {
        signal("-CONT");
    }

    /**
     * Signals the postmaster, then each process under it one by one: a backend may exit between the listing and
     * the signal (a closed connection), which is no failure; the postmaster missing is.
     */
    private void signal(String signal) throws IOException, InterruptedException {
        long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
        kill(signal, postmaster, true);
        java.util.List<Long> children = ProcessHandle.of(postmaster)
                .map(p -> p.descendants().map(ProcessHandle::pid).toList()).orElse(java.util.List.of());
        for (long child : children) {
            kill(signal, child, false);
        }
    }

    private static void kill(String signal, long pid, boolean required) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, String.valueOf(pid)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (kill.waitFor() != 0 && (required || ProcessHandle.of(pid).isPresent())) {
            throw new IOException("kill " + signal + " " + pid + " failed");
        }
    }

    @Override
    public void close() throws IOException {
        if (pg != null) {
            pg.close();
        }
    }
}
