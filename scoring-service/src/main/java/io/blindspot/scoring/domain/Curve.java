package io.blindspot.scoring.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Mean AP against one parameter, with a 95% band: Figure 1a / 3a (AP vs intensity, one sigma) and Figure 2 (AP vs
 * sigma, one texture). Points are in the experiment's spec order; a cell with no slice scored yet has no point,
 * so a running experiment's curve has gaps.
 *
 * @param along  {@link #INTENSITY} or {@link #SIGMA}
 * @param grid   every value of that parameter in spec order, scored or not (what a match compares against)
 * @param points the scored cells, by index
 */
public record Curve(String along, double[] grid, List<CurvePoint> points) {
    public static final String INTENSITY = "intensity";
    public static final String SIGMA = "sigma";

    /**
     * The cells of one sigma column, AP against intensity (a model experiment has one sigma: its column 0).
     *
     * @param intensities the experiment's intensities in spec order
     */
    public static Curve alongIntensity(List<Cell> cells, double[] intensities, int sigmaIndex) {
        List<CurvePoint> points = new ArrayList<>();
        for (Cell c : cells) {
            if (c.sigmaIndex() == sigmaIndex && c.intensityIndex() >= 0 && c.intensityIndex() < intensities.length) {
                points.add(CurvePoint.of(intensities[c.intensityIndex()], c.intensityIndex(), c.apMean(), c.apStd(),
                        c.n()));
            }
        }
        return new Curve(INTENSITY, intensities.clone(), sorted(points));
    }

    /**
     * The cells of one intensity row, AP against sigma (a texture has one row: index 0).
     *
     * @param sigmas the experiment's sigmas in spec order
     */
    public static Curve alongSigma(List<Cell> cells, double[] sigmas, int intensityIndex) {
        List<CurvePoint> points = new ArrayList<>();
        for (Cell c : cells) {
            if (c.intensityIndex() == intensityIndex && c.sigmaIndex() >= 0 && c.sigmaIndex() < sigmas.length) {
                points.add(CurvePoint.of(sigmas[c.sigmaIndex()], c.sigmaIndex(), c.apMean(), c.apStd(), c.n()));
            }
        }
        return new Curve(SIGMA, sigmas.clone(), sorted(points));
    }

    private static List<CurvePoint> sorted(List<CurvePoint> points) {
        points.sort(Comparator.comparingInt(CurvePoint::index));
        return List.copyOf(points);
    }

    /** Whether every value of the grid has a point. */
    public boolean complete() {
        return points.size() == grid.length;
    }

    /**
     * Mean AP per grid index, NaN where the cell has no value yet.
     */
    public double[] apByIndex() {
        double[] ap = new double[grid.length];
        java.util.Arrays.fill(ap, Double.NaN);
        for (CurvePoint p : points) {
            ap[p.index()] = p.apMean();
        }
        return ap;
    }

    /** Mean of the points' mean APs (the y of Figure 4b); NaN without points. */
    public double meanAp() {
        if (points.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0.0;
        for (CurvePoint p : points) {
            sum += p.apMean();
        }
        return sum / points.size();
    }
}
