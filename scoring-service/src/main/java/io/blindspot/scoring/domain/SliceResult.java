package io.blindspot.scoring.domain;

/**
 * One stored per-slice value: the AP of one slice for one (intensity, sigma) cell.
 *
 * @param volume      the slice's volume: its index in the experiment's {@code dataset.volumes} (0 for one volume)
 * @param intensity   the disk's intensity; null for a texture (its one variant has intensity index 0)
 * @param ap          the value of the metric read (AP by default); NaN where the metric is undefined for the
 *                    slice (AUROC of a slice without lesion or without negative, ...)
 * @param positionRow row of the anomaly's centre, null when the event carried no position
 * @param prevalence  the slice's lesion prevalence (label pixels / pixels, AP's chance level); null for rows
 *                    stored before it was recorded
 * @param threshold   the residual threshold behind a Dice value (dice-best, dice-at-normal-q99); else null
 */
public record SliceResult(int volume, int axis, int slice, int intensityIndex, int sigmaIndex, Double intensity,
                          double sigma, double ap, double meanResidual, Integer positionRow, Integer positionCol,
                          Double prevalence, Double threshold) {

    /** A result without threshold. */
    public SliceResult(int volume, int axis, int slice, int intensityIndex, int sigmaIndex, Double intensity,
                       double sigma, double ap, double meanResidual, Integer positionRow, Integer positionCol,
                       Double prevalence) {
        this(volume, axis, slice, intensityIndex, sigmaIndex, intensity, sigma, ap, meanResidual, positionRow,
                positionCol, prevalence, null);
    }

    /** A result without prevalence. */
    public SliceResult(int volume, int axis, int slice, int intensityIndex, int sigmaIndex, Double intensity,
                       double sigma, double ap, double meanResidual, Integer positionRow, Integer positionCol) {
        this(volume, axis, slice, intensityIndex, sigmaIndex, intensity, sigma, ap, meanResidual, positionRow,
                positionCol, (Double) null);
    }

    /** A slice of volume 0 (a one-volume dataset). */
    public SliceResult(int axis, int slice, int intensityIndex, int sigmaIndex, Double intensity, double sigma,
                       double ap, double meanResidual, Integer positionRow, Integer positionCol) {
        this(0, axis, slice, intensityIndex, sigmaIndex, intensity, sigma, ap, meanResidual, positionRow,
                positionCol);
    }
}
