package io.blindspot.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** `docker-compose config` (Debian's docker-compose 1.29, no engine needed) accepts the base file and the GPU override. */
class ComposeConfigTest {

    static final Repo REPO = Repo.locate();

    @Test
    void baseFileIsValid() {
        Processes.Result r = Compose.run(REPO.root(), "docker-compose.yml");
        assertThat(r.exitCode()).as("docker-compose config:\n" + r.stderr()).isZero();
    }

    @Test
    void gpuOverrideIsValid() {
        Processes.Result r = Compose.run(REPO.root(), "docker-compose.yml", "docker-compose.gpu.yml");
        assertThat(r.exitCode()).as("docker-compose -f docker-compose.yml -f docker-compose.gpu.yml config:\n"
                + r.stderr()).isZero();
    }

    @Test
    void gpuOverrideChangesOnlyTheInferenceService() {
        JsonNode base = Compose.config(REPO.root(), "docker-compose.yml");
        JsonNode gpu = Compose.config(REPO.root(), "docker-compose.yml", "docker-compose.gpu.yml");
        String inference = Compose.serviceFor(base, DeploymentManifestsTest.inferenceService()).orElseThrow();
        Set<String> changed = new TreeSet<>();
        Set<String> names = new TreeSet<>();
        base.path("services").fieldNames().forEachRemaining(names::add);
        gpu.path("services").fieldNames().forEachRemaining(names::add);
        for (String s : names) {
            if (!base.path("services").path(s).equals(gpu.path("services").path(s))) changed.add(s);
        }
        assertThat(changed).as("services the GPU override changes").containsExactly(inference);
        assertThat(gpu.path("volumes")).isEqualTo(base.path("volumes"));
        assertThat(gpu.path("networks")).isEqualTo(base.path("networks"));
    }

    @Test
    void gpuOverrideReservesAnNvidiaGpuAndRunsCuda() {
        JsonNode base = Compose.config(REPO.root(), "docker-compose.yml");
        JsonNode gpu = Compose.config(REPO.root(), "docker-compose.yml", "docker-compose.gpu.yml");
        String inference = Compose.serviceFor(base, DeploymentManifestsTest.inferenceService()).orElseThrow();
        JsonNode svc = gpu.path("services").path(inference);
        List<String> v = new ArrayList<>();
        JsonNode devices = svc.at("/deploy/resources/reservations/devices");
        boolean nvidia = false;
        for (JsonNode d : devices) {
            boolean gpuCap = false;
            for (JsonNode c : d.path("capabilities")) gpuCap |= c.asText().equals("gpu");
            nvidia |= d.path("driver").asText().equals("nvidia") && gpuCap;
        }
        if (!nvidia) v.add("no deploy.resources.reservations.devices entry with driver nvidia and capabilities [gpu]");
        if (!svc.path("image").asText().matches(".*:[^:/]+-gpu$")) v.add("image " + svc.path("image").asText() + " is not -gpu");
        if (!"cuda".equals(Compose.environment(gpu, inference).get("BLINDSPOT_INFERENCE_PROVIDER"))) {
            v.add("BLINDSPOT_INFERENCE_PROVIDER is not cuda");
        }
        if (!base.path("services").path(inference).at("/deploy/resources/reservations/devices").isMissingNode()) {
            v.add("the base file already reserves devices");
        }
        assertThat(v).as("GPU override of " + inference).isEmpty();
    }

    @Test
    void imagesAreTaggedWithTheProjectVersionAndPullable() {
        List<String> v = new ArrayList<>();
        for (String file : List.of("docker-compose.yml", "docker-compose.gpu.yml")) {
            JsonNode config = file.equals("docker-compose.yml") ? Compose.config(REPO.root(), file)
                    : Compose.config(REPO.root(), "docker-compose.yml", file);
            config.path("services").properties().forEach(e -> v.addAll(Checks.imageViolations(file + " " + e.getKey(),
                    e.getValue().path("image").asText(), REPO.services(), REPO.projectVersion())));
        }
        assertThat(v).isEmpty();
    }

    /** A service with paths in its OpenAPI document publishes its port, so every public endpoint is reachable. */
    @Test
    void servicesWithPublicPathsPublishTheirPort() {
        JsonNode base = Compose.config(REPO.root(), "docker-compose.yml");
        List<String> v = new ArrayList<>();
        for (String s : REPO.services()) {
            if (OpenApi.operations(OpenApi.documentOf(REPO, s)).isEmpty()) continue;
            String name = Compose.serviceFor(base, s).orElse(null);
            if (name == null) {
                v.add(s + ": no compose service");
                continue;
            }
            String port = Compose.environment(base, name).get("QUARKUS_HTTP_PORT");
            boolean published = false;
            for (JsonNode p : base.path("services").path(name).path("ports")) {
                String target = p.isObject() ? p.path("target").asText() : p.asText().replaceAll(".*:", "").replaceAll("/.*", "");
                published |= target.equals(port);
            }
            if (!published) v.add(name + ": serves public paths but publishes no port " + port);
        }
        assertThat(v).isEmpty();
    }

    @Test
    void everyServiceHasAMemoryLimit() {
        JsonNode base = Compose.config(REPO.root(), "docker-compose.yml");
        List<String> missing = new ArrayList<>();
        base.path("services").properties().forEach(e -> {
            JsonNode s = e.getValue();
            // one-shot init containers (restart "no") exit after seconds; the long-running ones need a bound
            if (!s.path("restart").asText("no").equals("no") && s.path("mem_limit").isMissingNode() && s.at("/deploy/resources/limits/memory").isMissingNode()) {
                missing.add(e.getKey());
            }
        });
        assertThat(missing).as("long-running compose services without mem_limit or deploy.resources.limits.memory").isEmpty();
    }
}
