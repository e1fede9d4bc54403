package io.blindspot.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The checks on one rendered overlay. Each returns what is wrong, one line per finding; empty means it passes. */
public final class Checks {

    /** Partitions of every topic (k8s kafka-topics Job, compose kafka-init): the most consumers a group can use. */
    public static final int PARTITIONS = 4;
    static final String GPU = "nvidia.com/gpu";

    private Checks() {
    }

    /** Every object against the Kubernetes schema, unknown fields refused. */
    public static List<String> schema(Rendered r) {
        return r.objects().stream().flatMap(m -> StrictSchema.violations(m).stream()).toList();
    }

    /** Every pod template meets "restricted"; every rendered Namespace enforces it. */
    public static List<String> podSecurity(Rendered r) {
        List<String> v = new ArrayList<>();
        r.workloads().forEach(w -> {
            v.addAll(PodSecurity.violations(w.id(), w.podSpec()));
            v.addAll(PodSecurity.annotationViolations(w.id(), w.podAnnotations()));
        });
        List<Manifest> namespaces = r.ofKind("Namespace").toList();
        if (namespaces.isEmpty()) {
            v.add("no Namespace rendered: its pod-security labels cannot be checked");
        }
        for (Manifest ns : namespaces) {
            Map<String, String> labels = new LinkedHashMap<>();
            ns.at("/metadata/labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            v.addAll(PodSecurity.namespaceViolations(ns.id(), labels));
        }
        return v;
    }

    /** Every operation of each service's OpenAPI document reaches that service through the HTTPRoutes. */
    public static List<String> routes(Rendered r, Map<String, List<OpenApi.Operation>> operationsByService) {
        List<String> v = new ArrayList<>();
        Routes routes = Routes.of(r);
        if (routes.isEmpty()) {
            return List.of("no HTTPRoute rendered: none of the services' paths is routed");
        }
        operationsByService.forEach((service, ops) -> {
            Optional<Service> svc = r.find("Service", service).map(m -> StrictSchema.typed(m, Service.class));
            for (OpenApi.Operation op : ops) {
                Optional<Routes.Target> t = routes.route(op.method(), op.samplePath());
                if (t.isEmpty()) {
                    v.add(service + ": " + op + " is routed nowhere (no HTTPRoute match)");
                } else if (!t.get().services().equals(List.of("Service/" + service))) {
                    v.add(service + ": " + op + " goes to " + t.get());
                } else if (t.get().rewrites()) {
                    v.add(service + ": " + op + " is rewritten or redirected by " + t.get());
                } else if (svc.isPresent()) {
                    Integer port = t.get().ports().getFirst();
                    boolean served = svc.get().getSpec().getPorts().stream()
                            .anyMatch(p -> Objects.equals(p.getPort(), port));
                    if (!served) {
                        v.add(service + ": " + op + " goes to port " + port + " which Service/" + service
                                + " does not expose");
                    }
                }
            }
        });
        // The routes are matched as one table above: that holds only when they attach to the same Gateway listeners.
        Set<String> parentSets = new TreeSet<>();
        Set<String> gateways = new TreeSet<>();
        r.ofKind("Gateway").forEach(g -> gateways.add(g.name()));
        r.ofKind("HTTPRoute").forEach(m -> {
            Set<String> parents = new TreeSet<>();
            m.at("/spec/parentRefs").forEach(p -> {
                parents.add(p.path("namespace").asText("") + "/" + p.path("name").asText() + "#" + p.path("sectionName").asText(""));
                boolean local = p.path("namespace").isMissingNode() && p.path("kind").asText("Gateway").equals("Gateway");
                if (local && !gateways.isEmpty() && !gateways.contains(p.path("name").asText())) {
                    v.add(m.id() + ": parentRef Gateway/" + p.path("name").asText() + " is not rendered (Gateways: " + gateways + ")");
                }
            });
            parentSets.add(parents.toString());
            if (m.at("/spec/parentRefs").isEmpty()) {
                v.add(m.id() + ": no parentRefs, so no Gateway serves it");
            }
            m.at("/spec/rules").forEach(rule -> rule.path("backendRefs").forEach(b -> {
                if (b.path("kind").asText("Service").equals("Service") && r.find("Service", b.path("name").asText()).isEmpty()) {
                    v.add(m.id() + ": backendRef to missing Service/" + b.path("name").asText());
                }
            }));
        });
        if (parentSets.size() > 1) {
            v.add("the HTTPRoutes attach to different Gateways/listeners " + parentSets + ": the paths are not one table");
        }
        return v;
    }

    /**
     * The GPU overlay: the inference pod asks for an nvidia.com/gpu, lands on GPU nodes (nodeSelector or a toleration
     * for the GPU taint), runs the -gpu image and provider cuda. Every other overlay: none of these.
     */
    public static List<String> gpu(Rendered r, String inferenceService, boolean gpuOverlay) {
        List<String> v = new ArrayList<>();
        Optional<Workload> w = r.workloads().filter(x -> x.name().equals(inferenceService)).findFirst();
        if (w.isEmpty()) {
            return List.of("no workload named " + inferenceService);
        }
        Container c = w.get().podSpec().getContainers().getFirst();
        Quantity limit = c.getResources() == null || c.getResources().getLimits() == null ? null
                : c.getResources().getLimits().get(GPU);
        String provider = env(r, c, "BLINDSPOT_INFERENCE_PROVIDER").orElse("cpu");
        boolean gpuImage = c.getImage() != null && c.getImage().matches(".*:[^:/]+-gpu$");
        if (gpuOverlay) {
            if (limit == null || Quantity.getAmountInBytes(limit).intValue() < 1) {
                v.add(w.get().id() + ": no resources.limits." + GPU + " >= 1");
            }
            if (!gpuImage) v.add(w.get().id() + ": image " + c.getImage() + " is not the -gpu image");
            if (!provider.equals("cuda")) v.add(w.get().id() + ": BLINDSPOT_INFERENCE_PROVIDER=" + provider + ", not cuda");
            var spec = w.get().podSpec();
            boolean selects = spec.getNodeSelector() != null && !spec.getNodeSelector().isEmpty()
                    || spec.getAffinity() != null && spec.getAffinity().getNodeAffinity() != null;
            boolean tolerates = spec.getTolerations() != null && spec.getTolerations().stream()
                    .map(Toleration::getKey).anyMatch(k -> k == null || k.equals(GPU));
            if (!selects && !tolerates) {
                v.add(w.get().id() + ": neither a nodeSelector/affinity for GPU nodes nor a toleration for " + GPU);
            }
        } else {
            if (limit != null) v.add(w.get().id() + ": requests " + GPU + " outside the gpu overlay");
            if (gpuImage) v.add(w.get().id() + ": runs the -gpu image outside the gpu overlay");
            if (provider.equals("cuda")) v.add(w.get().id() + ": provider cuda outside the gpu overlay");
        }
        return v;
    }

    /** An env var's value as the container sees it: env first, then envFrom ConfigMaps (as the kubelet merges). */
    static Optional<String> env(Rendered r, Container c, String name) {
        for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
            if (e.getName().equals(name) && e.getValue() != null) return Optional.of(e.getValue());
        }
        for (var from : c.getEnvFrom() == null ? List.<io.fabric8.kubernetes.api.model.EnvFromSource>of() : c.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                String prefix = from.getPrefix() == null ? "" : from.getPrefix();
                Optional<String> value = r.find("ConfigMap", from.getConfigMapRef().getName())
                        .map(m -> m.at("/data").path(name.substring(Math.min(prefix.length(), name.length()))))
                        .filter(n -> name.startsWith(prefix) && n.isTextual()).map(JsonNode::asText);
                if (value.isPresent()) return value;
            }
        }
        return Optional.empty();
    }

    /**
     * Selectors point at pods that exist: Service, PodDisruptionBudget, NetworkPolicy (and its pod peers),
     * ScaledObject's target, ServiceMonitor's Services; a ScaledObject scales to at most {@link #PARTITIONS}.
     */
    public static List<String> selectors(Rendered r) {
        List<String> v = new ArrayList<>();
        List<Workload> workloads = r.workloads().toList();
        for (Manifest m : r.ofKind("Service").toList()) {
            Service s = StrictSchema.typed(m, Service.class);
            Map<String, String> sel = s.getSpec().getSelector();
            if (sel == null || sel.isEmpty()) continue; // a selector-less Service (ExternalName, manual Endpoints)
            List<Workload> hit = workloads.stream().filter(w -> w.podLabels().entrySet().containsAll(sel.entrySet())).toList();
            if (hit.isEmpty()) {
                v.add(m.id() + ": selector " + sel + " matches no pod template");
            }
            for (ServicePort p : s.getSpec().getPorts()) {
                if (p.getTargetPort() != null && p.getTargetPort().getStrVal() != null) {
                    String named = p.getTargetPort().getStrVal();
                    for (Workload w : hit) {
                        boolean has = w.podSpec().getContainers().stream().flatMap(c -> c.getPorts() == null
                                ? Stream.empty() : c.getPorts().stream()).anyMatch(cp -> named.equals(cp.getName()));
                        if (!has) v.add(m.id() + ": targetPort " + named + " is no named port of " + w.id());
                    }
                }
            }
        }
        for (Manifest m : r.ofKind("PodDisruptionBudget").toList()) {
            LabelSelector sel = StrictSchema.typed(m, PodDisruptionBudget.class).getSpec().getSelector();
            if (workloads.stream().noneMatch(w -> matches(sel, w.podLabels()))) {
                v.add(m.id() + ": selector matches no pod template");
            }
        }
        for (Manifest m : r.ofKind("NetworkPolicy").toList()) {
            NetworkPolicy np = StrictSchema.typed(m, NetworkPolicy.class);
            if (workloads.stream().noneMatch(w -> matches(np.getSpec().getPodSelector(), w.podLabels()))) {
                v.add(m.id() + ": podSelector matches no pod template");
            }
            List<NetworkPolicyPeer> peers = new ArrayList<>();
            if (np.getSpec().getIngress() != null) np.getSpec().getIngress().forEach(i -> { if (i.getFrom() != null) peers.addAll(i.getFrom()); });
            if (np.getSpec().getEgress() != null) np.getSpec().getEgress().forEach(e -> { if (e.getTo() != null) peers.addAll(e.getTo()); });
            for (NetworkPolicyPeer p : peers) {
                // A peer with a namespaceSelector may name pods of other namespaces (the Gateway's, Prometheus'):
                // only same-namespace pod peers can be checked here.
                if (p.getPodSelector() != null && p.getNamespaceSelector() == null
                        && workloads.stream().noneMatch(w -> matches(p.getPodSelector(), w.podLabels()))) {
                    v.add(m.id() + ": peer podSelector " + describe(p.getPodSelector()) + " matches no pod template");
                }
            }
        }
        for (Manifest m : r.ofKind("ScaledObject").toList()) {
            JsonNode ref = m.at("/spec/scaleTargetRef");
            String kind = ref.path("kind").asText("Deployment");
            if (r.find(kind, ref.path("name").asText()).isEmpty()) {
                v.add(m.id() + ": scaleTargetRef " + kind + "/" + ref.path("name").asText() + " does not exist");
            }
            int max = m.at("/spec/maxReplicaCount").asInt(100); // KEDA's default is 100
            if (max > PARTITIONS) {
                v.add(m.id() + ": maxReplicaCount " + max + " > " + PARTITIONS + " partitions (extra consumers idle)");
            }
        }
        for (Manifest m : r.ofKind("ServiceMonitor").toList()) {
            ServiceMonitor sm = StrictSchema.typed(m, ServiceMonitor.class);
            List<Manifest> services = r.ofKind("Service").filter(s -> {
                Map<String, String> labels = new LinkedHashMap<>();
                s.at("/metadata/labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                return matches(sm.getSpec().getSelector(), labels);
            }).toList();
            if (services.isEmpty()) {
                v.add(m.id() + ": selector matches no Service");
            }
            for (var ep : sm.getSpec().getEndpoints()) {
                for (Manifest s : services) {
                    boolean has = ep.getPort() == null || StrictSchema.typed(s, Service.class).getSpec().getPorts()
                            .stream().anyMatch(p -> ep.getPort().equals(p.getName()));
                    if (!has) v.add(m.id() + ": endpoint port " + ep.getPort() + " is no port name of " + s.id());
                }
            }
        }
        return v;
    }

    /** Each ScaledObject's Kafka trigger watches a consumer group its target service really uses. */
    public static List<String> kedaGroups(Rendered r, Map<String, Set<String>> groupsByWorkload) {
        List<String> v = new ArrayList<>();
        for (Manifest m : r.ofKind("ScaledObject").toList()) {
            String target = m.at("/spec/scaleTargetRef/name").asText();
            Set<String> groups = groupsByWorkload.getOrDefault(target, Set.of());
            for (JsonNode t : m.at("/spec/triggers")) {
                if (!t.path("type").asText().equals("kafka")) continue;
                String group = t.at("/metadata/consumerGroup").asText();
                if (!groups.contains(group)) {
                    v.add(m.id() + ": consumerGroup " + group + " is none of " + target + "'s groups " + groups);
                }
            }
        }
        return v;
    }

    /**
     * Images: the services' images are tagged with the project version (the -gpu variant only for inference), no image
     * is untagged or :latest, and none comes from the Docker Hub repositories MinIO removed (minio/minio, minio/mc).
     */
    public static List<String> images(Rendered r, List<String> services, String version) {
        List<String> v = new ArrayList<>();
        r.workloads().forEach(w -> {
            List<Container> all = new ArrayList<>(w.podSpec().getContainers());
            if (w.podSpec().getInitContainers() != null) all.addAll(w.podSpec().getInitContainers());
            for (Container c : all) {
                v.addAll(imageViolations(w.id() + " container " + c.getName(), c.getImage(), services, version));
            }
        });
        return v;
    }

    public static List<String> imageViolations(String where, String image, List<String> services, String version) {
        List<String> v = new ArrayList<>();
        if (image == null || image.isBlank()) {
            return List.of(where + ": no image");
        }
        String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = withoutDigest.lastIndexOf(':');
        boolean tagged = colon > withoutDigest.lastIndexOf('/');
        String repo = tagged ? withoutDigest.substring(0, colon) : withoutDigest;
        String tag = tagged ? withoutDigest.substring(colon + 1) : "";
        if (!image.contains("@") && (tag.isEmpty() || tag.equals("latest"))) {
            v.add(where + ": image " + image + " has no fixed tag");
        }
        if (repo.equals("minio/minio") || repo.equals("minio/mc") || repo.startsWith("docker.io/minio/")) {
            v.add(where + ": image " + image + " was removed from Docker Hub; use quay.io/minio/...");
        }
        for (String s : services) {
            if (repo.equals("blindspot/" + s) || repo.endsWith("/blindspot/" + s) || repo.endsWith("/" + s)) {
                boolean ok = tag.equals(version) || (s.startsWith("inference") && tag.equals(version + "-gpu"));
                if (!ok) v.add(where + ": image " + image + " is not tagged with the project version " + version);
            }
        }
        return v;
    }

    /**
     * The four services shut down cleanly and run on a read-only root: a preStop hook (the endpoints drop the pod
     * before SIGTERM), a grace period longer than the preStop pause plus quarkus.shutdown.timeout (so in-flight
     * events finish), readOnlyRootFilesystem with an emptyDir at /tmp (Vert.x and ONNX Runtime write there), and
     * readiness and liveness probes.
     */
    public static List<String> lifecycle(Rendered r, Map<String, Integer> shutdownSecondsByService) {
        List<String> v = new ArrayList<>();
        shutdownSecondsByService.forEach((service, shutdown) -> {
            Optional<Workload> w = r.workloads().filter(x -> x.name().equals(service)).findFirst();
            if (w.isEmpty()) {
                v.add(service + ": no workload");
                return;
            }
            var spec = w.get().podSpec();
            Container c = spec.getContainers().getFirst();
            String at = w.get().id() + " container " + c.getName();
            int preStop = 0;
            if (c.getLifecycle() == null || c.getLifecycle().getPreStop() == null) {
                v.add(at + ": no lifecycle.preStop");
            } else {
                var h = c.getLifecycle().getPreStop();
                if (h.getSleep() != null && h.getSleep().getSeconds() != null) {
                    preStop = h.getSleep().getSeconds().intValue();
                } else if (h.getExec() != null && h.getExec().getCommand() != null) {
                    var m = java.util.regex.Pattern.compile("sleep\\s+(\\d+)").matcher(String.join(" ", h.getExec().getCommand()));
                    if (m.find()) preStop = Integer.parseInt(m.group(1));
                }
            }
            long grace = spec.getTerminationGracePeriodSeconds() == null ? 30 : spec.getTerminationGracePeriodSeconds();
            if (grace <= preStop + shutdown) {
                v.add(at + ": terminationGracePeriodSeconds " + grace + " <= preStop " + preStop
                        + " s + quarkus.shutdown.timeout " + shutdown + " s");
            }
            if (c.getSecurityContext() == null || !Boolean.TRUE.equals(c.getSecurityContext().getReadOnlyRootFilesystem())) {
                v.add(at + ": readOnlyRootFilesystem is not true");
            }
            boolean tmp = c.getVolumeMounts() != null && c.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")
                    && spec.getVolumes() != null && spec.getVolumes().stream().anyMatch(vol -> vol.getName().equals(m.getName())
                    && vol.getEmptyDir() != null));
            if (!tmp) v.add(at + ": no emptyDir mounted at /tmp");
            if (c.getReadinessProbe() == null) v.add(at + ": no readinessProbe");
            if (c.getLivenessProbe() == null) v.add(at + ": no livenessProbe");
        });
        return v;
    }

    /** Each service has its Service, a PodDisruptionBudget, a NetworkPolicy and a ServiceMonitor (or PodMonitor). */
    public static List<String> coverage(Rendered r, List<String> services) {
        List<String> v = new ArrayList<>();
        for (String s : services) {
            Optional<Workload> w = r.workloads().filter(x -> x.name().equals(s)).findFirst();
            if (w.isEmpty()) {
                v.add(s + ": no workload");
                continue;
            }
            Map<String, String> labels = w.get().podLabels();
            if (r.find("Service", s).isEmpty()) v.add(s + ": no Service named " + s);
            if (r.ofKind("PodDisruptionBudget").noneMatch(m -> matches(StrictSchema.typed(m, PodDisruptionBudget.class)
                    .getSpec().getSelector(), labels))) {
                v.add(s + ": no PodDisruptionBudget selects its pods");
            }
            if (r.ofKind("NetworkPolicy").noneMatch(m -> matches(StrictSchema.typed(m, NetworkPolicy.class)
                    .getSpec().getPodSelector(), labels))) {
                v.add(s + ": no NetworkPolicy selects its pods");
            }
            boolean monitored = r.ofKind("ServiceMonitor").anyMatch(m -> r.find("Service", s).map(svc -> {
                Map<String, String> svcLabels = new LinkedHashMap<>();
                svc.at("/metadata/labels").properties().forEach(e -> svcLabels.put(e.getKey(), e.getValue().asText()));
                return matches(StrictSchema.typed(m, ServiceMonitor.class).getSpec().getSelector(), svcLabels);
            }).orElse(false)) || r.ofKind("PodMonitor").anyMatch(m -> matches(StrictSchema.typed(m,
                    io.fabric8.openshift.api.model.monitoring.v1.PodMonitor.class).getSpec().getSelector(), labels));
            if (!monitored) v.add(s + ": no ServiceMonitor or PodMonitor scrapes it");
        }
        return v;
    }

    /** prod takes Kafka, S3 and PostgreSQL from outside: it runs none of them in the cluster. */
    public static List<String> externalBackends(Rendered r) {
        List<String> v = new ArrayList<>();
        r.workloads().forEach(w -> w.podSpec().getContainers().forEach(c -> {
            String image = c.getImage() == null ? "" : c.getImage();
            if (image.matches("(.*/)?(minio/minio|apache/kafka|postgres|bitnami/kafka|bitnami/postgresql)(:.*)?")
                    && !w.manifest().kind().equals("Job")) {
                v.add(w.id() + ": runs " + image + " in the cluster; prod points at an external service instead");
            }
        }));
        return v;
    }

    static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding", "GatewayClass",
            "ClusterSecretStore", "ClusterTriggerAuthentication", "PriorityClass", "StorageClass",
            "CustomResourceDefinition");

    /** Every namespaced object lands in the one namespace (the selectors above are only checked within it). */
    public static List<String> namespaces(Rendered r, String namespace) {
        return r.objects().stream().filter(m -> !CLUSTER_SCOPED.contains(m.kind()))
                .filter(m -> !m.at("/metadata/namespace").asText("").equals(namespace))
                .map(m -> m.id() + ": namespace \"" + m.at("/metadata/namespace").asText("") + "\", not " + namespace)
                .toList();
    }

    /** Label selector semantics (matchLabels AND matchExpressions); an empty selector selects every pod. */
    static boolean matches(LabelSelector sel, Map<String, String> labels) {
        if (sel == null) return true;
        if (sel.getMatchLabels() != null && !labels.entrySet().containsAll(sel.getMatchLabels().entrySet())) return false;
        for (LabelSelectorRequirement req : sel.getMatchExpressions() == null ? List.<LabelSelectorRequirement>of() : sel.getMatchExpressions()) {
            String value = labels.get(req.getKey());
            boolean ok = switch (req.getOperator()) {
                case "In" -> value != null && req.getValues().contains(value);
                case "NotIn" -> value == null || !req.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) return false;
        }
        return true;
    }

    private static String describe(LabelSelector sel) {
        return String.valueOf(sel.getMatchLabels()) + (sel.getMatchExpressions() == null || sel.getMatchExpressions().isEmpty()
                ? "" : " " + sel.getMatchExpressions());
    }
}
