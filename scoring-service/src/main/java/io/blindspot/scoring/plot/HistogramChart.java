package io.blindspot.scoring.plot;

import io.blindspot.scoring.domain.IntensityHistogram;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

import java.awt.Color;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The histogram of the slices' brain intensities (pixels > 0) with its 5/50/95% quantiles marked: the figure
 * that explains a blind spot. Drawn with intensity vertical beside a heatmap (whose intensity axis is vertical)
 * and horizontal under a curve.
 */
public final class HistogramChart {
    static final Color BARS = new Color(0x7f, 0x7f, 0x7f);
    static final Color QUANTILE = new Color(0x33, 0x33, 0x33);
    static final String INTENSITY_LABEL = "Brain intensity (pixels > 0)";

    private HistogramChart() {
    }

    /**
     * @param title     chart title (e.g. "Brain intensities")
     * @param histogram the histogram and its quantiles
     * @param vertical  intensity on the vertical axis (beside a heatmap) rather than the horizontal one
     */
    public static JFreeChart chart(String title, IntensityHistogram histogram, boolean vertical) {
        XYPlot plot = plot(histogram, new NumberAxis(INTENSITY_LABEL));
        plot.setOrientation(vertical ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL);
        if (vertical) {
            // Quantile lines run across: their labels sit above the line at the right, inside the plot.
            for (Object marker : plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND)) {
                ((ValueMarker) marker).setLabelAnchor(RectangleAnchor.RIGHT);
                ((ValueMarker) marker).setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            }
        }
        return Styles.chart(title, plot, false);
    }

    /**
     * The histogram's plot over a given intensity axis (the audit figure shares its curves' axis).
     * Counts are drawn as bars from each bin's left to right edge; quantiles as labelled lines.
     */
    static XYPlot plot(IntensityHistogram histogram, NumberAxis intensityAxis) {
        XYIntervalSeries bars = new XYIntervalSeries("pixels");
        long[] counts = histogram.counts();
        double[] edges = histogram.edges();
        for (int i = 0; i < counts.length; i++) {
            double centre = (edges[i] + edges[i + 1]) / 2;
            bars.add(centre, edges[i], edges[i + 1], counts[i], 0, counts[i]);
        }
        XYIntervalSeriesCollection dataset = new XYIntervalSeriesCollection();
        dataset.addSeries(bars);
        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setSeriesPaint(0, BARS);
        renderer.setSeriesVisibleInLegend(0, false);

        intensityAxis.setRange(0.0, 1.0);
        Styles.axis(intensityAxis);
        NumberAxis pixels = new NumberAxis("pixels");
        Styles.axis(pixels);
        XYPlot plot = new XYPlot(dataset, intensityAxis, pixels, renderer);
        Styles.plot(plot);
        for (int q = 0; q < histogram.levels().length; q++) {
            double level = histogram.levels()[q];
            double value = histogram.quantiles()[q];
            if (Double.isNaN(value) || (level != 0.05 && level != 0.5 && level != 0.95)) {
                continue; // 25/75% are in the JSON; three lines are what the eye can take
            }
            ValueMarker marker = new ValueMarker(value, QUANTILE, level == 0.5 ? Styles.THIN : Styles.THIN_DASHED);
            marker.setLabel(percent(level) + " " + round(value));
            marker.setLabelFont(Styles.TICK_FONT);
            marker.setLabelPaint(QUANTILE);
            marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(marker);
        }
        return plot;
    }

    static String percent(double level) {
        return Math.round(level * 100) + "%";
    }

    /** Two decimals, enough to read an intensity off a 0–1 axis. */
    static String round(double value) {
        return new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
