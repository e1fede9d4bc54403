package io.blindspot.launcher.stack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One stack per data directory. The launcher writes its pid to {@code DATA/launcher.pid}; a second start on the
 * same directory is refused while that process lives. When it does not (the launcher was SIGKILLed, so its
 * shutdown hook never ran), the services and PostgreSQL it started may still run and hold the directory's locks
 * and ports: they are recognised by the data directory in their command line and stopped before anything starts.
 */
final class DataDirLock {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirLock.class);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private DataDirLock() {
    }

    /** @throws IllegalStateException when a live launcher holds {@code dataDir} */
    static void acquire(Path dataDir) throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Path pidFile = dir.resolve("launcher.pid");
        Optional<ProcessHandle> holder = holder(pidFile);
        if (holder.isPresent()) {
            throw new IllegalStateException("a Blindspot stack is already running on " + dir + " (launcher pid "
                    + holder.get().pid() + "); stop it first, or use another --data directory");
        }
        for (ProcessHandle stale : leftovers(dir, ProcessHandle.allProcesses().toList())) {
            LOG.warn("stopping pid {} left running on {} by a launcher that did not stop cleanly: {}",
                    stale.pid(), dir, stale.info().commandLine().orElse("?"));
            stale.destroyForcibly();
            try {
                stale.onExit().get(KILL_WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("pid {} did not exit within {} s", stale.pid(), KILL_WAIT.toSeconds());
            }
        }
        // PostgreSQL refuses to start on a directory whose postmaster.pid names a process; the one above is gone.
        Files.createDirectories(dir);
        Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
    }

    static void release(Path dataDir) {
        Path pidFile = dataDir.toAbsolutePath().normalize().resolve("launcher.pid");
        try {
            // Only our own pid file: a refused second launcher must not free the first one's directory.
            if (Files.isRegularFile(pidFile) && Files.readString(pidFile, StandardCharsets.US_ASCII).trim()
                    .equals(Long.toString(ProcessHandle.current().pid()))) {
                Files.deleteIfExists(pidFile);
            }
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", pidFile, e.getMessage());
        }
    }

    /** The live launcher named by the pid file, other than this process. */
    private static Optional<ProcessHandle> holder(Path pidFile) throws IOException {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
        } catch (NumberFormatException garbled) {
            return Optional.empty();
        }
        if (pid == ProcessHandle.current().pid()) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }

    /**
     * Processes a stack on {@code dir} starts: service JVMs run {@code DIR/apps/<name>/quarkus-run.jar} and
     * PostgreSQL runs with {@code -D DIR/postgres...}. Matching those paths (not just the directory) leaves alone
     * a shell or editor that merely names the directory. Never this process or its ancestors.
     */
    static List<ProcessHandle> leftovers(Path dir, List<ProcessHandle> candidates) {
        String apps = dir.resolve("apps").toString() + "/";
        String postgres = dir.resolve("postgres").toString();
        ProcessHandle self = ProcessHandle.current();
        return candidates.stream()
                .filter(p -> p.pid() != self.pid() && !isAncestorOf(p, self))
                .filter(p -> p.info().commandLine()
                        .map(cmd -> cmd.contains(apps) || isPostgres(cmd, postgres))
                        .orElse(false))
                .toList();
    }

    private static boolean isPostgres(String commandLine, String postgresDir) {
        return commandLine.contains(postgresDir) && commandLine.contains("postgres");
    }

    private static boolean isAncestorOf(ProcessHandle candidate, ProcessHandle p) {
        Optional<ProcessHandle> parent = p.parent();
        while (parent.isPresent()) {
            if (parent.get().pid() == candidate.pid()) {
                return true;
            }
            parent = parent.get().parent();
        }
        return false;
    }
}
