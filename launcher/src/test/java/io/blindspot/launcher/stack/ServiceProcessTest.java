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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a service that dies or never gets ready is reported: with its exit code and the end of its log. */
class ServiceProcessTest {
    @TempDir
    Path dir;

    /** A jar holding only a manifest that runs {@link FakeService} from this module's test classes. */
    private Path fakeJar() throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        Path classes = Path.of(FakeService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classes.toUri().toString());
        Path jar = dir.resolve("quarkus-run.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // the manifest is the whole jar
        }
        return jar;
    }

    @Test
    void aServiceThatExitsIsReportedWithItsExitCodeAndLog() throws Exception {
        ServiceProcess s = ServiceProcess.start("fake", fakeJar(), FreePorts.next(), Map.of(), dir.resolve("fake.log"));
        assertThatThrownBy(() -> s.awaitReady(Duration.ofSeconds(60)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fake-service exited with code 3")
                .hasMessageContaining("boom: cannot connect to Kafka");
    }

    @Test
    void aServiceThatNeverGetsReadyTimesOutAndIsStopped() throws Exception {
        ServiceProcess s = ServiceProcess.start("fake", fakeJar(), FreePorts.next(), Map.of("fake.hang", "true"),
                dir.resolve("fake.log"));
        try {
            assertThatThrownBy(() -> s.awaitReady(Duration.ofSeconds(3)))
                    .hasMessageContaining("fake-service was not ready after 3 s")
                    .hasMessageContaining("starting fake service on port");
        } finally {
            s.stop(Duration.ofSeconds(5));
        }
        assertThat(s.isAlive()).isFalse();
    }

    @Test
    void aMissingJarIsNamedBeforeAnythingStarts(@TempDir Path emptyRepo) {
        assertThatThrownBy(() -> EmbeddedStack.start(dir.resolve("data"), emptyRepo))
                .hasMessageContaining("missing " + emptyRepo.resolve("ingest-service/target/quarkus-app/quarkus-run.jar"));
        assertThat(dir.resolve("data")).doesNotExist();
    }
}
