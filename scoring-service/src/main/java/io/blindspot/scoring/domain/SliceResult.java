package io.blindspot.scoring.domain;

/**
 * One stored per-slice value: the AP of one slice for one (intensity, sigma) cell.
 *
 * @param intensity   the disk's intensity; null for a texture (its one variant has intensity index 0)
 * @param positionRow row of the anomaly's centre, null when the event carried no position
 */
public record SliceResult(int axis, int slice, int intensityIndex, int sigmaIndex, Double intensity, double sigma,
                          double ap, double meanResidual, Integer positionRow, Integer positionCol) {
}
