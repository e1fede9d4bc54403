package io.blindspot.scoring.domain;

import java.util.List;

/**
 * A point of Figure 4b: how well a model reconstructs against how well its residual finds anomalies. The paper
 * typed these values in by hand; Blindspot computes them from the stored cells.
 *
 * <p>x, the mean reconstruction error, is the mean over the curve's cells of {@link Cell#meanResidual()} (each
 * itself the mean over slices of a slice's mean |reconstruction − input|). For a model experiment (one sigma) the
 * curve's cells are all its cells; for a multi-sigma grid they are the chosen sigma's column, so that x and y
 * describe the same reconstructions. In normal-rec the residual is taken against the anomalous slice, so the
 * anomaly itself adds to it — the same for every model of one figure, whose slices and disks are equal.
 * y is the mean over the same cells of the mean AP.
 *
 * @param meanResidual mean reconstruction error (x)
 * @param meanAp       mean AP (y)
 * @param cells        cells averaged
 */
public record ErrorVsAp(double meanResidual, double meanAp, int cells) {

    /** @param cells the curve's cells; none gives NaN coordinates */
    public static ErrorVsAp of(List<Cell> cells) {
        double residual = 0.0;
        double ap = 0.0;
        for (Cell c : cells) {
            residual += c.meanResidual();
            ap += c.apMean();
        }
        int n = cells.size();
        return n == 0 ? new ErrorVsAp(Double.NaN, Double.NaN, 0) : new ErrorVsAp(residual / n, ap / n, n);
    }
}
