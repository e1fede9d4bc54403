package io.blindspot.launcher.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL from zonky's prebuilt binaries, data kept in one directory between runs, on a free port.
 *
 * <p>PostgreSQL refuses to run as root. As root, zonky runs initdb and postgres inside {@code unshare -U} (a user
 * namespace where it is not root); where user namespaces are blocked it fails with "cannot be run as root", and
 * this class then unpacks the same binaries itself and runs them as the unprivileged user {@code nobody} through
 * {@code runuser}, listening on 127.0.0.1 only. {@code -Dblindspot.postgres.runuser=true} forces that path (it was
 * checked that way: initdb, start, role and database, restart on the same data).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    public static final String DATABASE = "blindspot";
    public static final String USER = "blindspot";
    public static final String PASSWORD = "blindspot";
    private static final String FALLBACK_USER = "nobody";

    private final EmbeddedPostgres zonky;
    private final RunuserPostgres fallback;
    private final int port;
    private final Path dataDir;

    private EmbeddedPostgresServer(EmbeddedPostgres zonky, RunuserPostgres fallback, int port, Path dataDir) {
        this.zonky = zonky;
        this.fallback = fallback;
        this.port = port;
        this.dataDir = dataDir.toAbsolutePath();
    }

    /** Starts on a free port. */
    public static EmbeddedPostgresServer start(Path dataDir) throws IOException, SQLException {
        return start(dataDir, FreePorts.next());
    }

    /** Starts on {@code port}: a restart after {@link #close()} uses the same port, so clients' URLs stay valid. */
    public static EmbeddedPostgresServer start(Path dataDir, int port) throws IOException, SQLException {
        Files.createDirectories(dataDir.getParent());
        // A fixed place for the unpacked binaries: shared by every stack on the machine (unpacked once), and
        // known to the runuser fallback.
        File binaries = new File(System.getProperty("java.io.tmpdir"), "blindspot-embedded-pg");
        EmbeddedPostgresServer server;
        if (Boolean.getBoolean("blindspot.postgres.runuser")) {
            server = startWithRunuser(dataDir, port, binaries);
        } else {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder()
                        .setDataDirectory(dataDir)
                        .setCleanDataDirectory(false)
                        .setOverrideWorkingDirectory(binaries)
                        .setPort(port)
                        .setServerConfig("listen_addresses", "127.0.0.1")
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .setRegisterShutdownHook(false)
                        .start();
                server = new EmbeddedPostgresServer(pg, null, port, dataDir);
            } catch (IOException | RuntimeException e) {
                if (!isRoot()) {
                    throw e;
                }
                // As root zonky needs `unshare -U`; whatever failed, the unprivileged path is the one left.
                try {
                    server = startWithRunuser(dataDir, port, binaries);
                } catch (IOException | RuntimeException fallbackFailure) {
                    fallbackFailure.addSuppressed(e);
                    throw fallbackFailure;
                }
            }
        }
        try {
            server.createRoleAndDatabase();
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return jdbcUrl(port);
    }

    /** The URL of the Blindspot database of a server on {@code port} of 127.0.0.1. */
    public static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * Every process of this server: the postmaster (the first line of {@code postmaster.pid} in the data
     * directory) and all its descendants (checkpointer, WAL writer, one backend per connection, ...), postmaster
     * first. Descendants come from {@code /proc} ({@link ProcessHandle#descendants()}).
     *
     * @throws IOException when the server is not running (no postmaster.pid, or its pid is gone)
     */
    public List<Long> pids() throws IOException {
        long postmaster = postmasterPid(dataDir);
        ProcessHandle root = ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive)
                .orElseThrow(() -> new IOException("the postmaster " + postmaster + " of " + dataDir
                        + " is not running"));
        List<Long> pids = new ArrayList<>();
        pids.add(root.pid());
        root.descendants().forEach(h -> pids.add(h.pid()));
        return pids;
    }

    /** The postmaster's pid: the first line of {@code dataDir/postmaster.pid}, which PostgreSQL writes at start. */
    static long postmasterPid(Path dataDir) throws IOException {
        Path file = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(file)) {
            throw new IOException("no " + file + ": PostgreSQL is not running on " + dataDir);
        }
        List<String> lines = Files.readAllLines(file);
        try {
            return Long.parseLong(lines.getFirst().strip());
        } catch (RuntimeException e) {
            throw new IOException("unreadable " + file + ": " + lines, e);
        }
    }

    /**
     * SIGSTOP to every process of the server ({@link #pids()}), postmaster first so that it forks nothing new: the
     * server freezes, connections stay open and every query waits, as on a host that stalls (a VM paused, a
     * storage hiccup, a long GC-like stop). {@link #resume()} continues it.
     *
     * @return the processes stopped
     */
    public List<Long> pause() throws IOException {
        List<Long> pids = pids();
        Signals.send("STOP", pids);
        // kill(2) returns before a process running on another core has stopped: return only once all have.
        Signals.awaitState(pids, state -> state == 'T', "stopped");
        return pids;
    }

    /** SIGCONT to every process of the server: a {@link #pause()}d server continues where it stopped. */
    public List<Long> resume() throws IOException {
        List<Long> pids = pids();
        Signals.send("CONT", pids);
        Signals.awaitState(pids, state -> state != 'T', "continued");
        return pids;
    }

    /** Idempotent: a restart on existing data finds both and changes nothing. */
    private void createRoleAndDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "postgres", "");
             Statement st = c.createStatement()) {
            if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", USER)) {
                st.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            }
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                st.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            }
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static EmbeddedPostgresServer startWithRunuser(Path dataDir, int port, File binaries)
            throws IOException {
        RunuserPostgres pg = RunuserPostgres.start(dataDir, port, binaries.toPath());
        return new EmbeddedPostgresServer(null, pg, port, dataDir);
    }

    @Override
    public void close() throws IOException {
        if (zonky != null) {
            zonky.close();
        }
        if (fallback != null) {
            fallback.stop();
        }
    }

    /** zonky's binaries run as {@code nobody}; only used where {@code unshare -U} is blocked. */
    private static final class RunuserPostgres {
        private final Path bin;
        private final Path dataDir;

        private RunuserPostgres(Path bin, Path dataDir) {
            this.bin = bin;
            this.dataDir = dataDir;
        }

        static RunuserPostgres start(Path dataDir, int port, Path binaries) throws IOException {
            Path bin = unpackedBin(binaries);
            Path data = dataDir.toAbsolutePath();
            Files.createDirectories(data);
            run(List.of("chown", "-R", FALLBACK_USER, data.toString()));
            // nobody must be able to walk down to the data directory (e.g. a repository checked out under /root).
            for (Path parent = data.getParent(); parent != null; parent = parent.getParent()) {
                if (!Files.getPosixFilePermissions(parent).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    run(List.of("chmod", "o+x", parent.toString()));
                }
            }
            RunuserPostgres pg = new RunuserPostgres(bin, data);
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                pg.asNobody(List.of(bin.resolve("initdb").toString(), "-A", "trust", "-U", "postgres",
                        "-D", data.toString(), "-E", "UTF-8", "--no-locale"));
            }
            pg.asNobody(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60",
                    "-l", data.resolve("server.log").toString(),
                    "-o", "-p " + port + " -h 127.0.0.1 -c unix_socket_directories=''", "start"));
            return pg;
        }

        void stop() throws IOException {
            asNobody(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w",
                    "stop"));
        }

        private void asNobody(List<String> command) throws IOException {
            List<String> full = new ArrayList<>(List.of("runuser", "-u", FALLBACK_USER, "--"));
            full.addAll(command);
            run(full);
        }

        /**
         * Unpacks zonky's PostgreSQL archive (a tar.xz resource of the binaries jar) into {@code binaries/runuser},
         * readable and executable by everyone, once.
         */
        private static Path unpackedBin(Path binaries) throws IOException {
            Path home = binaries.resolve("runuser");
            Path bin = home.resolve("bin");
            if (Files.isExecutable(bin.resolve("pg_ctl"))) {
                return bin;
            }
            Path partial = binaries.resolve("runuser.partial-" + ProcessHandle.current().pid());
            try (InputStream raw = EmbeddedPostgresServer.class.getResourceAsStream("/postgres-linux-x86_64.txz")) {
                if (raw == null) {
                    throw new IOException("postgres-linux-x86_64.txz is not on the classpath");
                }
                try (TarArchiveInputStream tar = new TarArchiveInputStream(
                        new XZCompressorInputStream(new BufferedInputStream(raw)))) {
                    for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                        Path target = partial.resolve(e.getName()).normalize();
                        if (!target.startsWith(partial)) {
                            throw new IOException("archive entry escapes its directory: " + e.getName());
                        }
                        if (e.isDirectory()) {
                            Files.createDirectories(target);
                        } else if (e.isLink()) {
                            Files.createDirectories(target.getParent());
                            Files.createLink(target, partial.resolve(e.getLinkName()).normalize());
                        } else if (e.isSymbolicLink()) {
                            Files.createDirectories(target.getParent());
                            Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                        } else {
                            Files.createDirectories(target.getParent());
                            Files.copy(tar, target);
                            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                                    (e.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                        }
                    }
                }
            }
            run(List.of("chmod", "-R", "a+rX", binaries.toString()));
            try {
                Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                // Another stack unpacked the same archive meanwhile: use theirs.
                run(List.of("rm", "-rf", partial.toString()));
            }
            return bin;
        }

        private static void run(List<String> command) throws IOException {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            try {
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IOException(String.join(" ", command) + " failed:\n" + output);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted: " + String.join(" ", command), e);
            }
        }
    }
}
