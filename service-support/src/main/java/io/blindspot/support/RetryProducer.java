package io.blindspot.support;

import io.blindspot.support.retry.Backoff;
import io.blindspot.support.retry.Deliveries;
import io.blindspot.support.retry.Retrier;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * The one {@link Retrier} of a service, from {@code blindspot.retry.*}, and its {@link Deliveries}. At shutdown
 * (before the messaging channels stop) the retrier is stopped, so events waiting out a fault are handed back
 * rather than held until the process is killed or given up.
 */
@ApplicationScoped
public class RetryProducer {
    @Produces
    @Singleton
    Retrier retrier(@ConfigProperty(name = "blindspot.retry.initial-delay", defaultValue = "500ms") Duration initial,
                    @ConfigProperty(name = "blindspot.retry.max-delay", defaultValue = "15s") Duration max,
                    @ConfigProperty(name = "blindspot.retry.max-duration", defaultValue = "3m") Duration total) {
        return new Retrier(new Backoff(initial, max, total));
    }

    @Produces
    @Singleton
    Deliveries deliveries(Retrier retrier) {
        return new Deliveries(retrier);
    }

    // Early (low priority value): before SmallRye's own shutdown observer stops the channels and waits for
    // the events in flight.
    void stop(@Observes @Priority(1) ShutdownEvent event, Retrier retrier) {
        retrier.stop();
    }
}
