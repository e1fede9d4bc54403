package io.blindspot.scoring.domain.port;

import java.util.List;
import java.util.UUID;

/**
 * The events some consumer could not process, with the reason (PostgreSQL's {@code dead_letters}:
 * repository.DeadLetterRepository). Throws {@link io.blindspot.scoring.domain.RepositoryException} when the database
 * fails or refuses a letter.
 */
public interface DeadLetterStore {
    /** @param experimentId null when the payload names no experiment */
    void insert(UUID experimentId, String topic, String reason, String payload);

    /** The distinct reasons of an experiment's dead letters, in the order they first arrived. */
    List<String> reasons(UUID experimentId);
}
