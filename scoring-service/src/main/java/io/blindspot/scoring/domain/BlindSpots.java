package io.blindspot.scoring.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The blind spot of a model (beyond the paper): the intensities at which an anomaly is missed, i.e. the maximal
 * runs of CONSECUTIVE intensities (in ascending order) whose mean AP is below a threshold. Each run is reported as
 * [lowest, highest] intensity of the run, both scored below the threshold; the true edge lies somewhere between
 * a run's end and its neighbour, which the grid does not resolve. A cell without a value (NaN) ends a run: no
 * claim is made about what was not measured.
 */
public final class BlindSpots {
    private BlindSpots() {
    }

    /** A run of intensities, both ends inclusive. */
    public record Interval(double low, double high) {
    }

    /**
     * @param intensities the curve's intensities, any order
     * @param ap          mean AP per intensity (same order); NaN where not scored yet
     * @param threshold   AP strictly below this counts as missed (0.5 in the audit by default)
     */
    public static List<Interval> below(double[] intensities, double[] ap, double threshold) {
        if (intensities.length != ap.length) {
            throw new IllegalArgumentException(ap.length + " APs for " + intensities.length + " intensities");
        }
        int[] order = IntStream.range(0, intensities.length).boxed()
                .sorted(Comparator.comparingDouble(i -> intensities[i])).mapToInt(Integer::intValue).toArray();
        List<Interval> runs = new ArrayList<>();
        int start = -1;
        for (int k = 0; k <= order.length; k++) {
            boolean inside = k < order.length && ap[order[k]] < threshold; // NaN < t is false: a gap ends a run
            if (inside && start < 0) {
                start = k;
            } else if (!inside && start >= 0) {
                runs.add(new Interval(intensities[order[start]], intensities[order[k - 1]]));
                start = -1;
            }
        }
        return List.copyOf(runs);
    }

    /**
     * {@link #below(double[], double[], double)} with a threshold per intensity (same order): AP against a multiple
     * of each cell's chance level. A NaN threshold (chance level unknown) ends a run like a NaN value.
     */
    public static List<Interval> below(double[] intensities, double[] values, double[] thresholds) {
        if (thresholds.length != values.length) {
            throw new IllegalArgumentException(thresholds.length + " thresholds for " + values.length + " values");
        }
        double[] margin = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            margin[i] = values[i] - thresholds[i];      // NaN if either is: not inside
        }
        return below(intensities, margin, 0.0);
    }

    /** {@link #below(double[], double[], double)} of a curve along intensity. */
    public static List<Interval> below(Curve curve, double threshold) {
        if (!Curve.INTENSITY.equals(curve.along())) {
            throw new IllegalArgumentException("a blind spot is a range of intensities; this curve runs along "
                    + curve.along());
        }
        return below(curve.grid(), curve.apByIndex(), threshold);
    }
}
