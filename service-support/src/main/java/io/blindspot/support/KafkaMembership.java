package io.blindspot.support;

import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Group membership of every Kafka consumer of the service (each incoming channel is its own consumer and group):
 * <ul>
 *   <li>{@code blindspot.instance-id} set (the launcher passes {@code synth-1}; on k8s the pod name): static
 *       membership, {@code group.instance.id} = that id. A consumer restarted with the same id gets its
 *       partitions back at once, without waiting for its dead predecessor's session to expire and without a
 *       rebalance. Channels of one service share the id: they are in different groups.</li>
 *   <li>unset: dynamic membership, as before.</li>
 *   <li>either way {@code session.timeout.ms} = {@code blindspot.kafka.session-timeout} (default 10 s, Kafka's
 *       is 45 s) and {@code heartbeat.interval.ms} = {@code blindspot.kafka.heartbeat-interval} (3 s): a member
 *       that dies and is not restarted (a replica gone for good, a pod replaced under a new name) loses its
 *       partitions to the others within ~10 s. A static member does not leave its group when closed, so a
 *       SIGTERM'd replica that is not restarted also costs up to this time.</li>
 * </ul>
 * A channel's own {@code mp.messaging.incoming.<channel>.session.timeout.ms} (and the like) wins. See the
 * service-support README for the measured hand-over times.
 */
@ApplicationScoped
public class KafkaMembership implements ClientCustomizer<Map<String, Object>> {
    private static final Logger LOG = Logger.getLogger(KafkaMembership.class);

    private final Optional<String> instanceId;
    private final Duration sessionTimeout;
    private final Duration heartbeatInterval;

    public KafkaMembership(@ConfigProperty(name = "blindspot.instance-id") Optional<String> instanceId,
                           @ConfigProperty(name = "blindspot.kafka.session-timeout", defaultValue = "10s")
                           Duration sessionTimeout,
                           @ConfigProperty(name = "blindspot.kafka.heartbeat-interval", defaultValue = "3s")
                           Duration heartbeatInterval) {
        this.instanceId = instanceId.map(String::strip).filter(s -> !s.isEmpty());
        this.sessionTimeout = sessionTimeout;
        this.heartbeatInterval = heartbeatInterval;
    }

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        return apply(channel, config, instanceId, sessionTimeout, heartbeatInterval);
    }

    /** Consumers only (their configuration names a deserializer); producers are left as they are. */
    static Map<String, Object> apply(String channel, Map<String, Object> config, Optional<String> instanceId,
                                     Duration sessionTimeout, Duration heartbeatInterval) {
        if (!config.containsKey("value.deserializer") && !config.containsKey("key.deserializer")) {
            return config;
        }
        instanceId.ifPresent(id -> config.putIfAbsent("group.instance.id", id));
        config.putIfAbsent("session.timeout.ms", String.valueOf(sessionTimeout.toMillis()));
        config.putIfAbsent("heartbeat.interval.ms", String.valueOf(heartbeatInterval.toMillis()));
        // once per consumer at start: shows in the service's log that the settings took effect
        LOG.infof("channel %s: %s, session.timeout.ms=%s, heartbeat.interval.ms=%s", channel,
                config.containsKey("group.instance.id") ? "static member " + config.get("group.instance.id")
                        : "dynamic member", config.get("session.timeout.ms"), config.get("heartbeat.interval.ms"));
        return config;
    }
}
