package io.blindspot.scoring.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * An experiment as the list shows it: its row's summary and its progress, read in one query.
 *
 * @param lastProgress when its last value was stored, or its submission when none is
 * @param deadLettered whether any of its events was dead-lettered (it failed)
 * @param anomalyType  the spec's {@code anomaly.type}; null when the stored spec has none
 * @param auditId      the blind-spot audit it belongs to; null for an ordinary experiment
 */
public record ListedExperiment(UUID id, String name, Instant submittedAt, long expected, long done,
                               Instant lastProgress, boolean deadLettered, String anomalyType, String reconstructor,
                               String mode, String auditId, String auditRole) {
}
