package io.blindspot.scoring.service;

import io.blindspot.scoring.config.ScoringConfig;
import io.blindspot.scoring.domain.ExperimentQuery;
import io.blindspot.scoring.domain.ExperimentStatus;
import io.blindspot.scoring.domain.ListedExperiment;
import io.blindspot.scoring.domain.port.ExperimentStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The experiment list: one page from the database, each experiment's status decided as {@link StatusReports} does
 * (the same dead letters, progress, {@link Waits} and {@code blindspot.scoring.stalled-after}), without its
 * per-experiment details (errors, waiting_for: GET /api/experiments/{id}).
 */
@ApplicationScoped
public class ExperimentListing {
    /** @param next the following page's query; null on the last page */
    public record Page(ExperimentQuery query, List<Listed> experiments, ExperimentQuery next) {
    }

    public record Listed(ListedExperiment experiment, ExperimentStatus status) {
    }

    private final ExperimentStore experiments;
    private final Waits waits;
    private final Duration stalledAfter;
    private final Clock clock;

    @Inject
    public ExperimentListing(ExperimentStore experiments, Waits waits, ScoringConfig config) {
        this(experiments, waits, config.stalledAfter(), Clock.systemUTC());
    }

    public ExperimentListing(ExperimentStore experiments, Waits waits, Duration stalledAfter, Clock clock) {
        this.experiments = experiments;
        this.waits = waits;
        this.stalledAfter = stalledAfter;
        this.clock = clock;
    }

    public Page list(ExperimentQuery query) {
        // PostgreSQL keeps microseconds: the cut-off and the status below compare the same instants.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Set<UUID> waiting = waits.experiments();
        List<ListedExperiment> rows = experiments.page(query.status() == null ? null : query.status().label(),
                waiting, now.minus(stalledAfter), query.limit() + 1, query.offset());
        List<Listed> page = new ArrayList<>();
        for (ListedExperiment e : rows.subList(0, Math.min(rows.size(), query.limit()))) {
            page.add(new Listed(e, ExperimentStatus.of(e.deadLettered() ? 1 : 0, e.done(), e.expected(),
                    waiting.contains(e.id()), e.lastProgress(), now, stalledAfter)));
        }
        return new Page(query, page, rows.size() > query.limit() ? query.next() : null);
    }
}
