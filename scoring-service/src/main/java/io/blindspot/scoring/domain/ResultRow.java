package io.blindspot.scoring.domain;

import java.util.UUID;

/**
 * A row of {@code results}: one metric value of one slice for one (intensity, sigma) cell.
 * The first eight components (except intensity and sigma) form the primary key.
 *
 * @param volume    the slice's volume: its index in the experiment's {@code dataset.volumes} (0 for one volume);
 *                  part of the primary key
 * @param intensity  the disk's intensity; null for a texture (pixel-shuffle, sink, source: one variant, index 0)
 * @param prevalence the slice's lesion prevalence, label pixels / slice pixels: AP's chance level (the same on
 *                   every row of the slice); null where it is not known (rows built without the slice)
 * @param threshold  the residual threshold behind a Dice value ({@code dice-best}: of its best Dice;
 *                   {@code dice-at-normal-q99}: the normal q99); null on the other metrics' rows
 */
public record ResultRow(UUID experimentId, int volume, int axis, int sliceIndex, String reconstructor, String mode,
                        int intensityIndex, int sigmaIndex, Double intensity, double sigma, String metric,
                        double value, double meanResidual, Integer positionRow, Integer positionCol,
                        Double prevalence, Double threshold) {

    /** A row without threshold. */
    public ResultRow(UUID experimentId, int volume, int axis, int sliceIndex, String reconstructor, String mode,
                     int intensityIndex, int sigmaIndex, Double intensity, double sigma, String metric,
                     double value, double meanResidual, Integer positionRow, Integer positionCol, Double prevalence) {
        this(experimentId, volume, axis, sliceIndex, reconstructor, mode, intensityIndex, sigmaIndex, intensity, sigma,
                metric, value, meanResidual, positionRow, positionCol, prevalence, null);
    }

    /** A row without prevalence. */
    public ResultRow(UUID experimentId, int volume, int axis, int sliceIndex, String reconstructor, String mode,
                     int intensityIndex, int sigmaIndex, Double intensity, double sigma, String metric,
                     double value, double meanResidual, Integer positionRow, Integer positionCol) {
        this(experimentId, volume, axis, sliceIndex, reconstructor, mode, intensityIndex, sigmaIndex, intensity, sigma,
                metric, value, meanResidual, positionRow, positionCol, (Double) null);
    }

    /** A row of volume 0 (a one-volume dataset). */
    public ResultRow(UUID experimentId, int axis, int sliceIndex, String reconstructor, String mode,
                     int intensityIndex, int sigmaIndex, Double intensity, double sigma, String metric,
                     double value, double meanResidual, Integer positionRow, Integer positionCol) {
        this(experimentId, 0, axis, sliceIndex, reconstructor, mode, intensityIndex, sigmaIndex, intensity, sigma,
                metric, value, meanResidual, positionRow, positionCol);
    }
}
