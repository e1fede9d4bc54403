package io.blindspot.scoring.plot;

import org.jfree.chart.renderer.PaintScale;

import java.awt.Color;
import java.awt.Paint;
import java.io.Serializable;

/**
 * matplotlib's {@code coolwarm} colormap (Moreland's diverging blue–grey–red map), the colormap of the paper's
 * figure, as a JFreeChart paint scale over [lower, upper] (AP: [0, 1]).
 *
 * <p>Built from matplotlib's own 33 control points (every 1/32), interpolated linearly per channel; matplotlib
 * itself samples the same segments into a 256-entry table, so colours agree to within one table step.
 * NaN (a cell not scored yet) is drawn almost white: lighter than the map's own grey middle (0.865), so a
 * missing cell is not mistaken for AP 0.5.
 */
public final class Coolwarm implements PaintScale, Serializable {
    /** Colour of a cell without a value yet; distinct from coolwarm's grey middle (220, 220, 220). */
    public static final Color MISSING = new Color(0xF2, 0xF2, 0xF2);

    /** matplotlib {@code _cm._coolwarm_data}: red, green, blue at fraction i / 32. */
    private static final double[][] CONTROL_POINTS = {
        {0.2298057, 0.298717966, 0.753683153},
        {0.26623388, 0.353094838, 0.801466763},
        {0.30386891, 0.406535296, 0.84495867},
        {0.342804478, 0.458757618, 0.883725899},
        {0.38301334, 0.50941904, 0.917387822},
        {0.424369608, 0.558148092, 0.945619588},
        {0.46666708, 0.604562568, 0.968154911},
        {0.509635204, 0.648280772, 0.98478814},
        {0.552953156, 0.688929332, 0.995375608},
        {0.596262162, 0.726149107, 0.999836203},
        {0.639176211, 0.759599947, 0.998151185},
        {0.681291281, 0.788964712, 0.990363227},
        {0.722193294, 0.813952739, 0.976574709},
        {0.761464949, 0.834302879, 0.956945269},
        {0.798691636, 0.849786142, 0.931688648},
        {0.833466556, 0.860207984, 0.901068838},
        {0.865395197, 0.86541021, 0.865395561},
        {0.897787179, 0.848937047, 0.820880546},
        {0.924127593, 0.827384882, 0.774508472},
        {0.944468518, 0.800927443, 0.726736146},
        {0.958852946, 0.769767752, 0.678007945},
        {0.96732803, 0.734132809, 0.628751763},
        {0.969954137, 0.694266682, 0.579375448},
        {0.966811177, 0.650421156, 0.530263762},
        {0.958003065, 0.602842431, 0.481775914},
        {0.943660866, 0.551750968, 0.434243684},
        {0.923944917, 0.49730856, 0.387970225},
        {0.89904617, 0.439559467, 0.343229596},
        {0.869186849, 0.378313092, 0.300267182},
        {0.834620542, 0.312874446, 0.259301199},
        {0.795631745, 0.24128379, 0.220525627},
        {0.752534934, 0.157246067, 0.184115123},
        {0.705673158, 0.01555616, 0.150232812},
    };

    private final double lower;
    private final double upper;

    /** The scale the AP heatmap uses: 0 is blue, 1 red. */
    public Coolwarm() {
        this(0.0, 1.0);
    }

    public Coolwarm(double lower, double upper) {
        if (!(upper > lower)) {
            throw new IllegalArgumentException("upper bound " + upper + " must exceed lower bound " + lower);
        }
        this.lower = lower;
        this.upper = upper;
    }

    /**
     * Red, green and blue in [0, 1] at {@code fraction} of the map; fractions outside [0, 1] are clamped,
     * as matplotlib clips values outside the norm's range to the end colours.
     */
    public static double[] rgb(double fraction) {
        if (Double.isNaN(fraction)) {
            throw new IllegalArgumentException("fraction is NaN");
        }
        double clamped = Math.min(1.0, Math.max(0.0, fraction));
        int last = CONTROL_POINTS.length - 1;
        double position = clamped * last;
        int below = Math.min((int) Math.floor(position), last - 1);
        double t = position - below;
        double[] a = CONTROL_POINTS[below];
        double[] b = CONTROL_POINTS[below + 1];
        double[] rgb = new double[3];
        for (int c = 0; c < 3; c++) {
            // At t == 0 or t == 1 this returns the control point itself, so the ends are exact.
            rgb[c] = t == 1.0 ? b[c] : a[c] + t * (b[c] - a[c]);
        }
        return rgb;
    }

    /** The colour at {@code fraction} of the map (see {@link #rgb(double)}). */
    public static Color color(double fraction) {
        double[] rgb = rgb(fraction);
        return new Color((float) rgb[0], (float) rgb[1], (float) rgb[2]);
    }

    @Override
    public double getLowerBound() {
        return lower;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    @Override
    public Paint getPaint(double value) {
        if (Double.isNaN(value)) {
            return MISSING;
        }
        return color((value - lower) / (upper - lower));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Coolwarm other && other.lower == lower && other.upper == upper;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(lower) * 31 + Double.hashCode(upper);
    }
}
