package io.blindspot.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnvParityTest {

    @Test
    void k8sEnvironmentMergesEnvFromConfigMapsAndSecrets() {
        Rendered r = Fixtures.good();
        List<String> problems = new ArrayList<>();
        var env = EnvParity.k8sEnvironment(r, r.workloads().filter(w -> w.name().equals("ingest-service")).findFirst()
                .orElseThrow().podSpec().getContainers().getFirst(), problems);
        assertThat(problems).isEmpty();
        assertThat(env).containsOnlyKeys("KAFKA_BOOTSTRAP_SERVERS", "BLINDSPOT_INFERENCE_PROVIDER", "QUARKUS_HTTP_PORT",
                "BLINDSPOT_S3_SECRET_KEY").containsEntry("QUARKUS_HTTP_PORT", "8081");
    }

    @Test
    void aMissingEnvFromConfigMapIsReported() {
        Rendered r = Fixtures.good();
        Fixtures.container(r, "ingest-service").putArray("envFrom").addObject().putObject("secretRef").put("name", "nope");
        List<String> problems = new ArrayList<>();
        EnvParity.k8sEnvironment(r, r.workloads().filter(w -> w.name().equals("ingest-service")).findFirst()
                .orElseThrow().podSpec().getContainers().getFirst(), problems);
        assertThat(problems).singleElement().asString().contains("envFrom Secret nope");
    }

    @Test
    void sameNamesOnBothSidesPass() {
        assertThat(EnvParity.compare("s", Map.of("A", "1", "QUARKUS_HTTP_PORT", "8081"),
                Map.of("A", "2", "QUARKUS_HTTP_PORT", "8081"), Set.of("A")))
                .isEmpty();
    }

    @Test
    void aVariableSetOnOneSideOnlyFails() {
        assertThat(EnvParity.compare("inference-service", Map.of("A", "1"), Map.of("A", "1",
                "BLINDSPOT_INFERENCE_CPU_ARENA", "false"), Set.of()))
                .containsExactly("inference-service: BLINDSPOT_INFERENCE_CPU_ARENA is set in k8s only");
        assertThat(EnvParity.compare("s", Map.of("BLINDSPOT_OTLP_ENDPOINT", ""), Map.of(), Set.of("BLINDSPOT_OTLP_ENDPOINT")))
                .containsExactly("s: BLINDSPOT_OTLP_ENDPOINT is set in docker-compose only",
                        "s: application.properties reads ${BLINDSPOT_OTLP_ENDPOINT}, set only in docker-compose");
    }

    @Test
    void aContractValueThatDiffersFails() {
        assertThat(EnvParity.compare("s", Map.of("QUARKUS_HTTP_PORT", "8081"), Map.of("QUARKUS_HTTP_PORT", "8080"), Set.of()))
                .containsExactly("s: QUARKUS_HTTP_PORT is 8081 in compose but 8080 in k8s");
    }

    @Test
    void placeholdersAreTheUpperCaseNamesOutsideComments() {
        assertThat(EnvParity.placeholders("""
                quarkus.log.console.json.enabled=${BLINDSPOT_LOG_JSON:false}
                quarkus.otel.exporter.otlp.endpoint=${BLINDSPOT_OTLP_ENDPOINT:}
                # x=${NOT_READ:1}
                quarkus.http.auth.permission.reads.enabled=${blindspot.auth.protect-reads}
                """)).containsExactly("BLINDSPOT_LOG_JSON", "BLINDSPOT_OTLP_ENDPOINT");
    }
}
