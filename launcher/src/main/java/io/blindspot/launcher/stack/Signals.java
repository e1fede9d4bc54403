package io.blindspot.launcher.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * POSIX signals the JDK cannot send ({@link Process} knows only SIGTERM and SIGKILL): SIGSTOP and SIGCONT for the
 * fault tests, through {@code kill(1)}.
 */
public final class Signals {
    private Signals() {
    }

    /**
     * {@code kill -SIGNAL pid} for each pid in turn; fails with kill's message when a process that still exists
     * could not be signalled. One that exited meanwhile (a PostgreSQL backend whose connection closed between the
     * listing and the signal) is no failure: stopping at it would leave the rest half signalled.
     */
    public static void send(String signal, List<Long> pids) throws IOException {
        for (long pid : pids) {
            List<String> command = List.of("kill", "-" + signal, Long.toString(pid));
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes());
            try {
                if ((!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0)
                        && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    throw new IOException(String.join(" ", command) + " failed: " + output.strip());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted: " + String.join(" ", command), e);
            }
        }
    }

    /**
     * Waits up to 10 s until every process that still exists is in a state {@code accepted} takes; a signal is
     * delivered asynchronously.
     *
     * @throws IOException naming the processes that are not, after 10 s
     */
    public static void awaitState(List<Long> pids, java.util.function.IntPredicate accepted, String what)
            throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            List<String> not = new ArrayList<>();
            for (long pid : pids) {
                char state = state(pid);
                if (state != '?' && !accepted.test(state)) {
                    not.add(pid + " (" + state + ")");
                }
            }
            if (not.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("not " + what + " after 10 s: " + not);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + pids + " to be " + what, e);
            }
        }
    }

    /**
     * The state letter of a process from {@code /proc/PID/stat} ({@code R} running, {@code S} sleeping, {@code T}
     * stopped, ...), or {@code '?'} when it is gone.
     */
    public static char state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // "pid (comm) S ...": comm may hold spaces and parentheses, the state follows the last ')'.
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException | RuntimeException gone) {
            return '?';
        }
    }
}
