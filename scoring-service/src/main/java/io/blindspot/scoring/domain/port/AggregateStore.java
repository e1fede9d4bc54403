package io.blindspot.scoring.domain.port;

import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.scoring.domain.AggregateRow;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The aggregation stage's tables (repository.AggregateRepository): its inputs (the scored events), its values and
 * its runs. Every method throws {@link io.blindspot.scoring.domain.RepositoryException} when the database fails.
 */
public interface AggregateStore {
    /** The end of a stage: {@code error} null when it stored its values. */
    record Run(String error) {
    }

    /** Records a scored event for the stage (idempotent). */
    void recordInput(SliceReconstructed event);

    /** Every recorded event of the experiment. */
    List<SliceReconstructed> inputs(UUID experimentId);

    /** The experiments with recorded events and no run (finished or failed): the stage's unfinished work. */
    List<UUID> pending();

    /** Forgets the experiment's recorded events (after the stage, or when it needs none). */
    void deleteInputs(UUID experimentId);

    /** Stores the values (a value already stored is left as it is) and marks the run finished, in one transaction. */
    void finish(UUID experimentId, List<AggregateRow> rows);

    /** Marks the run failed with its reason (a later finish does not override it). */
    void fail(UUID experimentId, String error);

    /** The stage's end, or empty while it has not ended. */
    Optional<Run> run(UUID experimentId);

    /** The values of one aggregation and metric, ordered by intensity index, sigma index, volume. */
    List<AggregateRow> rows(UUID experimentId, String aggregation, String metric);
}
