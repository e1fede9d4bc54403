package io.blindspot.scoring.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link GridMatch} at the edge of the reference grid: the matched sigma (or intensity) is the first or the last
 * value tried, so the match only bounds the curve ("blurrier than every sigma here"), and a grid reaching beyond
 * that edge is suggested to run instead.
 *
 * <p>The suggestion (decided here, pinned by {@code GridEdgeTest}): the reference grid followed, beyond the edge,
 * by as many new values as the grid has steps (n − 1), spaced by the grid's own spacing, so that the old edge
 * sits in the middle of the new range:
 * <ul>
 *   <li>an evenly spaced grid (every step equal to the first within {@link #RELATIVE_TOLERANCE} of the span, as
 *       {@code linspace} writes it) continues with its step: {@code linspace(0, 5, 100)} matched at 5 suggests
 *       {@code linspace(0, 10, 199)};</li>
 *   <li>a geometric grid (every value above 0, every ratio equal to the first within the tolerance) continues
 *       with its ratio: [0.5, 1, 2, 4] matched at 4 suggests [0.5, 1, 2, 4, 8, 16, 32];</li>
 *   <li>any other grid continues with the step between the edge value and its neighbour: [0, 0.5, 1, 2, 5]
 *       matched at 5 suggests [0, 0.5, 1, 2, 5, 8, 11, 14, 17].</li>
 * </ul>
 * New values outside what a spec accepts (sigma ≥ 0, intensity in [0, 1]) are left out, and the whole grid is cut
 * to the spec's {@link #MAX_VALUES}. When none is left (a match at sigma 0, or at intensity 0 or 1: the edge is the
 * end of the scale) there is no suggestion and the note says so. A grid of one value is at both edges; it has no
 * step, so it gets no suggestion either.
 *
 * @param side          {@link #FIRST} or {@link #LAST} value of the grid in spec order, or {@link #ONLY} (a one-value
 *                      grid); which way "beyond" goes follows the values, and {@code note} says it
 * @param note          the direction in words: "above the largest σ tried", "below the smallest intensity tried",
 *                      with the end of the scale named where nothing lies beyond
 * @param suggestedGrid the grid to run instead (the reference's values plus the extension); null when none
 * @param suggestedSpec the same as a spec writes it: {@code {"linspace": [0, 10, 199]}} for an evenly spaced grid,
 *                      else the list of values (12 significant digits); null when none
 */
public record GridEdge(String side, String note, double[] suggestedGrid, String suggestedSpec) {
    public static final String FIRST = "first";
    public static final String LAST = "last";
    public static final String ONLY = "only";
    /** A spec's sigmas or intensities hold at most this many values. */
    public static final int MAX_VALUES = 10_000;
    /** Steps (or ratios) equal to this fraction of the span (or ratio) count as equal. */
    public static final double RELATIVE_TOLERANCE = 1e-9;

    /**
     * The edge of a match, or null when the match lies strictly inside the grid.
     *
     * @param matchedBy {@link Curve#SIGMA} or {@link Curve#INTENSITY}: what the grid holds
     * @param index     the matched index
     * @param grid      the reference's values along the match (its sigmas, or its intensities), in spec order
     */
    public static GridEdge of(String matchedBy, int index, double[] grid) {
        int n = grid.length;
        if (index < 0 || index >= n) {
            throw new IllegalArgumentException("index " + index + " outside a grid of " + n + " values");
        }
        boolean sigma = Curve.SIGMA.equals(matchedBy);
        String symbol = sigma ? "σ" : "intensity";
        if (n == 1) {
            return new GridEdge(ONLY, "the only " + symbol + " tried: the match compares nothing", null, null);
        }
        boolean high;
        if (index == n - 1) {
            high = true;
        } else if (index == 0) {
            high = false;
        } else {
            return null;
        }
        // Spec order need not be ascending: the direction follows the values, not the index.
        double edge = grid[index];
        double neighbour = grid[high ? n - 2 : 1];
        boolean above = edge > neighbour;
        String direction = above ? "above the largest " + symbol + " tried" : "below the smallest " + symbol
                + " tried";
        List<Double> extension = extension(grid, high, sigma);
        if (extension.isEmpty()) {
            return new GridEdge(high ? LAST : FIRST, direction + " (" + symbol + " = " + plain(edge)
                    + " ends the scale: nothing to run beyond it)", null, null);
        }
        double[] suggested = new double[n + extension.size()];
        if (high) {
            System.arraycopy(grid, 0, suggested, 0, n);
            for (int k = 0; k < extension.size(); k++) {
                suggested[n + k] = extension.get(k);
            }
        } else {
            for (int k = 0; k < extension.size(); k++) {
                suggested[extension.size() - 1 - k] = extension.get(k);
            }
            System.arraycopy(grid, 0, suggested, extension.size(), n);
        }
        return new GridEdge(high ? LAST : FIRST, direction, suggested, spec(suggested, evenStep(grid)));
    }

    /** @return the new values beyond the edge, nearest first */
    private static List<Double> extension(double[] grid, boolean high, boolean sigma) {
        int n = grid.length;
        int count = Math.min(n - 1, MAX_VALUES - n);
        double edge = grid[high ? n - 1 : 0];
        double neighbour = grid[high ? n - 2 : 1];
        Double step = evenStep(grid);
        Double ratio = step == null ? ratio(grid) : null;
        List<Double> out = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            double v;
            if (step != null) {
                v = edge + (high ? k : -k) * step;
            } else if (ratio != null) {
                v = edge * Math.pow(high ? ratio : 1.0 / ratio, k);
            } else {
                v = edge + k * (edge - neighbour);
            }
            if (Math.abs(v) < 1e-12 * Math.max(1.0, Math.abs(edge))) {
                v = 0.0; // an evenly spaced grid stepping down onto 0 lands there up to rounding
            }
            if (!sigma && Math.abs(v - 1.0) < 1e-12) {
                v = 1.0;
            }
            if (v < 0 || (!sigma && v > 1)) {
                break; // outside the scale, and every later value further out
            }
            out.add(v);
        }
        return out;
    }

    /** The common step of an evenly spaced grid (signed, as spec order runs), or null. */
    static Double evenStep(double[] grid) {
        int n = grid.length;
        if (n < 2) {
            return null;
        }
        double step = (grid[n - 1] - grid[0]) / (n - 1);
        double tolerance = RELATIVE_TOLERANCE * Math.max(Math.abs(grid[n - 1] - grid[0]), 1e-300);
        if (step == 0) {
            return null;
        }
        for (int i = 1; i < n; i++) {
            if (Math.abs(grid[i] - grid[i - 1] - step) > tolerance) {
                return null;
            }
        }
        return step;
    }

    /** The common ratio of a geometric grid of positive values, or null. */
    static Double ratio(double[] grid) {
        for (double v : grid) {
            if (!(v > 0)) {
                return null;
            }
        }
        double ratio = grid[1] / grid[0];
        if (ratio == 1.0) {
            return null;
        }
        for (int i = 2; i < grid.length; i++) {
            if (Math.abs(grid[i] / grid[i - 1] - ratio) > RELATIVE_TOLERANCE * ratio) {
                return null;
            }
        }
        return ratio;
    }

    private static String spec(double[] values, Double step) {
        if (step != null && values.length > 2) {
            return "{\"linspace\": [" + plain(values[0]) + ", " + plain(values[values.length - 1]) + ", "
                    + values.length + "]}";
        }
        List<String> parts = new ArrayList<>();
        for (double v : values) {
            parts.add(plain(v));
        }
        return "[" + String.join(", ", parts) + "]";
    }

    /** 12 significant digits, no exponent, no trailing zeros: 10, 0.5, 5.05050505051. */
    static String plain(double v) {
        if (v == 0.0) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(12, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                .toPlainString();
    }
}
