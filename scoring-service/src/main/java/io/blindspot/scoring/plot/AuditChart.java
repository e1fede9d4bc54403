package io.blindspot.scoring.plot;

import io.blindspot.scoring.domain.BlindSpots;
import io.blindspot.scoring.domain.IntensityHistogram;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;

import java.awt.Color;
import java.util.List;

/**
 * The blind-spot audit's figure (beyond the paper): the model's AP against intensity in both modes with 95%
 * bands, each mode's matched experiment-1 sigma column dashed, the intensities where AP stays below the threshold
 * shaded in the mode's colour, the threshold as a line; and under it, on the same intensity axis, the histogram
 * of normal brain intensities, so a blind spot can be read against where normal tissue lies.
 */
public final class AuditChart {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 820;
    static final int SHADE_ALPHA = 40;

    private AuditChart() {
    }

    /**
     * @param series     one per mode present (normal-rec, anomal-rec), with its matched column or null
     * @param blindSpots per series (same order), the intervals below the threshold
     * @param threshold  the audit's AP threshold
     * @param histogram  normal brain intensities; null when not available yet
     */
    public static JFreeChart chart(String title, List<CurveChart.Series> series,
                                   List<List<BlindSpots.Interval>> blindSpots, double threshold,
                                   IntensityHistogram histogram) {
        return chart(title, series, blindSpots, MetricScale.AP,
                List.of(new CurveChart.Level(threshold, "threshold " + threshold, false)), histogram);
    }

    /**
     * The audit's figure on the metric its rule judges (issue 14): the curves on {@code scale}, the blind spots
     * shaded, and the horizontal {@code levels}: the threshold (dashed; for a rule against chance, the multiple
     * of the chance level) and the metric's chance level (dotted; AP: the lesion prevalence).
     */
    public static JFreeChart chart(String title, List<CurveChart.Series> series,
                                   List<List<BlindSpots.Interval>> blindSpots, MetricScale scale,
                                   List<CurveChart.Level> levels, IntensityHistogram histogram) {
        NumberAxis intensity = new NumberAxis(CurveChart.INTENSITY_LABEL);
        intensity.setRange(0.0, 1.0);
        Styles.axis(intensity);
        XYPlot curves = CurveChart.plot(new NumberAxis(CurveChart.INTENSITY_LABEL), series, scale);
        for (int s = 0; s < blindSpots.size(); s++) {
            Color colour = Palette.color(s);
            for (BlindSpots.Interval run : blindSpots.get(s)) {
                // A run of one intensity is a point; widen it to a visible sliver rather than drop it.
                double low = run.low();
                double high = Math.max(run.high(), run.low() + 0.004);
                IntervalMarker shade = new IntervalMarker(low, high, Palette.translucent(colour, SHADE_ALPHA));
                plotShade(curves, shade);
            }
        }
        CurveChart.levels(curves, levels);

        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(intensity);
        combined.setGap(12);
        combined.add(curves, 3);
        if (histogram != null) {
            combined.add(HistogramChart.plot(histogram, new NumberAxis(HistogramChart.INTENSITY_LABEL)), 1);
        }
        JFreeChart chart = new JFreeChart(title, Styles.TITLE_FONT, combined, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(Styles.TICK_FONT);
        return chart;
    }

    private static void plotShade(XYPlot plot, IntervalMarker shade) {
        plot.addDomainMarker(shade, Layer.BACKGROUND);
    }
}
