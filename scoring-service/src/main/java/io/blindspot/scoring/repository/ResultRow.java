package io.blindspot.scoring.repository;

import java.util.UUID;

/**
 * A row of {@code results}: one metric value of one slice for one (intensity, sigma) cell.
 * The first eight components (except intensity and sigma) form the primary key.
 */
public record ResultRow(UUID experimentId, int axis, int sliceIndex, String reconstructor, String mode,
                        int intensityIndex, int sigmaIndex, double intensity, double sigma, String metric,
                        double value, double meanResidual, Integer positionRow, Integer positionCol) {
}
