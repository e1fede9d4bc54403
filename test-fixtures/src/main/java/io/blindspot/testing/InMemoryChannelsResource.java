package io.blindspot.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A service under {@code @QuarkusTest} with its Kafka channels on SmallRye's in-memory connector, no bucket check at
 * start and its HTTP server on a free port (other builds on the machine may hold the service's): no broker, no store
 * needed. A service extends it with its channel names (a resource class needs a no-argument constructor) and adds
 * its own settings in {@link #properties()}.
 */
public abstract class InMemoryChannelsResource implements QuarkusTestResourceLifecycleManager {
    private final List<String> incoming;
    private final List<String> outgoing;

    protected InMemoryChannelsResource(List<String> incoming, List<String> outgoing) {
        this.incoming = List.copyOf(incoming);
        this.outgoing = List.copyOf(outgoing);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> props = new HashMap<>();
        if (!incoming.isEmpty()) {
            props.putAll(InMemoryConnector.switchIncomingChannelsToInMemory(incoming.toArray(String[]::new)));
        }
        if (!outgoing.isEmpty()) {
            props.putAll(InMemoryConnector.switchOutgoingChannelsToInMemory(outgoing.toArray(String[]::new)));
        }
        props.put("blindspot.s3.ensure-bucket", "false");
        props.put("quarkus.http.test-port", "0");
        props.putAll(properties());
        return props;
    }

    /** The service's own settings, applied last (called once per start). */
    protected Map<String, String> properties() {
        return Map.of();
    }

    @Override
    public void stop() {
        InMemoryConnector.clear();
    }
}
