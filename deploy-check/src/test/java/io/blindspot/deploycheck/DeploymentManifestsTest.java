package io.blindspot.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The repository's own k8s/ and docker-compose.yml, checked as issue 12's "Done means" asks: every overlay rendered,
 * each object strict against the schema, pods "restricted", routes, GPU, secrets, selectors, env parity.
 * One dynamic test per overlay and check, so a report names both.
 */
class DeploymentManifestsTest {

    static final Repo REPO = Repo.locate();
    static final Path K8S = REPO.resolve("k8s");

    static List<String> overlays() {
        return Kustomize.overlays(K8S);
    }

    @Test
    void kubectlIsRecentEnough() {
        assertThat(Kustomize.requireKubectl()).matches("1\\.\\d+");
    }

    @Test
    void overlaysDevProdAndGpuExist() {
        assertThat(overlays()).as("folders of k8s/overlays").contains("overlays/dev", "overlays/prod", "overlays/gpu");
    }

    @TestFactory
    Stream<DynamicTest> everyOverlay() {
        Map<String, List<OpenApi.Operation>> ops = new LinkedHashMap<>();
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        for (String s : REPO.services()) {
            groups.put(s, REPO.consumerGroups(s));
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (String overlay : overlays()) {
            String name = Kustomize.displayName(overlay);
            Supplier<Rendered> r = () -> Kustomize.render(K8S, overlay);
            tests.add(check(name, "renders and every object is strict against the schema", () -> Checks.schema(r.get())));
            tests.add(check(name, "every pod meets Pod Security restricted", () -> Checks.podSecurity(r.get())));
            tests.add(check(name, "every OpenAPI path is routed to its service", () -> {
                if (ops.isEmpty()) {
                    REPO.services().forEach(s -> ops.put(s, OpenApi.operations(OpenApi.documentOf(REPO, s))));
                }
                return Checks.routes(r.get(), ops);
            }));
            tests.add(check(name, "GPU only in the gpu overlay", () -> Checks.gpu(r.get(), inferenceService(),
                    name.equals("gpu"))));
            tests.add(check(name, "no committed secret value", () -> Secrets.violations(REPO.root(), K8S.resolve(overlay), r.get())));
            tests.add(check(name, "selectors target existing pods; KEDA max <= partitions", () -> {
                List<String> v = new ArrayList<>(Checks.selectors(r.get()));
                v.addAll(Checks.kedaGroups(r.get(), groups));
                v.addAll(Checks.namespaces(r.get(), "blindspot"));
                return v;
            }));
            tests.add(check(name, "consumer services scale on lag with KEDA", () -> kedaTargets(r.get())));
            tests.add(check(name, "images tagged with the project version, none from removed repositories",
                    () -> Checks.images(r.get(), REPO.services(), REPO.projectVersion())));
            tests.add(check(name, "services: preStop, grace > shutdown timeout, read-only root, probes", () -> {
                Map<String, Integer> shutdown = new LinkedHashMap<>();
                List<String> v = new ArrayList<>();
                for (String s : REPO.services()) {
                    shutdown.put(s, Math.max(0, REPO.shutdownSeconds(s)));
                    if (REPO.shutdownSeconds(s) < 0) v.add(s + ": neither application.properties nor the shared defaults set quarkus.shutdown.timeout");
                }
                v.addAll(Checks.lifecycle(r.get(), shutdown));
                return v;
            }));
            tests.add(check(name, "each service has a Service, PDB, NetworkPolicy and ServiceMonitor",
                    () -> Checks.coverage(r.get(), REPO.services())));
            if (name.equals("prod")) {
                tests.add(check(name, "Kafka, S3 and PostgreSQL are external", () -> Checks.externalBackends(r.get())));
            }
            tests.add(check(name, "env parity with docker-compose", () -> envParity(r.get(), name.equals("gpu"))));
        }
        return tests.stream();
    }

    private static DynamicTest check(String overlay, String what, Supplier<List<String>> findings) {
        return dynamicTest(overlay + ": " + what, () -> assertThat(findings.get()).as(overlay + ": " + what).isEmpty());
    }

    static String inferenceService() {
        return REPO.services().stream().filter(s -> s.startsWith("inference")).findFirst().orElseThrow();
    }

    /** synth, inference and scoring (the Kafka consumers with a group) each have a ScaledObject. */
    static List<String> kedaTargets(Rendered r) {
        List<String> v = new ArrayList<>();
        for (String s : REPO.services()) {
            if (REPO.consumerGroups(s).isEmpty() || s.startsWith("ingest")) continue;
            if (r.ofKind("ScaledObject").noneMatch(m -> m.at("/spec/scaleTargetRef/name").asText().equals(s))) {
                v.add(s + " consumes Kafka but no ScaledObject scales it");
            }
        }
        return v;
    }

    static List<String> envParity(Rendered r, boolean gpu) {
        boolean override = gpu && Files.isRegularFile(REPO.resolve("docker-compose.gpu.yml"));
        JsonNode compose = override ? Compose.config(REPO.root(), "docker-compose.yml", "docker-compose.gpu.yml")
                : Compose.config(REPO.root(), "docker-compose.yml");
        List<String> v = new ArrayList<>();
        for (String s : REPO.services()) {
            var composeService = Compose.serviceFor(compose, s);
            var workload = r.workloads().filter(w -> w.name().equals(s)).findFirst();
            if (composeService.isEmpty() || workload.isEmpty()) {
                v.add(s + ": " + (composeService.isEmpty() ? "no compose service" : "no k8s workload"));
                continue;
            }
            List<String> problems = new ArrayList<>();
            var k8sEnv = EnvParity.k8sEnvironment(r, workload.get().podSpec().getContainers().getFirst(), problems);
            problems.forEach(p -> v.add(s + ": " + p));
            v.addAll(EnvParity.compare(s, Compose.environment(compose, composeService.get()), k8sEnv,
                    EnvParity.placeholders(REPO.config(s))));
        }
        return v;
    }
}
