package io.blindspot.scoring.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.contracts.events.ExperimentSubmitted;
import io.blindspot.scoring.repository.ExperimentRecord;
import io.blindspot.scoring.repository.ExperimentRepository;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Instant;

/** Registers each submitted experiment (topic {@code blindspot.experiments}) so the API can report on it. */
@ApplicationScoped
public class ExperimentsConsumer {
    private static final Logger LOG = Logger.getLogger(ExperimentsConsumer.class);

    private final ExperimentRepository experiments;
    private final ObjectMapper mapper;

    public ExperimentsConsumer(ExperimentRepository experiments, ObjectMapper mapper) {
        this.experiments = experiments;
        this.mapper = mapper;
    }

    /** Idempotent: a redelivered event finds its row and writes nothing. Bad events go to the dead letters. */
    @Incoming("experiments")
    @Blocking
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
    }
}
