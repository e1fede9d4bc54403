package io.blindspot.scoring.plot;

import io.blindspot.scoring.domain.Curve;
import io.blindspot.scoring.domain.CurvePoint;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.util.List;

/**
 * Figures 1a, 2 and 3a: mean AP against intensity (models) or sigma (textures), one line per experiment with its
 * 95% confidence band over slices (beyond the paper), and each curve's matched experiment-1 column or row drawn
 * dashed in the same colour.
 */
public final class CurveChart {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 600;
    public static final String INTENSITY_LABEL = "Anomaly intensity";
    public static final String SIGMA_LABEL = "σ (Gaussian blur)";
    /** Band opacity: light enough that overlapping bands of several curves stay readable. */
    static final int BAND_ALPHA = 50;

    private CurveChart() {
    }

    /**
     * A curve to draw.
     *
     * @param label   legend text (experiment or model name)
     * @param curve   its points
     * @param matched the matched reference column/row, or null
     */
    public record Series(String label, Curve curve, Matched matched) {
    }

    /**
     * A matched experiment-1 column or row, along the curve's grid.
     *
     * @param label legend text, e.g. "exp1 σ = 1.26 (matched)"
     * @param x     the curve's grid values
     * @param ap    the reference's mean AP at each x
     */
    public record Matched(String label, double[] x, double[] ap) {
    }

    /**
     * A horizontal line across the plot: the chance level of the metric drawn (AP: the slices' lesion prevalence),
     * an audit's threshold.
     *
     * @param label the line's text, e.g. "chance (prevalence) 0.0266"
     */
    public record Level(double value, String label, boolean dotted) {
    }

    /**
     * @param along {@link Curve#INTENSITY} or {@link Curve#SIGMA}: the x axis
     */
    public static JFreeChart chart(String title, String along, List<Series> series) {
        return Styles.chart(title, plot(along, series), true);
    }

    /**
     * {@link #chart(String, String, List)} of any metric ({@code ?metric=}): the y axis labelled and ranged by
     * {@code scale}, with horizontal {@code levels} (the chance level: a random score's value).
     */
    public static JFreeChart chart(String title, String along, List<Series> series, MetricScale scale,
                                   List<Level> levels) {
        XYPlot plot = plot(new NumberAxis(xLabel(along)), series, scale);
        levels(plot, levels);
        return Styles.chart(title, plot, true);
    }

    /** Draws each level as a horizontal grey line with its label at the right end (NaN levels are left out). */
    static void levels(XYPlot plot, List<Level> levels) {
        for (Level level : levels) {
            if (Double.isNaN(level.value())) {
                continue;
            }
            ValueMarker line = new ValueMarker(level.value(), level.dotted() ? Color.GRAY : Color.DARK_GRAY,
                    level.dotted() ? Styles.THIN_DOTTED : Styles.THIN_DASHED);
            line.setLabel(level.label());
            line.setLabelFont(Styles.TICK_FONT);
            line.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
            line.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            plot.addRangeMarker(line);
        }
    }

    /** The axis label for a curve's parameter. */
    public static String xLabel(String along) {
        return Curve.SIGMA.equals(along) ? SIGMA_LABEL : INTENSITY_LABEL;
    }

    /** The plot of {@link #chart}, for figures that add to it (the audit's shaded blind spots). */
    static XYPlot plot(String along, List<Series> series) {
        return plot(new NumberAxis(xLabel(along)), series);
    }

    static XYPlot plot(NumberAxis xAxis, List<Series> series) {
        return plot(xAxis, series, MetricScale.AP);
    }

    static XYPlot plot(NumberAxis xAxis, List<Series> series, MetricScale scale) {
        YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
        XYSeriesCollection matched = new XYSeriesCollection();
        DeviationRenderer bandRenderer = new DeviationRenderer(true, true);
        bandRenderer.setAlpha(BAND_ALPHA / 255f);
        XYLineAndShapeRenderer matchedRenderer = new XYLineAndShapeRenderer(true, false);
        int matchedCount = 0;
        for (int s = 0; s < series.size(); s++) {
            Series one = series.get(s);
            Color colour = Palette.color(s);
            YIntervalSeries line = new YIntervalSeries(uniqueKey(one.label(), String.valueOf(s + 1), s, bands),
                    false, true);
            for (CurvePoint p : one.curve().points()) {
                // No band below two slices: the band collapses onto the line instead of claiming a spread.
                double low = p.ciLow() == null ? p.apMean() : p.ciLow();
                double high = p.ciHigh() == null ? p.apMean() : p.ciHigh();
                line.add(p.x(), p.apMean(), low, high);
            }
            bands.addSeries(line);
            bandRenderer.setSeriesPaint(s, colour);
            bandRenderer.setSeriesFillPaint(s, colour);
            bandRenderer.setSeriesStroke(s, Styles.LINE);
            bandRenderer.setSeriesShape(s, new Ellipse2D.Double(-3, -3, 6, 6));
            if (one.matched() != null) {
                XYSeries m = new XYSeries(uniqueKey(one.matched().label(), one.label(), s, matched), true, true);
                for (int i = 0; i < one.matched().x().length; i++) {
                    if (!Double.isNaN(one.matched().ap()[i])) {
                        m.add(one.matched().x()[i], one.matched().ap()[i]);
                    }
                }
                matched.addSeries(m);
                matchedRenderer.setSeriesPaint(matchedCount, colour);
                matchedRenderer.setSeriesStroke(matchedCount, Styles.DASHED);
                matchedCount++;
            }
        }
        Styles.axis(xAxis);
        xAxis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(bands, xAxis, Styles.metricAxis(scale), bandRenderer);
        plot.setDataset(1, matched);
        plot.setRenderer(1, matchedRenderer);
        Styles.plot(plot);
        return plot;
    }

    /**
     * Series keys must differ within a dataset: two experiments may share a name, two curves may match the same
     * column. A repeated label gets {@code suffix} (and, should that repeat too, the curve's number).
     */
    private static String uniqueKey(String label, String suffix, int s, XYDataset existing) {
        if (!contains(existing, label)) {
            return label;
        }
        String withSuffix = label + " (" + suffix + ")";
        return contains(existing, withSuffix) ? withSuffix + " " + (s + 1) : withSuffix;
    }

    private static boolean contains(XYDataset dataset, String key) {
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            if (dataset.getSeriesKey(i).equals(key)) {
                return true;
            }
        }
        return false;
    }
}
