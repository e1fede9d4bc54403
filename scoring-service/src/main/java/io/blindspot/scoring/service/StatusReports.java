package io.blindspot.scoring.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.scoring.config.ScoringConfig;
import io.blindspot.scoring.domain.ExperimentRecord;
import io.blindspot.scoring.domain.ExperimentStatus;
import io.blindspot.scoring.domain.WaitingFor;
import io.blindspot.scoring.domain.port.DeadLetterStore;
import io.blindspot.scoring.domain.port.ResultStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An experiment's status ({@link ExperimentStatus}) from the database (results, dead letters), this instance's
 * {@link Waits} and {@code blindspot.scoring.stalled-after} (default 2 min): the one place the API, the results
 * page and the audits get it from.
 */
@ApplicationScoped
public class StatusReports {
    /**
     * @param lastProgress when its last value was stored, or its submission when none is
     * @param waitingFor   for waiting and stalled: what it waits for; else null
     */
    public record Report(ExperimentStatus status, long done, Instant lastProgress, WaitingFor waitingFor,
                         List<String> errors) {
    }

    private final ResultStore results;
    private final DeadLetterStore deadLetters;
    private final Waits waits;
    private final ObjectMapper mapper;
    private final Duration stalledAfter;
    private final Clock clock;

    @Inject
    public StatusReports(ResultStore results, DeadLetterStore deadLetters, Waits waits, ObjectMapper mapper,
                         ScoringConfig config) {
        this(results, deadLetters, waits, mapper, config.stalledAfter(), Clock.systemUTC());
    }

    public StatusReports(ResultStore results, DeadLetterStore deadLetters, Waits waits, ObjectMapper mapper,
                         Duration stalledAfter, Clock clock) {
        if (stalledAfter.isNegative() || stalledAfter.isZero()) {
            throw new IllegalArgumentException("blindspot.scoring.stalled-after must be > 0, got " + stalledAfter);
        }
        this.results = results;
        this.deadLetters = deadLetters;
        this.waits = waits;
        this.mapper = mapper;
        this.stalledAfter = stalledAfter;
        this.clock = clock;
    }

    public Report of(ExperimentRecord e) {
        List<String> errors = deadLetters.reasons(e.id());
        ResultStore.Progress progress = results.progress(e.id());
        Instant last = progress.last() != null ? progress.last() : e.submittedAt().toInstant();
        Optional<Waits.Wait> wait = waits.of(e.id());
        ExperimentStatus status = ExperimentStatus.of(errors.size(), progress.done(), e.expected(), wait.isPresent(),
                last, clock.instant(), stalledAfter);
        WaitingFor waitingFor = switch (status) {
            case WAITING -> WaitingFor.retrying(wait.get().resource(), wait.get().detail(), wait.get().since(),
                    wait.get().events());
            case STALLED -> WaitingFor.stalled(last, progress.done(), e.expected(), volumes(e), e.axis(), e.slices(),
                    (long) Math.max(1, e.intensities().length) * e.sigmas().length, results.perSlice(e.id()));
            default -> null;
        };
        return new Report(status, progress.done(), last, waitingFor, errors);
    }

    private int volumes(ExperimentRecord e) {
        try {
            ExperimentSpec spec = mapper.readValue(e.specJson(), ExperimentSpec.class);
            return spec.dataset() == null || spec.dataset().volumes() == null ? 1
                    : Math.max(1, spec.dataset().volumes().size());
        } catch (Exception ex) {
            return 1;
        }
    }
}
