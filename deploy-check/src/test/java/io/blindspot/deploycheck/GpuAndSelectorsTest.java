package io.blindspot.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GpuAndSelectorsTest {

    /** The fixture's inference pod turned into a GPU one. */
    static Rendered gpuFixture() {
        Rendered r = Fixtures.good();
        ObjectNode c = Fixtures.container(r, "inference-service");
        c.put("image", "blindspot/inference-service:0.1.0-SNAPSHOT-gpu");
        ((ObjectNode) c.at("/resources/limits")).put("nvidia.com/gpu", "1");
        Fixtures.array(Fixtures.podSpec(r, "inference-service"), "tolerations").addObject()
                .put("key", "nvidia.com/gpu").put("operator", "Exists").put("effect", "NoSchedule");
        Fixtures.at(r, "ConfigMap", "blindspot-config", "/data").put("BLINDSPOT_INFERENCE_PROVIDER", "cuda");
        return r;
    }

    @Test
    void aGpuOverlayPasses() {
        assertThat(Checks.gpu(gpuFixture(), "inference-service", true)).isEmpty();
        assertThat(Checks.schema(gpuFixture())).isEmpty();
        assertThat(Checks.gpu(Fixtures.good(), "inference-service", false)).isEmpty();
    }

    @Test
    void aGpuOverlayWithoutTheGpuRequestImageOrProviderFails() {
        Rendered r = gpuFixture();
        ((ObjectNode) Fixtures.container(r, "inference-service").at("/resources/limits")).remove("nvidia.com/gpu");
        Fixtures.container(r, "inference-service").put("image", "blindspot/inference-service:0.1.0-SNAPSHOT");
        Fixtures.container(r, "inference-service").putArray("env").addObject()
                .put("name", "BLINDSPOT_INFERENCE_PROVIDER").put("value", "cpu"); // env wins over envFrom
        Fixtures.podSpec(r, "inference-service").remove("tolerations");
        assertThat(Checks.gpu(r, "inference-service", true)).hasSize(4)
                .anySatisfy(s -> assertThat(s).contains("no resources.limits.nvidia.com/gpu"))
                .anySatisfy(s -> assertThat(s).contains("not the -gpu image"))
                .anySatisfy(s -> assertThat(s).contains("BLINDSPOT_INFERENCE_PROVIDER=cpu"))
                .anySatisfy(s -> assertThat(s).contains("toleration"));
    }

    @Test
    void aCpuOverlayWithGpuBitsFails() {
        assertThat(Checks.gpu(gpuFixture(), "inference-service", false)).hasSize(3);
    }

    @Test
    void theGoodFixtureSelectorsHitPods() {
        assertThat(Checks.selectors(Fixtures.good())).isEmpty();
        assertThat(Checks.kedaGroups(Fixtures.good(), Map.of("inference-service", Set.of("blindspot-inference")))).isEmpty();
    }

    @Test
    void selectorsThatMatchNoPodFail() {
        Rendered r = Fixtures.good();
        Fixtures.at(r, "Service", "ingest-service", "/spec/selector").put("app.kubernetes.io/name", "ingest");
        ((ObjectNode) Fixtures.at(r, "PodDisruptionBudget", "inference-service", "/spec/selector/matchLabels"))
                .put("app.kubernetes.io/name", "inferencer");
        ((ObjectNode) Fixtures.at(r, "NetworkPolicy", "inference-service", "/spec/ingress/0/from/0/podSelector/matchLabels"))
                .put("app.kubernetes.io/name", "gateway");
        Fixtures.at(r, "ScaledObject", "inference-service", "/spec/scaleTargetRef").put("name", "inference");
        Fixtures.at(r, "ScaledObject", "inference-service", "/spec").put("maxReplicaCount", 8);
        Fixtures.at(r, "ServiceMonitor", "blindspot", "/spec/endpoints/0").put("port", "metrics");
        assertThat(Checks.selectors(r)).containsExactlyInAnyOrder(
                "Service/ingest-service: selector {app.kubernetes.io/name=ingest} matches no pod template",
                "PodDisruptionBudget/inference-service: selector matches no pod template",
                "NetworkPolicy/inference-service: peer podSelector {app.kubernetes.io/name=gateway} matches no pod template",
                "ScaledObject/inference-service: scaleTargetRef Deployment/inference does not exist",
                "ScaledObject/inference-service: maxReplicaCount 8 > 4 partitions (extra consumers idle)",
                "ServiceMonitor/blindspot: endpoint port metrics is no port name of Service/inference-service");
    }

    @Test
    void everyNamespacedObjectIsInTheNamespace() {
        assertThat(Checks.namespaces(Fixtures.good(), "blindspot")).isEmpty();
        Rendered r = Fixtures.good();
        Fixtures.at(r, "Service", "ingest-service", "/metadata").put("namespace", "default");
        assertThat(Checks.namespaces(r, "blindspot")).containsExactly("Service/ingest-service: namespace \"default\", not blindspot");
    }

    @Test
    void aNamedTargetPortMustExist() {
        Rendered r = Fixtures.good();
        ((ObjectNode) Fixtures.at(r, "Service", "ingest-service", "/spec/ports/0")).put("targetPort", "web");
        assertThat(Checks.selectors(r)).singleElement().asString().contains("targetPort web");
    }

    @Test
    void kedaMustWatchTheServicesOwnGroup() {
        assertThat(Checks.kedaGroups(Fixtures.good(), Map.of("inference-service", Set.of("blindspot-synth"))))
                .singleElement().asString().contains("consumerGroup blindspot-inference");
    }
}
