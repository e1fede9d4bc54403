package io.blindspot.launcher.e2e;

import io.blindspot.launcher.stack.EmbeddedStack;

import java.nio.file.Path;
import java.util.Locale;

import static io.blindspot.launcher.e2e.E2e.deleteRecursively;
import static io.blindspot.launcher.e2e.E2e.seconds;

/**
 * One embedded stack per test JVM, for the end-to-end classes that only send requests and run experiments: the
 * first class to ask starts it (~60-90 s on 2 cores), every later class reuses it, and a JVM shutdown hook
 * closes it when surefire's fork exits. A class that kills, restarts or reconfigures anything must start its
 * own {@link EmbeddedStack} instead: the others would see its damage. Classes sharing it must not assume an
 * empty database (list what they made, by id, never "all experiments").
 */
public final class SharedStack {
    private static EmbeddedStack stack;
    private static Throwable failed;

    private SharedStack() {
    }

    /** The shared stack, started on first use on a fresh {@code target/shared-stack}. */
    public static synchronized EmbeddedStack get() throws Exception {
        if (failed != null) {
            throw new IllegalStateException("the shared stack failed to start earlier in this JVM", failed);
        }
        if (stack == null) {
            Path dataDir = Path.of("target", "shared-stack").toAbsolutePath();
            try {
                deleteRecursively(dataDir);
                long t0 = System.nanoTime();
                stack = EmbeddedStack.start(dataDir, repoRoot());
                System.out.printf(Locale.ROOT, "[e2e] shared stack started in %.1f s: %s%n", seconds(t0),
                        stack.endpoints());
            } catch (Exception | Error e) {
                failed = e;
                throw e;
            }
            EmbeddedStack started = stack;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                long t0 = System.nanoTime();
                started.close();
                System.out.printf(Locale.ROOT, "[e2e] shared stack stopped in %.1f s%n", seconds(t0));
            }, "shared-stack-close"));
        }
        return stack;
    }

    /** The repository root (surefire passes it; {@code ..} from the launcher module otherwise). */
    public static Path repoRoot() {
        return Path.of(System.getProperty("blindspot.repo.root", "..")).toAbsolutePath().normalize();
    }
}
