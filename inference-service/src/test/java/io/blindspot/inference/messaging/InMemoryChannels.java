package io.blindspot.inference.messaging;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

import java.util.HashMap;
import java.util.Map;

/** Runs the service's channels on SmallRye's in-memory connector: no broker needed. */
public class InMemoryChannels implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> props = new HashMap<>();
        props.putAll(InMemoryConnector.switchIncomingChannelsToInMemory("anomalies"));
        props.putAll(InMemoryConnector.switchOutgoingChannelsToInMemory("reconstructions"));
        props.put("blindspot.s3.ensure-bucket", "false");
        // no store here: its readiness check would report DOWN (the store is replaced by in-memory ones)
        props.put("quarkus.smallrye-health.check.\"io.blindspot.inference.health.ObjectStoreHealthCheck\".enabled",
                "false");
        // two sigmas of InferenceChannelsTest's 5 x 6 slice per block, so the setting is seen to apply
        props.put("blindspot.inference.block-bytes", "240");
        return props;
    }

    @Override
    public void stop() {
        InMemoryConnector.clear();
    }
}
