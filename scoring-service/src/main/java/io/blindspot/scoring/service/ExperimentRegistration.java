package io.blindspot.scoring.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.contracts.events.ExperimentSubmitted;
import io.blindspot.scoring.domain.ExperimentRecord;
import io.blindspot.scoring.domain.port.ExperimentStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;

/** Registers each submitted experiment so the API can report on it. */
@ApplicationScoped
public class ExperimentRegistration {
    private static final Logger LOG = Logger.getLogger(ExperimentRegistration.class);

    private final ExperimentStore experiments;
    private final ObjectMapper mapper;
    private final IntermediateArtefacts intermediates;
    /** The aggregation stage (issue 14); null in tests of registration alone. */
    private final AggregationStage stage;

    /** Without the retention hook (tests of registration alone). */
    public ExperimentRegistration(ExperimentStore experiments, ObjectMapper mapper) {
        this(experiments, mapper, null);
    }

    public ExperimentRegistration(ExperimentStore experiments, ObjectMapper mapper,
                                  IntermediateArtefacts intermediates) {
        this(experiments, mapper, intermediates, null);
    }

    @Inject
    public ExperimentRegistration(ExperimentStore experiments, ObjectMapper mapper,
                                  IntermediateArtefacts intermediates, AggregationStage stage) {
        this.experiments = experiments;
        this.mapper = mapper;
        this.intermediates = intermediates;
        this.stage = stage;
    }

    /**
     * Idempotent: a redelivered event finds its row and writes nothing.
     *
     * @throws IllegalArgumentException for a bad event (none, no UUID, a spec without its grid, a spec that cannot
     *                                  be written as JSON)
     */
    public void register(ExperimentSubmitted event) {
        if (event == null) {
            throw new IllegalArgumentException("empty or unreadable ExperimentSubmitted event");
        }
        String specJson;
        try {
            specJson = mapper.writeValueAsString(event.spec());
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("spec cannot be written as JSON: " + ex.getOriginalMessage(), ex);
        }
        ExperimentRecord record = ExperimentRecord.from(event, specJson, Instant.now());
        if (experiments.insert(record)) {
            LOG.infof("experiment %s '%s' registered: %d per-slice values expected", record.id(), record.name(),
                    record.expected());
        } else {
            LOG.debugf("experiment %s already registered", record.id());
        }
        if (intermediates != null) {
            // Slices scored before this registration (the two topics race) kept their variants: delete them now.
            // Slices of an experiment that needs the aggregation stage keep them until the stage has run.
            intermediates.registered(record.id(), record.sigmas().length, AggregationStage.needed(event.spec()));
        }
        if (stage != null) {
            stage.registered(record.id());
        }
    }
}
