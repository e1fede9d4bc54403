package io.blindspot.scoring.plot;

import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class ApHeatmapTest {
    private static final double[] INTENSITIES = {0.0, 0.5, 1.0};
    private static final double[] SIGMAS = {0.0, 0.5, 1.0, 2.0};
    // [intensity][sigma]: lowest intensity blind (AP 0), highest perfect (AP 1), one cell still running
    private static final double[][] AP = {
        {0.0, 0.0, 0.0, 0.0},
        {0.5, 0.5, 0.5, Double.NaN},
        {1.0, 1.0, 1.0, 1.0},
    };

    @Test
    void writesAPngOfTheAdvertisedSize() throws IOException {
        byte[] png = ApHeatmap.png("exp1", INTENSITIES, SIGMAS, AP);
        assertThat(Arrays.copyOf(png, 8)).containsExactly(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(ApHeatmap.WIDTH);
        assertThat(image.getHeight()).isEqualTo(ApHeatmap.HEIGHT);
    }

    @Test
    void highIntensityRowIsOnTopAndRedLowRowBlueMissingGrey() {
        JFreeChart chart = ApHeatmap.chart("exp1", INTENSITIES, SIGMAS, AP);
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = chart.createBufferedImage(ApHeatmap.WIDTH, ApHeatmap.HEIGHT, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        XYPlot plot = chart.getXYPlot();

        Color top = pixel(image, plot, area, 1, 2);      // sigma 0.5, intensity 1.0 (AP 1)
        Color bottom = pixel(image, plot, area, 1, 0);   // sigma 0.5, intensity 0.0 (AP 0)
        Color missing = pixel(image, plot, area, 3, 1);  // sigma 2.0, intensity 0.5 (not scored yet)
        assertThat(top).isEqualTo(Coolwarm.color(1.0));
        assertThat(top.getRed()).isGreaterThan(top.getBlue());
        assertThat(bottom).isEqualTo(Coolwarm.color(0.0));
        assertThat(bottom.getBlue()).isGreaterThan(bottom.getRed());
        assertThat(missing).isEqualTo(Coolwarm.MISSING);
        // the intensity-1.0 row is drawn above (smaller y) the intensity-0.0 row
        assertThat(y(plot, area, 2)).isLessThan(y(plot, area, 0));
    }

    @Test
    void highestIntensityStaysOnTopWhenListedFirst() {
        double[] descending = {1.0, 0.5, 0.0};
        double[][] ap = {AP[2], AP[1], AP[0]};
        JFreeChart chart = ApHeatmap.chart("exp1", descending, SIGMAS, ap);
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = chart.createBufferedImage(ApHeatmap.WIDTH, ApHeatmap.HEIGHT, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        assertThat(pixel(image, chart.getXYPlot(), area, 0, 2)).isEqualTo(Coolwarm.color(1.0));
    }

    @Test
    void rendersThePapersHundredByHundredGrid() throws IOException {
        double[] intensities = new double[100];
        double[] sigmas = new double[100];
        double[][] ap = new double[100][100];
        for (int i = 0; i < 100; i++) {
            intensities[i] = i / 99.0;
            sigmas[i] = 5.0 * i / 99;
            for (int j = 0; j < 100; j++) {
                ap[i][j] = (double) i / 99 * (1 - (double) j / 99);
            }
        }
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                ApHeatmap.png("exp1-paper", intensities, sigmas, ap)));
        assertThat(image.getWidth()).isEqualTo(ApHeatmap.WIDTH);
    }

    /** The colour at the centre of the block of (sigma position, intensity position). */
    private static Color pixel(BufferedImage image, XYPlot plot, Rectangle2D area, int sigmaPosition,
                               int intensityPosition) {
        int x = (int) plot.getDomainAxis().valueToJava2D(sigmaPosition, area, RectangleEdge.BOTTOM);
        int y = (int) y(plot, area, intensityPosition);
        return new Color(image.getRGB(x, y));
    }

    private static double y(XYPlot plot, Rectangle2D area, int intensityPosition) {
        return plot.getRangeAxis().valueToJava2D(intensityPosition, area, RectangleEdge.LEFT);
    }

    /** A texture experiment has one row: it still renders, its tick is the texture's name. */
    @Test
    void aTextureIsOneRowLabelledWithItsType() throws IOException {
        double[] ap = {1.0, 0.0, Double.NaN, 0.5};
        JFreeChart chart = ApHeatmap.chart("exp2-sink", "sink", SIGMAS, ap);
        ChartRenderingInfo info = new ChartRenderingInfo();
        BufferedImage image = chart.createBufferedImage(ApHeatmap.WIDTH, ApHeatmap.HEIGHT, info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        XYPlot plot = chart.getXYPlot();

        assertThat(pixel(image, plot, area, 0, 0)).isEqualTo(Coolwarm.color(1.0));
        assertThat(pixel(image, plot, area, 1, 0)).isEqualTo(Coolwarm.color(0.0));
        assertThat(pixel(image, plot, area, 2, 0)).isEqualTo(Coolwarm.MISSING);
        assertThat(plot.getRangeAxis().getLabel()).isEqualTo("Anomaly");
        assertThat(((GridValueAxis) plot.getRangeAxis()).refreshTicks(image.createGraphics(), null, area,
                RectangleEdge.LEFT)).extracting(Object::toString).containsExactly("sink");

        BufferedImage png = ImageIO.read(new ByteArrayInputStream(ApHeatmap.png("exp2-sink", "sink", SIGMAS, ap)));
        assertThat(png.getWidth()).isEqualTo(ApHeatmap.WIDTH);
        assertThat(png.getHeight()).isEqualTo(ApHeatmap.HEIGHT);
    }
}
