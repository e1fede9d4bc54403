package io.blindspot.launcher.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Blindspot service running as its own JVM ({@code quarkus-run.jar}), its output in a log file. The services
 * are separate processes, as they would be in a deployment, so a crash or a memory limit in one shows as such.
 */
public final class ServiceProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path log;
    private final List<String> command;
    /** Added to the JVM's environment at every (re)launch; empty unless a caller needs it (e.g. secrets). */
    private final Map<String, String> environment;
    private final Path workDir;
    // Replaced by relaunch(); read by the test thread while the stack's threads may relaunch.
    private volatile Process process;

    private ServiceProcess(String name, int port, Path log, List<String> command, Map<String, String> environment,
                           Path workDir, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workDir = workDir;
        this.process = process;
    }

    /**
     * Starts {@code java -jar jar} with the same java as this JVM; {@code properties} become {@code -D} options,
     * except credentials ({@link #isCredential}), which become environment variables.
     */
    /** System property of the launcher: options added to every service JVM's command line. */
    public static final String JVM_OPTIONS = "blindspot.service.jvm-options";

    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> properties, Path log)
            throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx512m",
                "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port));
        // Credentials travel as environment variables (Quarkus reads BLINDSPOT_S3_SECRET_KEY as
        // blindspot.s3.secret-key), not as -D options that any user sees in ps.
        Map<String, String> secrets = new java.util.LinkedHashMap<>();
        properties.forEach((k, v) -> {
            if (isCredential(k)) {
                secrets.put(envName(k), v);
            } else {
                command.add("-D" + k + "=" + v);
            }
        });
        // Extra options for every service JVM, e.g. a profiler: -Dblindspot.service.jvm-options=
        // "-XX:StartFlightRecording=filename=/tmp/jfr/%p.jfr,settings=profile" (space-separated).
        String extra = System.getProperty(JVM_OPTIONS, "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.add("-jar");
        command.add(jar.toString());
        Files.createDirectories(log.getParent());
        Process process = launch(command, secrets, jar.getParent(), ProcessBuilder.Redirect.to(log.toFile()));
        return new ServiceProcess(name, port, log, command, secrets, jar.getParent(), process);
    }

    /** Passwords, secret and access keys, tokens: what must not appear on a command line. */
    static boolean isCredential(String property) {
        return property.matches("(?i).*(password|secret|access-key|token|credential).*");
    }

    /** The environment variable Quarkus maps to {@code property}: non-alphanumerics become _, upper case. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    private static Process launch(List<String> command, Map<String, String> environment, Path workDir,
                                  ProcessBuilder.Redirect output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output);
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * Starts the same command again (same port, same properties, same instance id) once the previous JVM has
     * exited; its output is appended to the same log, after a marker line. Call {@link #awaitReady} next.
     *
     * @throws IllegalStateException when the previous JVM is still running
     */
    public synchronized void relaunch() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + "-service (pid " + process.pid() + ") is still running");
        }
        Files.writeString(log, "\n---- relaunched by the launcher at " + java.time.Instant.now()
                        + " (previous JVM exited with " + process.exitValue() + ") ----\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        process = launch(command, environment, workDir, ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    /**
     * SIGKILL ({@link Process#destroyForcibly} on Linux): the JVM dies at once, without shutdown hooks, so
     * in-flight events are neither finished nor committed and its consumers never leave their groups. Returns
     * once the process has exited.
     */
    public void kill() throws InterruptedException {
        Process p = process;
        p.destroyForcibly();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + "-service (pid " + p.pid() + ") survived SIGKILL for 30 s");
        }
    }

    /** The operating system's process id of the running (or last) JVM. */
    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    /**
     * Polls {@code /q/health/ready} until it answers 200 (Kafka, object store and database reachable).
     *
     * @throws IllegalStateException when the process exits or {@code timeout} passes first; the message ends
     *                               with the last lines of the service's log
     */
    public void awaitReady(Duration timeout) throws InterruptedException {
        Process process = this.process;
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        String lastAnswer = "no answer";
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + "-service exited with code " + process.exitValue()
                        + " during start-up; last lines of " + log + ":\n" + tail(40));
            }
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                lastAnswer = response.statusCode() + " " + response.body();
            } catch (IOException notListeningYet) {
                lastAnswer = notListeningYet.toString();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + "-service was not ready after " + timeout.toSeconds()
                        + " s (last health answer: " + lastAnswer + "); last lines of " + log + ":\n" + tail(40));
            }
            Thread.sleep(250);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Asks the JVM to stop (SIGTERM runs Quarkus's graceful shutdown), then kills it after {@code grace}.
     *
     * @return true when it exited by itself within {@code grace}
     */
    public boolean stop(Duration grace) {
        Process process = this.process;
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The last {@code lines} lines of the log, for error messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
