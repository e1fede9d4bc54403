package io.blindspot.scoring.plot;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;

/** Fonts, strokes and the plain white look shared by every figure. */
final class Styles {
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Stroke LINE = new BasicStroke(2.0f);
    static final Stroke DASHED = new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {7f, 5f}, 0f);
    static final Stroke THIN_DASHED = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {5f, 4f}, 0f);
    static final Stroke THIN = new BasicStroke(1.2f);
    static final Stroke THIN_DOTTED = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {2f, 3f}, 0f);

    private Styles() {
    }

    static void axis(ValueAxis axis) {
        axis.setLabelFont(LABEL_FONT);
        axis.setTickLabelFont(TICK_FONT);
    }

    /** An AP axis over [0, 1] with a little room so points at 0 and 1 are not cut by the frame. */
    static NumberAxis apAxis(String label) {
        NumberAxis ap = new NumberAxis(label);
        ap.setRange(-0.02, 1.02);
        axis(ap);
        return ap;
    }

    /** The value axis of a metric: its label, its range with the same 2% margin as AP's. */
    static NumberAxis metricAxis(MetricScale scale) {
        NumberAxis axis = new NumberAxis(scale.label());
        double margin = 0.02 * (scale.high() - scale.low());
        axis.setRange(scale.low() - margin, scale.high() + margin);
        axis(axis);
        return axis;
    }

    static void plot(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setOutlinePaint(Color.DARK_GRAY);
    }

    static JFreeChart chart(String title, XYPlot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        if (legend) {
            chart.getLegend().setItemFont(TICK_FONT);
        }
        return chart;
    }
}
