package io.blindspot.scoring.domain.port;

import io.blindspot.scoring.domain.ResultRow;
import io.blindspot.scoring.domain.SliceResult;

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

    /** Stored values and when the last of them was stored. */
    Progress progress(UUID experimentId);

    /** Stored values per slice: [volume, axis, slice] to count (slices without any are absent). */
    Map<List<Integer>, Long> perSlice(UUID experimentId);

    /** Every per-slice value of one metric, ordered by volume, slice, intensity index, sigma index. */
    List<SliceResult> sliceResults(UUID experimentId, String metric);
}
