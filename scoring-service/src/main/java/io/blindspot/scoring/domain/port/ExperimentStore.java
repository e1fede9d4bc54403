package io.blindspot.scoring.domain.port;

import io.blindspot.scoring.domain.ExperimentRecord;
import io.blindspot.scoring.domain.ListedExperiment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The registered experiments (PostgreSQL's {@code experiments}: repository.ExperimentRepository). Every method
 * throws {@link io.blindspot.scoring.domain.RepositoryException} when the database fails.
 */
public interface ExperimentStore {
    /**
     * Stores an experiment unless one with its id exists (a redelivered event changes nothing).
     *
     * @return whether a row was written
     */
    boolean insert(ExperimentRecord e);

    Optional<ExperimentRecord> find(UUID id);

    /** Every experiment, newest first (the results page). */
    List<ExperimentRecord> list();

    /**
     * Up to {@code limit} experiments after {@code offset}, newest first, with their progress.
     *
     * @param status        a status label to keep only those ({@code running}, {@code done}, ...); null for all
     * @param waiting       the experiments this instance waits out a fault for (status waiting)
     * @param stalledBefore an experiment in progress whose last value is this old or older is stalled
     */
    List<ListedExperiment> page(String status, Set<UUID> waiting, Instant stalledBefore, int limit, long offset);

    /** The experiments of one blind-spot audit (spec {@code audit.id}), oldest first; empty when none. */
    List<ExperimentRecord> findByAudit(String auditId);
}
