package io.blindspot.scoring.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.contracts.events.ExperimentSubmitted;
import io.blindspot.scoring.repository.ExperimentRecord;
import io.blindspot.scoring.repository.ExperimentRepository;
import io.blindspot.scoring.store.IntermediateArtefacts;
import io.blindspot.support.retry.Deliveries;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.concurrent.CompletionStage;

/** Registers each submitted experiment (topic {@code blindspot.experiments}) so the API can report on it. */
@ApplicationScoped
public class ExperimentsConsumer {
    private static final Logger LOG = Logger.getLogger(ExperimentsConsumer.class);

    private final ExperimentRepository experiments;
    private final ObjectMapper mapper;
    private final Deliveries deliveries;
    private final IntermediateArtefacts intermediates;

    /** Without the retention hook (tests of registration alone). */
    public ExperimentsConsumer(ExperimentRepository experiments, ObjectMapper mapper, Deliveries deliveries) {
        this(experiments, mapper, deliveries, null);
    }

    @Inject
    public ExperimentsConsumer(ExperimentRepository experiments, ObjectMapper mapper, Deliveries deliveries,
                               IntermediateArtefacts intermediates) {
        this.experiments = experiments;
        this.intermediates = intermediates;
        this.mapper = mapper;
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
                e -> io.blindspot.support.retry.RetryListener.NONE, e -> {
                    try {
                        onExperiment(e);
                    } catch (JsonProcessingException ex) {
                        throw new IllegalArgumentException("spec cannot be written as JSON: " + ex.getOriginalMessage(), ex);
                    }
                });
    }

    /** Idempotent: a redelivered event finds its row and writes nothing. Throws for a bad event. */
    public void onExperiment(ExperimentSubmitted event) throws JsonProcessingException {
        if (event == null) {
            throw new IllegalArgumentException("empty or unreadable ExperimentSubmitted event");
        }
        ExperimentRecord record = ExperimentRecord.from(event, mapper.writeValueAsString(event.spec()),
                Instant.now());
        if (experiments.insert(record)) {
            LOG.infof("experiment %s '%s' registered: %d per-slice values expected", record.id(), record.name(),
                    record.expected());
        } else {
            LOG.debugf("experiment %s already registered", record.id());
        }
        if (intermediates != null) {
            intermediates.registered(record.id(), record.sigmas().length);
        }
    }
}
