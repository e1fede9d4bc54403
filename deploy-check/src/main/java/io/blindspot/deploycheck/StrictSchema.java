package io.blindspot.deploycheck;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks each rendered object against the Kubernetes schema with unknown fields refused, as the API server's strict
 * field validation (kubectl apply --validate=strict) would: deserialised into fabric8's kubernetes-model with
 * FAIL_ON_UNKNOWN_PROPERTIES. fabric8's classes keep unknown fields in an "additionalProperties" any-setter, so the
 * introspector below hides those setters; and like Go's decoder no scalar is coerced (a number where a string
 * belongs fails). Custom resources with no fabric8 model (KEDA, External Secrets) get a check by hand of their
 * known fields, see {@link #checkByHand}.
 */
public final class StrictSchema {

    private static final Map<String, Class<? extends HasMetadata>> TYPED = new LinkedHashMap<>();
    private static final ObjectMapper STRICT = strictMapper();
    private static final ObjectMapper LENIENT = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    static {
        for (Class<? extends HasMetadata> c : List.of(Namespace.class, ConfigMap.class, Secret.class, Service.class,
                ServiceAccount.class, PersistentVolumeClaim.class, Pod.class, LimitRange.class, ResourceQuota.class,
                Deployment.class, StatefulSet.class, DaemonSet.class, Job.class, CronJob.class,
                PodDisruptionBudget.class, NetworkPolicy.class, Ingress.class, HorizontalPodAutoscaler.class,
                Role.class, RoleBinding.class, ClusterRole.class, ClusterRoleBinding.class,
                io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute.class,
                io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute.class,
                io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway.class,
                io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass.class,
                io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant.class,
                ServiceMonitor.class, PodMonitor.class, PrometheusRule.class)) {
            TYPED.put(HasMetadata.getApiVersion(c) + "/" + HasMetadata.getKind(c), c);
        }
    }

    private StrictSchema() {
    }

    static ObjectMapper strictMapper() {
        ObjectMapper m = new ObjectMapper();
        m.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        m.setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
            @Override
            public Boolean hasAnySetter(Annotated a) {
                return Boolean.FALSE;
            }
        });
        for (LogicalType t : List.of(LogicalType.Textual)) {
            for (CoercionInputShape s : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                    CoercionInputShape.Boolean)) {
                m.coercionConfigFor(t).setCoercion(s, CoercionAction.Fail);
            }
        }
        for (LogicalType t : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            m.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        return m;
    }

    /** For reading objects that already passed (or need not pass) the strict check. */
    public static ObjectMapper lenient() {
        return LENIENT;
    }

    public static boolean hasTypedModel(Manifest m) {
        return TYPED.containsKey(m.apiVersion() + "/" + m.kind());
    }

    public static <T> T typed(Manifest m, Class<T> type) {
        return LENIENT.convertValue(m.node(), type);
    }

    /** What the API server would refuse in this object; empty when it conforms. */
    public static List<String> violations(Manifest m) {
        Class<? extends HasMetadata> type = TYPED.get(m.apiVersion() + "/" + m.kind());
        if (type == null) {
            return checkByHand(m);
        }
        try {
            STRICT.treeToValue(m.node(), type);
            return List.of();
        } catch (UnrecognizedPropertyException e) {
            return List.of(m.id() + ": unknown field \"" + e.getPropertyName() + "\" at " + path(e));
        } catch (Exception e) {
            return List.of(m.id() + ": " + firstLine(e.getMessage()));
        }
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            sb.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
        }
        return sb.length() == 0 ? "." : sb.toString();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    // ---- custom resources without a fabric8 model: their CRDs' fields, checked by hand ----

    /** Fields of KEDA 2.x and External Secrets Operator (v1, v1beta1) resources, from their CRDs. */
    static List<String> checkByHand(Manifest m) {
        List<String> v = new ArrayList<>();
        JsonNode n = m.node();
        only(v, m, "", n, Set.of("apiVersion", "kind", "metadata", "spec"));
        try {
            STRICT.treeToValue(n.path("metadata"), ObjectMeta.class);
        } catch (Exception e) {
            v.add(m.id() + ": metadata: " + firstLine(e.getMessage()));
        }
        JsonNode spec = n.path("spec");
        switch (m.group() + "/" + m.kind()) {
            case "keda.sh/ScaledObject" -> {
                only(v, m, ".spec", spec, Set.of("scaleTargetRef", "pollingInterval", "cooldownPeriod",
                        "initialCooldownPeriod", "idleReplicaCount", "minReplicaCount", "maxReplicaCount", "fallback",
                        "advanced", "triggers"));
                only(v, m, ".spec.scaleTargetRef", spec.path("scaleTargetRef"),
                        Set.of("apiVersion", "kind", "name", "envSourceContainerName"));
                required(v, m, ".spec.scaleTargetRef.name", spec.at("/scaleTargetRef/name"));
                for (String f : List.of("pollingInterval", "cooldownPeriod", "initialCooldownPeriod",
                        "idleReplicaCount", "minReplicaCount", "maxReplicaCount")) {
                    if (!spec.path(f).isMissingNode() && !spec.path(f).isInt()) {
                        v.add(m.id() + ": .spec." + f + " must be an integer");
                    }
                }
                if (!spec.path("triggers").isArray() || spec.path("triggers").isEmpty()) {
                    v.add(m.id() + ": .spec.triggers: at least one trigger is required");
                }
                int i = 0;
                for (JsonNode t : spec.path("triggers")) {
                    String at = ".spec.triggers[" + i++ + "]";
                    only(v, m, at, t, Set.of("type", "name", "metadata", "authenticationRef", "metricType",
                            "useCachedMetrics"));
                    required(v, m, at + ".type", t.path("type"));
                    stringMap(v, m, at + ".metadata", t.path("metadata"));
                    if (t.path("type").asText().equals("kafka")) {
                        for (String f : List.of("bootstrapServers", "consumerGroup")) {
                            required(v, m, at + ".metadata." + f, t.path("metadata").path(f));
                        }
                    }
                }
            }
            case "keda.sh/TriggerAuthentication", "keda.sh/ClusterTriggerAuthentication" -> {
                only(v, m, ".spec", spec, Set.of("secretTargetRef", "env", "hashiCorpVault", "podIdentity",
                        "azureKeyVault", "awsSecretManager", "gcpSecretManager", "configMapTargetRef",
                        "boundServiceAccountToken"));
                int i = 0;
                for (JsonNode ref : spec.path("secretTargetRef")) {
                    String at = ".spec.secretTargetRef[" + i++ + "]";
                    only(v, m, at, ref, Set.of("parameter", "name", "key"));
                    for (String f : List.of("parameter", "name", "key")) {
                        required(v, m, at + "." + f, ref.path(f));
                    }
                }
            }
            case "external-secrets.io/ExternalSecret" -> {
                only(v, m, ".spec", spec, Set.of("secretStoreRef", "target", "refreshInterval", "refreshPolicy",
                        "data", "dataFrom"));
                only(v, m, ".spec.secretStoreRef", spec.path("secretStoreRef"), Set.of("name", "kind"));
                required(v, m, ".spec.secretStoreRef.name", spec.at("/secretStoreRef/name"));
                int i = 0;
                for (JsonNode d : spec.path("data")) {
                    String at = ".spec.data[" + i++ + "]";
                    only(v, m, at, d, Set.of("secretKey", "remoteRef", "sourceRef"));
                    required(v, m, at + ".secretKey", d.path("secretKey"));
                    only(v, m, at + ".remoteRef", d.path("remoteRef"), Set.of("key", "property", "version",
                            "conversionStrategy", "decodingStrategy", "metadataPolicy"));
                    required(v, m, at + ".remoteRef.key", d.at("/remoteRef/key"));
                }
                if (spec.path("data").isEmpty() && spec.path("dataFrom").isEmpty()) {
                    v.add(m.id() + ": .spec needs data or dataFrom");
                }
            }
            case "external-secrets.io/SecretStore", "external-secrets.io/ClusterSecretStore" -> {
                only(v, m, ".spec", spec, Set.of("provider", "controller", "retrySettings", "refreshInterval",
                        "conditions"));
                required(v, m, ".spec.provider", spec.path("provider"));
            }
            default -> v.add(m.id() + " (" + m.apiVersion() + "): no schema known to deploy-check; add its fabric8 "
                    + "model to StrictSchema.TYPED or a check by hand");
        }
        return v;
    }

    private static void only(List<String> v, Manifest m, String at, JsonNode node, Set<String> allowed) {
        if (node.isMissingNode()) {
            return;
        }
        if (!node.isObject()) {
            v.add(m.id() + ": " + (at.isEmpty() ? "." : at) + " must be an object");
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                v.add(m.id() + ": unknown field \"" + f + "\" at " + (at.isEmpty() ? "." : at));
            }
        }
    }

    private static void required(List<String> v, Manifest m, String at, JsonNode node) {
        if (node.isMissingNode() || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            v.add(m.id() + ": " + at + " is required");
        }
    }

    /** KEDA trigger metadata is map[string]string: an unquoted number there is refused by the API server. */
    private static void stringMap(List<String> v, Manifest m, String at, JsonNode node) {
        if (!node.isObject()) {
            v.add(m.id() + ": " + at + " is required (an object of strings)");
            return;
        }
        node.properties().forEach(e -> {
            if (!e.getValue().isTextual()) {
                v.add(m.id() + ": " + at + "." + e.getKey() + " must be a string (quote it)");
            }
        });
    }
}
