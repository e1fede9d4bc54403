package io.blindspot.scoring.messaging;

import io.blindspot.contracts.events.ExperimentSubmitted;
import io.blindspot.scoring.service.ExperimentRegistration;
import io.blindspot.support.retry.Deliveries;
import io.blindspot.support.retry.RetryListener;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/** The channel of submitted experiments (topic {@code blindspot.experiments}): {@link ExperimentRegistration}. */
@ApplicationScoped
public class ExperimentsConsumer {
    private final ExperimentRegistration registration;
    private final Deliveries deliveries;

    public ExperimentsConsumer(ExperimentRegistration registration, Deliveries deliveries) {
        this.registration = registration;
        // Registration is what makes an experiment's failures reportable: a database fault is waited out however
        // long it lasts (a dead letter of this event would leave the experiment unknown, its GET a 404 for good).
        this.deliveries = new Deliveries(deliveries.retrier().forever());
    }

    /**
     * The channel: a database fault is retried with backoff until it passes (blindspot.retry.* steps, no bound), a
     * bad event dead-lettered at once, an event in flight at shutdown handed back ({@link Deliveries}).
     */
    @Incoming("experiments")
    @Blocking
    public CompletionStage<Void> consume(Message<ExperimentSubmitted> message) {
        return deliveries.process(message, e -> "experiment " + (e == null ? "?" : e.experimentId()),
                e -> RetryListener.NONE, registration::register);
    }
}
