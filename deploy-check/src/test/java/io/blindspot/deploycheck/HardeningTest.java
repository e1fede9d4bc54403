package io.blindspot.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Images, shutdown and read-only root, per-service coverage, external backends: each broken once. */
class HardeningTest {

    static final List<String> SERVICES = List.of("ingest-service", "inference-service");

    @Test
    void imagesMustCarryTheProjectVersion() {
        assertThat(Checks.images(Fixtures.good(), SERVICES, "0.1.0-SNAPSHOT")).isEmpty();
        assertThat(Checks.images(Fixtures.good(), SERVICES, "0.2.0")).hasSize(2);
        assertThat(Checks.imageViolations("x", "minio/minio:RELEASE.2025", SERVICES, "1")).singleElement().asString()
                .contains("removed from Docker Hub");
        assertThat(Checks.imageViolations("x", "postgres", SERVICES, "1")).singleElement().asString().contains("no fixed tag");
        assertThat(Checks.imageViolations("x", "quay.io/minio/minio:RELEASE.2025-07-23T15-54-02Z", SERVICES, "1")).isEmpty();
        assertThat(Checks.imageViolations("x", "blindspot/inference-service:1-gpu", SERVICES, "1")).isEmpty();
        assertThat(Checks.imageViolations("x", "blindspot/ingest-service:1-gpu", SERVICES, "1")).hasSize(1);
    }

    /** The fixture's ingest pod with what lifecycle() asks for. */
    static Rendered withLifecycle() {
        Rendered r = Fixtures.good();
        Fixtures.podSpec(r, "ingest-service").put("terminationGracePeriodSeconds", 30);
        ObjectNode c = Fixtures.container(r, "ingest-service");
        c.putObject("lifecycle").putObject("preStop").putObject("sleep").put("seconds", 5);
        c.putObject("readinessProbe").putObject("httpGet").put("path", "/q/health/ready").put("port", "http");
        c.putObject("livenessProbe").putObject("httpGet").put("path", "/q/health/live").put("port", "http");
        return r;
    }

    @Test
    void shutdownAndReadOnlyRoot() {
        assertThat(Checks.lifecycle(withLifecycle(), Map.of("ingest-service", 10))).isEmpty();
        assertThat(Checks.schema(withLifecycle())).isEmpty();

        Rendered r = withLifecycle();
        Fixtures.podSpec(r, "ingest-service").put("terminationGracePeriodSeconds", 12);
        ((ObjectNode) Fixtures.container(r, "ingest-service").get("securityContext")).remove("readOnlyRootFilesystem");
        Fixtures.container(r, "ingest-service").remove("volumeMounts");
        Fixtures.container(r, "ingest-service").remove("lifecycle");
        Fixtures.container(r, "ingest-service").remove("readinessProbe");
        assertThat(Checks.lifecycle(r, Map.of("ingest-service", 10))).containsExactlyInAnyOrder(
                "Deployment/ingest-service container ingest: no lifecycle.preStop",
                "Deployment/ingest-service container ingest: readOnlyRootFilesystem is not true",
                "Deployment/ingest-service container ingest: no emptyDir mounted at /tmp",
                "Deployment/ingest-service container ingest: no readinessProbe");
        Fixtures.container(r, "ingest-service").putObject("lifecycle").putObject("preStop").putObject("exec")
                .putArray("command").add("sh").add("-c").add("sleep 5");
        assertThat(Checks.lifecycle(r, Map.of("ingest-service", 10))).contains(
                "Deployment/ingest-service container ingest: terminationGracePeriodSeconds 12 <= preStop 5 s + "
                        + "quarkus.shutdown.timeout 10 s");
    }

    @Test
    void everyServiceIsCoveredByPdbNetworkPolicyAndMonitor() {
        assertThat(Checks.coverage(Fixtures.good(), List.of("inference-service"))).isEmpty();
        assertThat(Checks.coverage(Fixtures.good(), List.of("ingest-service"))).containsExactly(
                "ingest-service: no PodDisruptionBudget selects its pods",
                "ingest-service: no NetworkPolicy selects its pods",
                "ingest-service: no ServiceMonitor or PodMonitor scrapes it");
        assertThat(Checks.coverage(Fixtures.good(), List.of("synth-service"))).containsExactly("synth-service: no workload");
    }

    @Test
    void prodRunsNoBackendInTheCluster() {
        assertThat(Checks.externalBackends(Fixtures.good())).isEmpty();
        Rendered r = Fixtures.good();
        Fixtures.container(r, "inference-service").put("image", "quay.io/minio/minio:RELEASE.2025-07-23T15-54-02Z");
        assertThat(Checks.externalBackends(r)).singleElement().asString().contains("runs quay.io/minio/minio");
    }
}
