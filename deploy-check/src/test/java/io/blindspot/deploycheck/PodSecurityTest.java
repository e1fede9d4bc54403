package io.blindspot.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Each "restricted" rule, broken once on the passing fixture. */
class PodSecurityTest {

    @Test
    void theGoodFixturePasses() {
        assertThat(Checks.podSecurity(Fixtures.good())).isEmpty();
    }

    private static String brokenBy(Consumer<Rendered> edit) {
        Rendered r = Fixtures.good();
        edit.accept(r);
        return String.join("\n", Checks.podSecurity(r));
    }

    private static ObjectNode sc(Rendered r) {
        return (ObjectNode) Fixtures.container(r, "ingest-service").get("securityContext");
    }

    @Test
    void privilegedFails() {
        assertThat(brokenBy(r -> sc(r).put("privileged", true))).contains("container ingest: privileged");
    }

    @Test
    void privilegeEscalationFails() {
        assertThat(brokenBy(r -> sc(r).remove("allowPrivilegeEscalation"))).contains("allowPrivilegeEscalation");
    }

    @Test
    void capabilitiesMustDropAllAndAddOnlyNetBindService() {
        assertThat(brokenBy(r -> sc(r).putObject("capabilities").putArray("drop").add("NET_RAW")))
                .contains("capabilities.drop must include ALL");
        assertThat(brokenBy(r -> ((ObjectNode) sc(r).get("capabilities")).putArray("add").add("SYS_ADMIN")))
                .contains("capabilities.add SYS_ADMIN");
        assertThat(brokenBy(r -> ((ObjectNode) sc(r).get("capabilities")).putArray("add").add("NET_BIND_SERVICE")))
                .isEmpty();
    }

    @Test
    void runAsNonRootAndNonZeroUser() {
        assertThat(brokenBy(r -> ((ObjectNode) Fixtures.podSpec(r, "ingest-service").get("securityContext"))
                .remove("runAsNonRoot"))).contains("runAsNonRoot must be true");
        assertThat(brokenBy(r -> sc(r).put("runAsNonRoot", false))).contains("runAsNonRoot must be true");
        assertThat(brokenBy(r -> sc(r).put("runAsUser", 0))).contains("runAsUser 0");
    }

    @Test
    void seccompMustBeRuntimeDefaultOrLocalhost() {
        assertThat(brokenBy(r -> ((ObjectNode) Fixtures.podSpec(r, "ingest-service").get("securityContext"))
                .remove("seccompProfile"))).contains("seccompProfile");
        assertThat(brokenBy(r -> sc(r).putObject("seccompProfile").put("type", "Unconfined"))).contains("seccompProfile");
    }

    @Test
    void hostNamespacesPortsAndPathsFail() {
        assertThat(brokenBy(r -> Fixtures.podSpec(r, "ingest-service").put("hostNetwork", true))).contains("hostNetwork");
        assertThat(brokenBy(r -> Fixtures.podSpec(r, "ingest-service").put("hostPID", true))).contains("hostPID");
        assertThat(brokenBy(r -> Fixtures.podSpec(r, "ingest-service").put("hostIPC", true))).contains("hostIPC");
        assertThat(brokenBy(r -> ((ObjectNode) Fixtures.container(r, "ingest-service").get("ports").get(0))
                .put("hostPort", 8081))).contains("hostPort 8081");
        assertThat(brokenBy(r -> Fixtures.array(Fixtures.podSpec(r, "ingest-service"), "volumes").addObject()
                .put("name", "host").putObject("hostPath").put("path", "/var/run")))
                .contains("volume host of type hostPath");
    }

    @Test
    void appArmorUnconfinedFails() {
        assertThat(brokenBy(r -> Fixtures.at(r, "Deployment", "ingest-service", "/spec/template/metadata")
                .putObject("annotations").put("container.apparmor.security.beta.kubernetes.io/ingest", "unconfined")))
                .contains("annotation container.apparmor.security.beta.kubernetes.io/ingest=unconfined");
        assertThat(brokenBy(r -> sc(r).putObject("appArmorProfile").put("type", "Unconfined"))).contains("appArmorProfile");
    }

    @Test
    void initContainersAreCheckedToo() {
        assertThat(brokenBy(r -> Fixtures.array(Fixtures.podSpec(r, "ingest-service"), "initContainers").addObject()
                .put("name", "wait").put("image", "busybox"))).contains("initContainer wait: allowPrivilegeEscalation");
    }

    @Test
    void theNamespaceMustEnforceRestricted() {
        assertThat(brokenBy(r -> ((ObjectNode) Fixtures.at(r, "Namespace", "blindspot", "/metadata/labels"))
                .put("pod-security.kubernetes.io/enforce", "baseline"))).contains("enforce=restricted missing");
        assertThat(PodSecurity.namespaceViolations("Namespace/x", Map.of())).hasSize(1);
    }
}
