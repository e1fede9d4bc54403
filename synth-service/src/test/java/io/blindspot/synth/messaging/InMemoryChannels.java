package io.blindspot.synth.messaging;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

import java.util.HashMap;
import java.util.Map;

/** Runs the service's channels on SmallRye's in-memory connector: no broker needed. */
public class InMemoryChannels implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> props = new HashMap<>();
        props.putAll(InMemoryConnector.switchIncomingChannelsToInMemory("slices"));
        props.putAll(InMemoryConnector.switchOutgoingChannelsToInMemory("anomalies"));
        props.put("blindspot.s3.ensure-bucket", "false");
        return props;
    }

    @Override
    public void stop() {
        InMemoryConnector.clear();
    }
}
