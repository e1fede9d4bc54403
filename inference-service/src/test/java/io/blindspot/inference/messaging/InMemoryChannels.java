package io.blindspot.inference.messaging;


import io.blindspot.testing.InMemoryChannelsResource;
import java.util.List;
import java.util.Map;

/** Runs the service's channels on SmallRye's in-memory connector: no broker needed. */
public class InMemoryChannels extends InMemoryChannelsResource {
    public InMemoryChannels() {
        super(List.of("anomalies"), List.of("reconstructions"));
    }

    @Override
    protected Map<String, String> properties() {
        return Map.of(
                // no store here: its readiness check would report DOWN (the store is replaced by in-memory ones)
                "quarkus.smallrye-health.check.\"io.blindspot.inference.health.ObjectStoreHealthCheck\".enabled",
                "false",
                // two sigmas of InferenceChannelsTest's 5 x 6 slice per block, so the setting is seen to apply
                "blindspot.inference.block-bytes", "240");
    }
}
