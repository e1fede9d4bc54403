package io.blindspot.scoring.domain;

import java.util.Locale;

/**
 * The paper's matching: a curve is compared with every column (or row) of the experiment-1 grid of mean APs and
 * the one with the smallest sum of absolute differences (SAD) wins. A model curve (AP vs intensity) is matched
 * to a sigma COLUMN: "this model reconstructs like a blur of sigma s". A texture curve (AP vs sigma) is matched
 * to an intensity ROW: "this texture is found like a disk of intensity i".
 *
 * <p>Conventions: the curve and the reference must span the same grid (values equal within {@link #TOLERANCE},
 * index by index in spec order), since a SAD over different x values compares nothing; a tie goes to the lowest
 * index (numpy's {@code argmin}); both must be complete, because a missing cell would silently shrink one SAD.
 *
 * @param matchedBy {@link Curve#SIGMA} (a column) or {@link Curve#INTENSITY} (a row)
 * @param index     the column's sigma index or the row's intensity index in the reference's spec order
 * @param value     the matched sigma or intensity
 * @param sad       sum over the curve's points of |curve AP − reference AP|
 * @param matched   the reference's mean APs along the matched column/row, index by index of the curve's grid
 * @param edge      where the matched value is the first or last of the reference's sigmas (intensities): the
 *                  side, and the grid to run instead ({@link GridEdge}); null when the match lies inside the grid
 */
public record GridMatch(String matchedBy, int index, double value, double sad, double[] matched, GridEdge edge) {
    /** Grids are written as linspace results; 1e-12 tolerates a last-digit difference in how they were computed. */
    public static final double TOLERANCE = 1e-12;

    /**
     * True when the matched value is the first or the last of the grid it was chosen from (a one-value grid's
     * only value included): the match then only bounds the curve, e.g. "blurrier than every sigma here".
     */
    public boolean atEdge() {
        return edge != null;
    }

    /** The curve and the reference do not span the same grid, or the reference is not a grid. */
    public static class GridMismatchException extends IllegalArgumentException {
        public GridMismatchException(String message) {
            super(message);
        }
    }

    /** A cell of the curve or of the reference has no value yet. */
    public static class IncompleteException extends IllegalStateException {
        public IncompleteException(String message) {
            super(message);
        }
    }

    /**
     * Matches AP vs intensity to the closest sigma column of the reference.
     *
     * @param curve          AP per intensity, in spec order; NaN where not scored yet
     * @param curveIntensity the curve's intensities
     * @param intensities    the reference's intensities (rows of {@code referenceAp})
     * @param sigmas         the reference's sigmas (columns)
     * @param referenceAp    [intensity index][sigma index] mean AP; NaN where not scored yet
     */
    public static GridMatch closestSigmaColumn(double[] curve, double[] curveIntensity, double[] intensities,
                                               double[] sigmas, double[][] referenceAp) {
        checkShape(referenceAp, intensities.length, sigmas.length);
        checkSameGrid("intensities", curveIntensity, intensities);
        checkComplete(curve, curveIntensity, "curve", "intensity");
        double[][] columns = new double[sigmas.length][intensities.length];
        for (int i = 0; i < intensities.length; i++) {
            for (int j = 0; j < sigmas.length; j++) {
                columns[j][i] = referenceAp[i][j];
            }
        }
        return closest(Curve.SIGMA, curve, columns, sigmas, intensities);
    }

    /**
     * Matches AP vs sigma to the closest intensity row of the reference.
     *
     * @param curve       AP per sigma, in spec order; NaN where not scored yet
     * @param curveSigmas the curve's sigmas
     * @see #closestSigmaColumn
     */
    public static GridMatch closestIntensityRow(double[] curve, double[] curveSigmas, double[] intensities,
                                                double[] sigmas, double[][] referenceAp) {
        checkShape(referenceAp, intensities.length, sigmas.length);
        checkSameGrid("sigmas", curveSigmas, sigmas);
        checkComplete(curve, curveSigmas, "curve", "sigma");
        return closest(Curve.INTENSITY, curve, referenceAp, intensities, sigmas);
    }

    /** @param candidates one array per column/row, each along the curve's grid */
    private static GridMatch closest(String by, double[] curve, double[][] candidates, double[] candidateValues,
                                     double[] along) {
        if (candidates.length == 0) {
            throw new GridMismatchException("the reference has no " + (by.equals(Curve.SIGMA) ? "sigma" : "intensity"));
        }
        int best = -1;
        double bestSad = Double.POSITIVE_INFINITY;
        for (int k = 0; k < candidates.length; k++) {
            checkComplete(candidates[k], along, "reference " + by + " " + fmt(candidateValues[k]),
                    by.equals(Curve.SIGMA) ? "intensity" : "sigma");
            double sad = 0.0;
            for (int i = 0; i < curve.length; i++) {
                sad += Math.abs(curve[i] - candidates[k][i]);
            }
            // Strictly smaller: the first of equal SADs stays, as numpy.argmin keeps the lowest index.
            if (sad < bestSad) {
                bestSad = sad;
                best = k;
            }
        }
        return new GridMatch(by, best, candidateValues[best], bestSad, candidates[best].clone(),
                GridEdge.of(by, best, candidateValues));
    }

    private static void checkShape(double[][] ap, int rows, int cols) {
        if (ap.length != rows) {
            throw new IllegalArgumentException(ap.length + " rows of AP for " + rows + " intensities");
        }
        for (double[] row : ap) {
            if (row.length != cols) {
                throw new IllegalArgumentException("a row of " + row.length + " APs for " + cols + " sigmas");
            }
        }
    }

    /** @param name "intensities" or "sigmas", for the message */
    static void checkSameGrid(String name, double[] curve, double[] reference) {
        if (curve.length != reference.length) {
            throw new GridMismatchException(String.format(Locale.ROOT,
                    "reference %s differ: the curve has %d, the reference %d", name, curve.length, reference.length));
        }
        for (int i = 0; i < curve.length; i++) {
            if (!(Math.abs(curve[i] - reference[i]) <= TOLERANCE)) {
                throw new GridMismatchException(String.format(Locale.ROOT,
                        "reference %s differ: at index %d the curve has %s, the reference %s", name, i,
                        fmt(curve[i]), fmt(reference[i])));
            }
        }
    }

    private static void checkComplete(double[] ap, double[] along, String what, String alongName) {
        for (int i = 0; i < ap.length; i++) {
            if (Double.isNaN(ap[i])) {
                throw new IncompleteException(String.format(Locale.ROOT, "%s has no AP yet at %s %s (index %d)",
                        what, alongName, fmt(along[i]), i));
            }
        }
    }

    private static String fmt(double v) {
        return Double.toString(v);
    }
}
