package io.blindspot.scoring.plot;

import io.blindspot.scoring.domain.IntensityHistogram;
import org.jfree.chart.JFreeChart;

/**
 * The experiment-1 figure as the issue asks for it: the paper's heatmap ({@link ApHeatmap}) with the histogram of
 * the slices' brain intensities beside it, intensity vertical in both, because that histogram is the explanation
 * of the blind spot (and shows what equalisation did).
 */
public final class HeatmapFigure {
    public static final int HISTOGRAM_WIDTH = 360;
    public static final int WIDTH = ApHeatmap.WIDTH + HISTOGRAM_WIDTH;
    public static final int HEIGHT = ApHeatmap.HEIGHT;
    static final String HISTOGRAM_TITLE = "Brain intensities";

    private HeatmapFigure() {
    }

    /**
     * @param histogram the slices' brain intensities; null when no slice image is readable (heatmap alone)
     * @see ApHeatmap#chart(String, double[], double[], double[][])
     */
    public static Figure grid(String title, double[] intensities, double[] sigmas, double[][] apMean,
                              IntensityHistogram histogram) {
        return grid(title, intensities, sigmas, apMean, histogram, MetricScale.AP);
    }

    /** {@link #grid(String, double[], double[], double[][], IntensityHistogram)} of any metric. */
    public static Figure grid(String title, double[] intensities, double[] sigmas, double[][] values,
                              IntensityHistogram histogram, MetricScale scale) {
        return withHistogram(ApHeatmap.chart(title, intensities, sigmas, values, scale), histogram);
    }

    /** The one-row heatmap of a texture experiment with its histogram. */
    public static Figure texture(String title, String texture, double[] sigmas, double[] apMean,
                                 IntensityHistogram histogram) {
        return texture(title, texture, sigmas, apMean, histogram, MetricScale.AP);
    }

    /** {@link #texture(String, String, double[], double[], IntensityHistogram)} of any metric. */
    public static Figure texture(String title, String texture, double[] sigmas, double[] values,
                                 IntensityHistogram histogram, MetricScale scale) {
        return withHistogram(ApHeatmap.chart(title, texture, sigmas, values, scale), histogram);
    }

    private static Figure withHistogram(JFreeChart heatmap, IntensityHistogram histogram) {
        if (histogram == null) {
            return Figure.of(heatmap, ApHeatmap.WIDTH, ApHeatmap.HEIGHT);
        }
        return Figure.sideBySide(heatmap, ApHeatmap.WIDTH,
                HistogramChart.chart(HISTOGRAM_TITLE, histogram, true), HISTOGRAM_WIDTH, HEIGHT);
    }
}
