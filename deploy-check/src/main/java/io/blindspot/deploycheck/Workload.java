package io.blindspot.deploycheck;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** An object that makes pods, with the pod template's labels and spec. */
public record Workload(Manifest manifest, Map<String, String> podLabels, Map<String, String> podAnnotations,
                       PodSpec podSpec) {

    static Optional<Workload> of(Manifest m) {
        String template = switch (m.kind()) {
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job" -> "/spec/template";
            case "CronJob" -> "/spec/jobTemplate/spec/template";
            case "Pod" -> "";
            default -> null;
        };
        if (template == null) {
            return Optional.empty();
        }
        JsonNode t = m.at(template);
        Map<String, String> labels = new LinkedHashMap<>();
        t.path("metadata").path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        Map<String, String> annotations = new LinkedHashMap<>();
        t.path("metadata").path("annotations").properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
        PodSpec spec = StrictSchema.lenient().convertValue(t.path("spec"), PodSpec.class);
        return Optional.of(new Workload(m, labels, annotations, spec == null ? new PodSpec() : spec));
    }

    public String id() {
        return manifest.id();
    }

    public String name() {
        return manifest.name();
    }
}
