package io.blindspot.deploycheck;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Pod Security Standards' "restricted" profile (which includes "baseline"), as the PodSecurity admission
 * controller of Kubernetes 1.32 enforces it (kubernetes.io/docs/concepts/security/pod-security-standards), checked on
 * a pod spec; plus the namespace labels that make the controller enforce it.
 */
public final class PodSecurity {

    /** Volume types "restricted" allows; every other (hostPath, nfs, ...) is refused. */
    static final Set<String> ALLOWED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
            "persistentVolumeClaim", "projected", "secret");
    /** Sysctls "baseline" allows. */
    static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
            "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
            "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
            "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");
    static final Set<String> SELINUX_TYPES = Set.of("container_t", "container_init_t", "container_kvm_t",
            "container_engine_t");

    private PodSecurity() {
    }

    /** Every way this pod fails "restricted"; empty when it passes. */
    public static List<String> violations(String owner, PodSpec spec) {
        List<String> v = new ArrayList<>();
        PodSecurityContext psc = spec.getSecurityContext() == null ? new PodSecurityContext() : spec.getSecurityContext();
        // baseline: host namespaces, host paths, host ports, privileged, capabilities, /proc, sysctls, SELinux
        if (isTrue(spec.getHostNetwork())) v.add(owner + ": hostNetwork");
        if (isTrue(spec.getHostPID())) v.add(owner + ": hostPID");
        if (isTrue(spec.getHostIPC())) v.add(owner + ": hostIPC");
        if (psc.getWindowsOptions() != null && isTrue(psc.getWindowsOptions().getHostProcess())) {
            v.add(owner + ": windowsOptions.hostProcess");
        }
        for (Volume vol : nullSafe(spec.getVolumes())) {
            String type = volumeType(vol);
            if (!ALLOWED_VOLUMES.contains(type)) {
                v.add(owner + ": volume " + vol.getName() + " of type " + type + " (restricted allows "
                        + ALLOWED_VOLUMES.stream().sorted().toList() + ")");
            }
        }
        if (psc.getSysctls() != null) {
            psc.getSysctls().stream().filter(s -> !SAFE_SYSCTLS.contains(s.getName()))
                    .forEach(s -> v.add(owner + ": unsafe sysctl " + s.getName()));
        }
        seLinux(v, owner, psc.getSeLinuxOptions());
        if (psc.getRunAsUser() != null && psc.getRunAsUser() == 0) v.add(owner + ": securityContext.runAsUser 0");
        if (psc.getSeccompProfile() != null && !allowedSeccomp(psc.getSeccompProfile())) {
            v.add(owner + ": securityContext.seccompProfile " + psc.getSeccompProfile().getType());
        }
        if (psc.getAppArmorProfile() != null && !allowedAppArmor(psc.getAppArmorProfile().getType())) {
            v.add(owner + ": appArmorProfile " + psc.getAppArmorProfile().getType());
        }

        List<Named> containers = new ArrayList<>();
        nullSafe(spec.getInitContainers()).forEach(c -> containers.add(new Named("initContainer " + c.getName(), c.getSecurityContext(), c.getPorts())));
        nullSafe(spec.getContainers()).forEach(c -> containers.add(new Named("container " + c.getName(), c.getSecurityContext(), c.getPorts())));
        for (EphemeralContainer c : nullSafe(spec.getEphemeralContainers())) {
            containers.add(new Named("ephemeralContainer " + c.getName(), c.getSecurityContext(), c.getPorts()));
        }
        for (Named c : containers) {
            String at = owner + " " + c.name;
            SecurityContext sc = c.sc == null ? new SecurityContext() : c.sc;
            if (isTrue(sc.getPrivileged())) v.add(at + ": privileged");
            if (sc.getProcMount() != null && !sc.getProcMount().equals("Default")) v.add(at + ": procMount " + sc.getProcMount());
            if (sc.getWindowsOptions() != null && isTrue(sc.getWindowsOptions().getHostProcess())) {
                v.add(at + ": windowsOptions.hostProcess");
            }
            seLinux(v, at, sc.getSeLinuxOptions());
            for (ContainerPort p : nullSafe(c.ports)) {
                if (p.getHostPort() != null && p.getHostPort() != 0) v.add(at + ": hostPort " + p.getHostPort());
            }
            if (sc.getAppArmorProfile() != null && !allowedAppArmor(sc.getAppArmorProfile().getType())) {
                v.add(at + ": appArmorProfile " + sc.getAppArmorProfile().getType());
            }
            // restricted
            if (!Objects.equals(sc.getAllowPrivilegeEscalation(), Boolean.FALSE)) {
                v.add(at + ": allowPrivilegeEscalation must be false");
            }
            Capabilities caps = sc.getCapabilities();
            if (caps == null || caps.getDrop() == null || !caps.getDrop().contains("ALL")) {
                v.add(at + ": capabilities.drop must include ALL");
            }
            if (caps != null && caps.getAdd() != null) {
                caps.getAdd().stream().filter(a -> !a.equals("NET_BIND_SERVICE"))
                        .forEach(a -> v.add(at + ": capabilities.add " + a + " (only NET_BIND_SERVICE allowed)"));
            }
            Boolean nonRoot = sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : psc.getRunAsNonRoot();
            if (!Objects.equals(nonRoot, Boolean.TRUE)) {
                v.add(at + ": runAsNonRoot must be true (pod or container)");
            }
            if (sc.getRunAsUser() != null && sc.getRunAsUser() == 0) v.add(at + ": runAsUser 0");
            SeccompProfile seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile() : psc.getSeccompProfile();
            if (seccomp == null || !allowedSeccomp(seccomp)) {
                v.add(at + ": seccompProfile must be RuntimeDefault or Localhost (pod or container)");
            }
        }
        return v;
    }

    /** Baseline's AppArmor rule for the pre-1.30 annotations: only runtime/default and localhost/* profiles. */
    public static List<String> annotationViolations(String owner, Map<String, String> podAnnotations) {
        List<String> v = new ArrayList<>();
        podAnnotations.forEach((k, value) -> {
            if (k.startsWith("container.apparmor.security.beta.kubernetes.io/")
                    && !value.equals("runtime/default") && !value.startsWith("localhost/")) {
                v.add(owner + ": annotation " + k + "=" + value);
            }
        });
        return v;
    }

    /** The namespace must enforce "restricted" (pod-security.kubernetes.io/enforce). */
    public static List<String> namespaceViolations(String id, Map<String, String> labels) {
        List<String> v = new ArrayList<>();
        Map<String, String> l = labels == null ? Map.of() : labels;
        if (!"restricted".equals(l.get("pod-security.kubernetes.io/enforce"))) {
            v.add(id + ": label pod-security.kubernetes.io/enforce=restricted missing (found "
                    + l.get("pod-security.kubernetes.io/enforce") + ")");
        }
        return v;
    }

    static String volumeType(Volume vol) {
        // The one non-null source field of the volume names its type (fabric8 mirrors the API's one-of).
        for (var f : Volume.class.getDeclaredFields()) {
            if (f.getName().equals("name") || f.getName().equals("additionalProperties")) continue;
            try {
                f.setAccessible(true);
                if (f.get(vol) != null) return f.getName();
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return "emptyDir"; // a volume with no source is an emptyDir, as the API server defaults it
    }

    private static boolean allowedSeccomp(SeccompProfile p) {
        return "RuntimeDefault".equals(p.getType()) || "Localhost".equals(p.getType());
    }

    private static boolean allowedAppArmor(String type) {
        return type == null || type.equals("RuntimeDefault") || type.equals("Localhost");
    }

    private static void seLinux(List<String> v, String at, io.fabric8.kubernetes.api.model.SELinuxOptions o) {
        if (o == null) return;
        if (o.getType() != null && !o.getType().isEmpty() && !SELINUX_TYPES.contains(o.getType())) {
            v.add(at + ": seLinuxOptions.type " + o.getType());
        }
        if (o.getUser() != null && !o.getUser().isEmpty()) v.add(at + ": seLinuxOptions.user set");
        if (o.getRole() != null && !o.getRole().isEmpty()) v.add(at + ": seLinuxOptions.role set");
    }

    private static boolean isTrue(Boolean b) {
        return Boolean.TRUE.equals(b);
    }

    private static <T> List<T> nullSafe(List<T> l) {
        return l == null ? List.of() : l;
    }

    private record Named(String name, SecurityContext sc, List<ContainerPort> ports) {
    }

}
