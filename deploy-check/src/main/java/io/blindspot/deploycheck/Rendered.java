package io.blindspot.deploycheck;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The objects one overlay renders to (kubectl kustomize k8s/overlays/NAME). */
public record Rendered(String overlay, List<Manifest> objects) {

    public Stream<Manifest> ofKind(String kind) {
        return objects.stream().filter(m -> m.kind().equals(kind));
    }

    public Optional<Manifest> find(String kind, String name) {
        return ofKind(kind).filter(m -> m.name().equals(name)).findFirst();
    }

    /** Deployments, StatefulSets, DaemonSets, Jobs, CronJobs, ReplicaSets and Pods: whatever makes pods. */
    public Stream<Workload> workloads() {
        return objects.stream().map(Workload::of).flatMap(Optional::stream);
    }

    @Override
    public String toString() {
        return overlay;
    }
}
