package io.blindspot.deploycheck;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Env parity: a service gets the same environment variable names in docker-compose and in every k8s overlay (values
 * may differ: hosts, credentials, heap, log format), and the variables its application.properties reads through
 * ${NAME:default} placeholders are set in both or in neither.
 */
public final class EnvParity {

    /** Names whose value must also be the same: they are no environment's choice but the service's contract. */
    public static final Set<String> SAME_VALUE = Set.of("QUARKUS_HTTP_PORT", "BLINDSPOT_S3_BUCKET", "QUARKUS_HTTP_HOST");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");

    private EnvParity() {
    }

    /** The env names a service's container gets in k8s: env, plus every key of its envFrom ConfigMaps and Secrets. */
    public static Map<String, String> k8sEnvironment(Rendered r, Container c, List<String> problems) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
            String prefix = from.getPrefix() == null ? "" : from.getPrefix();
            if (from.getConfigMapRef() != null) {
                String name = from.getConfigMapRef().getName();
                Optional<Manifest> cm = r.find("ConfigMap", name);
                if (cm.isEmpty()) {
                    problems.add(c.getName() + ": envFrom ConfigMap " + name + " is not rendered");
                } else {
                    cm.get().at("/data").properties().forEach(e -> env.put(prefix + e.getKey(), e.getValue().asText()));
                }
            }
            if (from.getSecretRef() != null) {
                String name = from.getSecretRef().getName();
                Set<String> keys = secretKeys(r, name);
                if (keys == null) {
                    problems.add(c.getName() + ": envFrom Secret " + name + " is neither rendered nor an ExternalSecret "
                            + "target: its keys are unknown");
                } else {
                    keys.forEach(k -> env.put(prefix + k, "(secret)"));
                }
            }
        }
        for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
            env.put(e.getName(), e.getValue() != null ? e.getValue() : "(from " + (e.getValueFrom() == null ? "nothing"
                    : e.getValueFrom().getSecretKeyRef() != null ? "secret" : "reference") + ")");
        }
        return env;
    }

    /** Keys of a Secret: rendered (generator names carry a hash suffix kustomize also writes into refs), or made by an ExternalSecret. */
    static Set<String> secretKeys(Rendered r, String name) {
        Optional<Manifest> s = r.find("Secret", name);
        if (s.isPresent()) {
            Set<String> keys = new LinkedHashSet<>();
            s.get().at("/data").fieldNames().forEachRemaining(keys::add);
            s.get().at("/stringData").fieldNames().forEachRemaining(keys::add);
            return keys;
        }
        Optional<Manifest> es = r.ofKind("ExternalSecret").filter(m -> m.at("/spec/target/name").asText(m.name()).equals(name)).findFirst();
        if (es.isPresent()) {
            Set<String> keys = new LinkedHashSet<>();
            es.get().at("/spec/data").forEach(d -> keys.add(d.path("secretKey").asText()));
            return keys;
        }
        return null;
    }

    /** The env names that application.properties reads through ${NAME} or ${NAME:default}. */
    public static Set<String> placeholders(String applicationProperties) {
        Set<String> names = new TreeSet<>();
        for (String line : applicationProperties.lines().toList()) {
            if (line.stripLeading().startsWith("#")) continue;
            Matcher m = PLACEHOLDER.matcher(line);
            while (m.find()) names.add(m.group(1));
        }
        return names;
    }

    /** Differences between one service's compose and k8s environments. */
    public static List<String> compare(String service, Map<String, String> compose, Map<String, String> k8s,
                                       Set<String> placeholders) {
        List<String> v = new ArrayList<>();
        Set<String> all = new TreeSet<>(compose.keySet());
        all.addAll(k8s.keySet());
        for (String name : all) {
            boolean inCompose = compose.containsKey(name);
            boolean inK8s = k8s.containsKey(name);
            if (inCompose && !inK8s) {
                v.add(service + ": " + name + " is set in docker-compose only");
            } else if (inK8s && !inCompose) {
                v.add(service + ": " + name + " is set in k8s only");
            } else if (inK8s && inCompose && SAME_VALUE.contains(name)
                    && !String.valueOf(compose.get(name)).equals(String.valueOf(k8s.get(name)))) {
                v.add(service + ": " + name + " is " + compose.get(name) + " in compose but " + k8s.get(name) + " in k8s");
            }
        }
        for (String name : placeholders) {
            if (compose.containsKey(name) != k8s.containsKey(name)) {
                v.add(service + ": application.properties reads ${" + name + "}, set only in "
                        + (compose.containsKey(name) ? "docker-compose" : "k8s"));
            }
        }
        return v;
    }
}
