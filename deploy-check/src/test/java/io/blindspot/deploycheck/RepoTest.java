package io.blindspot.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service's configuration is service-support's shared defaults overridden by its application.properties. */
class RepoTest {

    @TempDir
    Path root;

    private void write(String relative, String text) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void theSharedDefaultsCountAndTheServiceOverridesThem() throws Exception {
        write(Repo.SHARED_CONFIG, """
                quarkus.shutdown.timeout=10s
                quarkus.log.console.json.enabled=${BLINDSPOT_LOG_JSON:false}
                """);
        write("a-service/src/main/resources/application.properties", """
                mp.messaging.incoming.x.group.id=blindspot-a
                """);
        write("b-service/src/main/resources/application.properties", """
                quarkus.shutdown.timeout=25s
                """);
        Repo repo = new Repo(root);
        assertThat(repo.shutdownSeconds("a-service")).isEqualTo(10);
        assertThat(repo.shutdownSeconds("b-service")).isEqualTo(25);
        assertThat(repo.consumerGroups("a-service")).containsExactly("blindspot-a");
        assertThat(EnvParity.placeholders(repo.config("a-service"))).containsExactly("BLINDSPOT_LOG_JSON");
    }

    @Test
    void withoutASharedFileOnlyTheServicesOwnCounts() throws Exception {
        write("a-service/src/main/resources/application.properties", "quarkus.http.port=8081\n");
        assertThat(new Repo(root).shutdownSeconds("a-service")).isEqualTo(-1);
    }

    @Test
    void theCheckoutsServicesAllGetTheirShutdownTimeOutFromTheSharedFile() {
        Repo repo = Repo.locate();
        for (String service : repo.services()) {
            assertThat(repo.shutdownSeconds(service)).as(service).isEqualTo(10);
            assertThat(EnvParity.placeholders(repo.config(service))).as(service)
                    .contains("BLINDSPOT_OTLP_ENDPOINT", "BLINDSPOT_LOG_JSON");
        }
    }
}
