package io.blindspot.scoring.domain.port;

import io.blindspot.scoring.domain.ResultRow;
import io.blindspot.scoring.domain.SliceResult;
import io.blindspot.scoring.domain.StagedSliceValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The per-slice values (PostgreSQL's {@code results}: repository.ResultRepository). Every method throws
 * {@link io.blindspot.scoring.domain.RepositoryException} when the database fails.
 */
public interface ResultStore {
    /** @param last when the last value was stored; null when none is */
    record Progress(long done, Instant last) {
    }

    /** Stores the rows of one event, all or none; a redelivered event changes nothing. */
    void insert(List<ResultRow> rows);

    /** Number of stored per-slice values of every metric: the experiment's progress. */
    long count(UUID experimentId);

    /**
     * Stores the aggregation stage's per-slice values of {@code metric} as rows beside the rows of {@code beside}
     * (the same slice and cell: their intensity, sigma, mean residual, position and prevalence), skipping rows
     * stored already (a stage run again).
     *
     * @throws IllegalStateException when a value has no row of {@code beside}
     */
    void insertBeside(UUID experimentId, String metric, String beside, List<StagedSliceValue> values);

    /** Stored values and when the last of them was stored. */
    Progress progress(UUID experimentId);

    /** Stored values per slice: [volume, axis, slice] to count (slices without any are absent). */
    Map<List<Integer>, Long> perSlice(UUID experimentId);

    /** Every per-slice value of one metric, ordered by volume, slice, intensity index, sigma index. */
    List<SliceResult> sliceResults(UUID experimentId, String metric);
}
