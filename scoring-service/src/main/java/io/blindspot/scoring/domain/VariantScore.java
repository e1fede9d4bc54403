package io.blindspot.scoring.domain;

/**
 * Scores of one anomaly variant (one intensity) of one slice.
 *
 * @param variant      index into the experiment's intensities
 * @param ap           average precision of the residual against the label
 * @param meanResidual mean of the residual over every pixel of the slice
 */
public record VariantScore(int variant, double ap, double meanResidual) {
}
