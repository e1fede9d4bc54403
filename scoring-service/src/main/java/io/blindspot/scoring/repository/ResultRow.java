package io.blindspot.scoring.repository;

import java.util.UUID;

/**
 * A row of {@code results}: one metric value of one slice for one (intensity, sigma) cell.
 * The first eight components (except intensity and sigma) form the primary key.
 *
 * @param intensity the disk's intensity; null for a texture (pixel-shuffle, sink, source: one variant, index 0)
 */
public record ResultRow(UUID experimentId, int axis, int sliceIndex, String reconstructor, String mode,
                        int intensityIndex, int sigmaIndex, Double intensity, double sigma, String metric,
                        double value, double meanResidual, Integer positionRow, Integer positionCol) {
}
