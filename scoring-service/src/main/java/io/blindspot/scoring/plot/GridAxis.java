package io.blindspot.scoring.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One axis of the heatmap: the experiment's parameter values (sigmas or intensities) laid out one block per
 * value in ascending order, so the largest value is on the right (x) or on top (y) whatever order the spec
 * listed them in. Block {@code p} is centred at position {@code p}.
 */
final class GridAxis {
    /** Up to this many blocks every block gets its own label; beyond it labels sit at round values. */
    static final int LABEL_EVERY_BLOCK_UP_TO = 12;

    private final double[] sorted;
    private final int[] positionOfIndex;
    /** The one block's label instead of a number (a texture's name), or null for a numeric axis. */
    private final String name;

    GridAxis(double[] values) {
        this(values, null);
    }

    /** A one-block axis labelled with a name rather than a value: the single row of a texture experiment. */
    static GridAxis named(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a named axis needs a name");
        }
        return new GridAxis(new double[] {0.0}, name);
    }

    private GridAxis(double[] values, String name) {
        this.name = name;
        if (values.length == 0) {
            throw new IllegalArgumentException("an axis needs at least one value");
        }
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        sorted = new double[values.length];
        positionOfIndex = new int[values.length];
        for (int p = 0; p < order.length; p++) {
            sorted[p] = values[order[p]];
            positionOfIndex[order[p]] = p;
        }
    }

    int size() {
        return sorted.length;
    }

    /** Block position of the value at {@code index} in the experiment's list. */
    int position(int index) {
        return positionOfIndex[index];
    }

    /**
     * Where {@code value} falls on the axis, interpolating linearly between the blocks of its neighbours;
     * NaN when outside the values' range.
     */
    double positionOf(double value) {
        if (value < sorted[0] || value > sorted[sorted.length - 1]) {
            return Double.NaN;
        }
        int found = Arrays.binarySearch(sorted, value);
        if (found >= 0) {
            while (found > 0 && sorted[found - 1] == value) {
                found--;
            }
            return found;
        }
        int above = -found - 1;
        int below = above - 1;
        return below + (value - sorted[below]) / (sorted[above] - sorted[below]);
    }

    /** A labelled tick: its position on the axis and the text under it. */
    record Tick(double position, String label) {
    }

    /**
     * Small grids: one tick per block with its exact value. Large grids (100 values in the paper): ticks at
     * about six round values (steps 1, 2, 2.5 or 5 times a power of ten), each placed where that value
     * falls between blocks, so labels read like matplotlib's instead of 0.505, 1.01, ...
     */
    List<Tick> ticks() {
        if (name != null) {
            return List.of(new Tick(0, name));
        }
        List<Tick> ticks = new ArrayList<>();
        double lo = sorted[0];
        double hi = sorted[sorted.length - 1];
        if (sorted.length <= LABEL_EVERY_BLOCK_UP_TO || !(hi > lo)) {
            for (int p = 0; p < sorted.length; p++) {
                if (p == 0 || sorted[p] != sorted[p - 1]) {
                    ticks.add(new Tick(p, format(sorted[p])));
                }
            }
            return ticks;
        }
        double step = niceStep((hi - lo) / 5.0);
        long first = (long) Math.ceil(lo / step - 1e-9);
        long last = (long) Math.floor(hi / step + 1e-9);
        for (long k = first; k <= last; k++) {
            double value = Math.min(hi, Math.max(lo, k * step));
            ticks.add(new Tick(positionOf(value), format(k * step)));
        }
        return ticks;
    }

    private static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double factor : new double[] {1, 2, 2.5, 5}) {
            if (factor * magnitude >= raw * (1 - 1e-9)) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** Three significant digits, no trailing zeros: 0.0101, 0.5, 2. */
    static String format(double value) {
        if (value == 0.0) {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(3, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                .toPlainString();
    }
}
