package io.blindspot.ingest.rest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

import java.util.HashMap;
import java.util.Map;

/** The service with its Kafka channels in memory and no bucket check at start: no broker, no store needed. */
public class InMemoryChannels implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> props = new HashMap<>(InMemoryConnector.switchOutgoingChannelsToInMemory("experiments",
                "slices"));
        props.put("blindspot.s3.ensure-bucket", "false");
        props.put("quarkus.http.test-port", "0"); // a free port: other builds on this machine may hold 8081
        return props;
    }

    @Override
    public void stop() {
        InMemoryConnector.clear();
    }
}
