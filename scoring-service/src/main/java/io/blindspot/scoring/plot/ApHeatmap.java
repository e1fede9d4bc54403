package io.blindspot.scoring.plot;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The paper's experiment-1 figure: mean AP per (intensity, sigma) cell as a heatmap, sigma on x, intensity
 * on y with the highest intensity on top, one block per cell (nearest, no smoothing), colormap coolwarm,
 * colour bar 0–1, and the paper's dashed line at sigma 0.25. Cells without a value yet are near-white. Any other
 * metric ({@code ?metric=}) is drawn the same way on its own {@link MetricScale}: colour bar labelled with it.
 *
 * <p>A texture experiment (experiment 2: one variant per slice, no intensity) is the same figure with a single
 * row, its tick labelled with the texture's name ({@link #png(String, String, double[], double[])}).
 */
public final class ApHeatmap {
    public static final int WIDTH = 800;
    public static final int HEIGHT = 640;
    /** The paper's figure marks this sigma with a dashed vertical line. */
    static final double MARKED_SIGMA = 0.25;

    static {
        // Rendered on a server: never try to reach a display, whatever DISPLAY says.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private ApHeatmap() {
    }

    /**
     * @param title       the experiment's name
     * @param intensities the experiment's intensities, in spec order
     * @param sigmas      the experiment's sigmas, in spec order
     * @param apMean      [intensity index][sigma index] mean AP; NaN where the cell has no value yet
     * @return a WIDTH x HEIGHT PNG
     */
    public static byte[] png(String title, double[] intensities, double[] sigmas, double[][] apMean) {
        return encode(chart(title, intensities, sigmas, apMean));
    }

    /** {@link #png(String, double[], double[], double[][])} of any metric: its colour bar and range. */
    public static byte[] png(String title, double[] intensities, double[] sigmas, double[][] values,
                             MetricScale scale) {
        return encode(chart(title, intensities, sigmas, values, scale));
    }

    private static byte[] encode(JFreeChart chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode heatmap PNG", e);
        }
        return out.toByteArray();
    }

    /**
     * The one-row heatmap of a texture experiment.
     *
     * @param title   the experiment's name
     * @param texture the anomaly type, the row's label (pixel-shuffle, sink, source)
     * @param sigmas  the experiment's sigmas, in spec order
     * @param apMean  [sigma index] mean AP; NaN where the cell has no value yet
     * @return a WIDTH x HEIGHT PNG
     */
    public static byte[] png(String title, String texture, double[] sigmas, double[] apMean) {
        return encode(chart(title, texture, sigmas, apMean));
    }

    /** The chart of {@link #png(String, String, double[], double[])}. */
    public static JFreeChart chart(String title, String texture, double[] sigmas, double[] apMean) {
        return chart(title, texture, sigmas, apMean, MetricScale.AP);
    }

    /** {@link #chart(String, String, double[], double[])} of any metric. */
    public static JFreeChart chart(String title, String texture, double[] sigmas, double[] values, MetricScale scale) {
        return chart(title, GridAxis.named(texture), "Anomaly", sigmas, new double[][] {values}, scale);
    }

    /** The chart itself (exposed so tests can locate cells in the rendered image). */
    public static JFreeChart chart(String title, double[] intensities, double[] sigmas, double[][] apMean) {
        return chart(title, intensities, sigmas, apMean, MetricScale.AP);
    }

    /**
     * The heatmap of any metric: the colour bar is labelled with the scale's label and spans its range (coolwarm
     * over [low, high]; values outside are clipped to the end colours, as matplotlib does).
     */
    public static JFreeChart chart(String title, double[] intensities, double[] sigmas, double[][] values,
                                   MetricScale scale) {
        if (values.length != intensities.length) {
            throw new IllegalArgumentException(values.length + " rows of AP for " + intensities.length
                    + " intensities");
        }
        return chart(title, new GridAxis(intensities), "Anomaly intensity", sigmas, values, scale);
    }

    private static JFreeChart chart(String title, GridAxis y, String yLabel, double[] sigmas, double[][] apMean,
                                    MetricScale metric) {
        GridAxis x = new GridAxis(sigmas);
        int rows = y.size();

        int cells = rows * sigmas.length;
        double[][] xyz = new double[3][cells];
        int item = 0;
        for (int i = 0; i < rows; i++) {
            if (apMean[i].length != sigmas.length) {
                throw new IllegalArgumentException("AP row " + i + " has " + apMean[i].length + " values for "
                        + sigmas.length + " sigmas");
            }
            for (int j = 0; j < sigmas.length; j++) {
                xyz[0][item] = x.position(j);
                xyz[1][item] = y.position(i);
                xyz[2][item] = apMean[i][j];
                item++;
            }
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("AP", xyz);

        Coolwarm scale = new Coolwarm(metric.low(), metric.high());
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setBlockWidth(1.0);
        renderer.setBlockHeight(1.0);
        renderer.setBlockAnchor(RectangleAnchor.CENTER);
        renderer.setPaintScale(scale);

        GridValueAxis sigmaAxis = new GridValueAxis("σ (Gaussian blur)", x);
        GridValueAxis intensityAxis = new GridValueAxis(yLabel, y);
        for (NumberAxis axis : new NumberAxis[] {sigmaAxis, intensityAxis}) {
            axis.setLabelFont(LABEL_FONT);
            axis.setTickLabelFont(TICK_FONT);
        }
        XYPlot plot = new XYPlot(dataset, sigmaAxis, intensityAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlineVisible(true);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        double marked = x.positionOf(MARKED_SIGMA);
        if (sigmas.length > 1 && !Double.isNaN(marked)) {
            ValueMarker marker = new ValueMarker(marked, Color.BLACK, new BasicStroke(1.5f,
                    BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            plot.addDomainMarker(marker);
        }

        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        NumberAxis apAxis = new NumberAxis(metric.label());
        apAxis.setRange(metric.low(), metric.high());
        apAxis.setTickUnit(new NumberTickUnit(metric.tick()));
        apAxis.setLabelFont(LABEL_FONT);
        apAxis.setTickLabelFont(TICK_FONT);
        PaintScaleLegend legend = new PaintScaleLegend(scale, apAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        legend.setSubdivisionCount(256);
        legend.setStripWidth(18);
        legend.setMargin(new RectangleInsets(10, 12, 10, 10));
        legend.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(legend);
        return chart;
    }
}
