package io.blindspot.launcher.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/** Credentials reach a service JVM as environment variables, never on its command line (visible in ps). */
class ServiceCredentialsTest {
    @TempDir
    Path dir;

    /** Prints its own command line (what ps shows) and the variables a credential would arrive in. */
    public static final class CommandLineEcho {
        public static void main(String[] args) {
            System.out.println("command line: " + ProcessHandle.current().info().commandLine().orElse("?"));
            System.out.println("env secret: " + System.getenv("BLINDSPOT_S3_SECRET_KEY"));
            System.out.println("env password: " + System.getenv("QUARKUS_DATASOURCE_PASSWORD"));
            System.out.println("property endpoint: " + System.getProperty("blindspot.s3.endpoint"));
        }
    }

    @Test
    void secretsGoToTheEnvironmentAndOtherSettingsStayOptions() throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, CommandLineEcho.class.getName());
        Path classes = Path.of(CommandLineEcho.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classes.toUri().toString());
        Path jar = dir.resolve("quarkus-run.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // the manifest is the whole jar
        }
        Path log = dir.resolve("echo.log");
        ServiceProcess s = ServiceProcess.start("echo", jar, FreePorts.next(), Map.of(
                "blindspot.s3.secret-key", "s3cr3t-value", "quarkus.datasource.password", "pa55-value",
                "blindspot.s3.access-key", "access-value", "blindspot.s3.endpoint", "http://127.0.0.1:9"), log);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (s.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        String out = Files.readString(log);
        assertThat(out).contains("env secret: s3cr3t-value", "env password: pa55-value",
                "property endpoint: http://127.0.0.1:9");
        String commandLine = out.lines().filter(l -> l.startsWith("command line: ")).findFirst().orElseThrow();
        assertThat(commandLine).contains("-Dblindspot.s3.endpoint=http://127.0.0.1:9")
                .doesNotContain("s3cr3t-value", "pa55-value", "access-value");
    }

    @Test
    void environmentNamesAreTheOnesQuarkusMaps() {
        assertThat(ServiceProcess.envName("blindspot.s3.secret-key")).isEqualTo("BLINDSPOT_S3_SECRET_KEY");
        assertThat(ServiceProcess.envName("quarkus.datasource.password")).isEqualTo("QUARKUS_DATASOURCE_PASSWORD");
        assertThat(ServiceProcess.isCredential("mp.jwt.verify.publickey.location")).isFalse();
        assertThat(ServiceProcess.isCredential("kafka.bootstrap.servers")).isFalse();
    }
}
