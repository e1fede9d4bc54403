package io.blindspot.scoring.domain.port;

import io.blindspot.scoring.domain.SliceScoreRow;

import java.util.List;
import java.util.UUID;

/**
 * The slice scores of the image-level metrics (PostgreSQL's {@code slice_scores}: repository.SliceScoreRepository).
 * Every method throws {@link io.blindspot.scoring.domain.RepositoryException} when the database fails.
 */
public interface SliceScoreStore {
    /** Stores the rows of one event, all or none; rows already stored are left as they are (a redelivery). */
    void insert(List<SliceScoreRow> rows);

    /** Every slice score of the experiment, ordered by volume, axis, slice, sigma index, variant. */
    List<SliceScoreRow> scores(UUID experimentId);
}
