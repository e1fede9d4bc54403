package io.blindspot.launcher.stack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataDirLockTest {
    @TempDir
    Path dir;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    /** A process whose command line names {@code path}, as a service JVM names its jar: bash's $0. */
    private Process namedAfter(Path path) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "sleep 300; true", path.toString()).start();
        started.add(p);
        return p;
    }

    @Test
    void aSecondStartOnALiveLaunchersDirectoryIsRefused() throws Exception {
        Process otherLauncher = namedAfter(dir.resolve("not-a-service"));
        Files.writeString(dir.resolve("launcher.pid"), Long.toString(otherLauncher.pid()));

        assertThatThrownBy(() -> DataDirLock.acquire(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already running on " + dir.toAbsolutePath().normalize())
                .hasMessageContaining("pid " + otherLauncher.pid());
        assertThat(otherLauncher.isAlive()).isTrue();
    }

    @Test
    void servicesLeftByADeadLauncherAreStoppedAndTheDirectoryTaken() throws Exception {
        Files.writeString(dir.resolve("launcher.pid"), "999999999");   // no such process
        Process service = namedAfter(dir.resolve("apps/scoring/quarkus-run.jar"));
        Process bystander = namedAfter(dir.resolve("notes.txt"));

        DataDirLock.acquire(dir);

        assertThat(service.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(bystander.isAlive()).isTrue();
        assertThat(Files.readString(dir.resolve("launcher.pid"))).isEqualTo(Long.toString(ProcessHandle.current().pid()));

        DataDirLock.release(dir);
        assertThat(dir.resolve("launcher.pid")).doesNotExist();
    }

    @Test
    void leftoversMatchServiceJarsAndPostgresOnlyNeverThisProcess() throws Exception {
        Process pg = new ProcessBuilder("bash", "-c", "sleep 300; true", "postgres", "-D", dir.resolve("postgres/data").toString())
                .start();
        started.add(pg);
        Process other = namedAfter(dir.resolveSibling("elsewhere/apps/ingest/quarkus-run.jar"));

        List<Long> found = DataDirLock.leftovers(dir, List.of(ProcessHandle.current(), pg.toHandle(), other.toHandle()))
                .stream().map(ProcessHandle::pid).toList();

        assertThat(found).containsExactly(pg.pid());
    }
}
