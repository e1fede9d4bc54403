package io.blindspot.launcher.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.blindspot.launcher.cli.BlindspotClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.fail;

/** What every end-to-end test class on the embedded stack needs: waiting for an experiment, logs, clean data. */
public final class E2e {
    private E2e() {
    }

    /**
     * Polls the experiment's status until it is {@code done}; fails with its dead-letter reasons when it is
     * {@code failed}, or after {@code timeout}. {@code logs} adds what the services logged to the failure message.
     */
    public static JsonNode awaitDone(BlindspotClient client, String id, Duration timeout, Supplier<String> logs)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            status = client.status(id);
            if (status != null) {
                String state = status.get("status").asText();
                if ("done".equals(state)) {
                    return status;
                }
                if ("failed".equals(state)) {
                    fail("experiment " + id + " failed: " + status.get("errors") + "\n" + logs.get());
                }
            }
            Thread.sleep(500);
        }
        return fail("experiment " + id + " not done after " + timeout.toSeconds() + " s; last status " + status
                + "\n" + logs.get());
    }

    /** The last {@code lines} lines of a service's log in the stack's data dir, for failure messages. */
    public static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "cannot read " + log;
        }
    }

    public static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Each class starts its stack on a fresh data dir: what a previous run left is removed first. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
