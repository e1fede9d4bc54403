package io.blindspot.scoring.domain;

/**
 * A per-slice value the aggregation stage computes (a metric whose per-slice value needs the whole test set:
 * {@code dice-at-normal-q99}). Stored as a {@code results} row beside the slice's AP row of the same cell, whose
 * intensity, sigma, mean residual, position and prevalence it takes ({@code ResultStore#insertBeside}), with the
 * threshold behind the value (dice-at-normal-q99: the normal q99 of its sigma).
 */
public record StagedSliceValue(String reconstructor, String mode, int volume, int axis, int slice, int intensityIndex,
                               int sigmaIndex, double value, Double threshold) {
}
