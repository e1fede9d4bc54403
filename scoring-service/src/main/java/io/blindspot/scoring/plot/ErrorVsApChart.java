package io.blindspot.scoring.plot;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.XYItemLabelGenerator;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.List;

/**
 * Figure 4b: mean reconstruction error against mean AP, one labelled point per model. The paper's claim is that
 * the two do not go together: a better reconstruction need not find more anomalies.
 */
public final class ErrorVsApChart {
    public static final int WIDTH = 800;
    public static final int HEIGHT = 600;
    public static final String X_LABEL = "Mean reconstruction error (mean residual)";
    public static final String Y_LABEL = "Mean AP";

    private ErrorVsApChart() {
    }

    /** One point: its label (the reconstructor) and coordinates. */
    public record Point(String label, double meanResidual, double meanAp) {
    }

    public static JFreeChart chart(String title, List<Point> points) {
        XYSeries series = new XYSeries("models", false, true);
        for (Point p : points) {
            series.add(p.meanResidual(), p.meanAp());
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setSeriesPaint(0, Palette.color(0));
        renderer.setSeriesShape(0, new Ellipse2D.Double(-5, -5, 10, 10));
        // Items keep insertion order (autoSort off), so item i is points.get(i).
        XYItemLabelGenerator labels = (dataset, s, item) -> points.get(item).label();
        renderer.setDefaultItemLabelGenerator(labels);
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(Styles.TICK_FONT);
        NumberAxis x = new NumberAxis(X_LABEL);
        Styles.axis(x);
        x.setNumberFormatOverride(new DecimalFormat("0.0####", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        double lo = points.stream().mapToDouble(Point::meanResidual).min().orElse(0.0);
        double hi = points.stream().mapToDouble(Point::meanResidual).max().orElse(1.0);
        // Room for the labels at both ends; one point (or equal errors) still gets an axis of some width.
        double pad = hi > lo ? 0.15 * (hi - lo) : Math.max(Math.abs(lo) * 0.1, 1e-3);
        x.setRange(Math.max(0.0, lo - pad), hi + pad);
        NumberAxis ap = Styles.apAxis(Y_LABEL);
        ap.setRange(-0.02, 1.08); // room above AP 1 for a point's label
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), x, ap, renderer);
        Styles.plot(plot);
        return Styles.chart(title, plot, false);
    }
}
