package io.blindspot.scoring.plot;

import io.blindspot.scoring.domain.IntensityHistogram;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HeatmapFigureTest {
    private static final double[] INTENSITIES = {0.0, 0.5, 1.0};
    private static final double[] SIGMAS = {0.0, 0.5, 1.0, 2.0};
    private static final double[][] AP = {{0.0, 0.0, 0.0, 0.0}, {0.5, 0.5, 0.5, Double.NaN}, {1.0, 1.0, 1.0, 1.0}};
    private static final IntensityHistogram BRAIN = IntensityHistogram.of(
            List.of(new float[] {0f, 0.2f, 0.3f, 0.3f, 0.35f, 0.6f, 0.9f}), IntensityHistogram.DEFAULT_BINS);

    @Test
    void theHistogramSitsBesideTheHeatmap() throws IOException {
        Figure figure = HeatmapFigure.grid("exp1", INTENSITIES, SIGMAS, AP, BRAIN);
        assertThat(figure.width()).isEqualTo(ApHeatmap.WIDTH + HeatmapFigure.HISTOGRAM_WIDTH);
        assertThat(figure.panels()).hasSize(2);
        assertThat(figure.panels().get(1).x()).isEqualTo(ApHeatmap.WIDTH);
        BufferedImage image = FigureTestSupport.assertPng(figure.png(), HeatmapFigure.WIDTH, HeatmapFigure.HEIGHT);
        // the histogram's bars (grey) are drawn somewhere right of the heatmap
        boolean grey = false;
        for (int x = ApHeatmap.WIDTH; x < image.getWidth() && !grey; x++) {
            for (int y = 0; y < image.getHeight() && !grey; y++) {
                grey = (image.getRGB(x, y) & 0xFFFFFF) == (HistogramChart.BARS.getRGB() & 0xFFFFFF);
            }
        }
        assertThat(grey).isTrue();
    }

    @Test
    void theSvgCarriesTheHeatmapsAndTheHistogramsLabels() {
        String svg = HeatmapFigure.grid("exp1-small", INTENSITIES, SIGMAS, AP, BRAIN).svg();
        FigureTestSupport.assertSvg(svg, HeatmapFigure.WIDTH, HeatmapFigure.HEIGHT);
        // sorted brain 0.2 0.3 0.3 0.35 0.6 0.9: median at position 2.5 = (0.3 + 0.35) / 2 -> "0.33" in float32
        assertThat(svg).contains("exp1-small", "σ (Gaussian blur)", "Anomaly intensity", "Brain intensities",
                "Brain intensity (pixels &gt; 0)", "50% 0.33", "5% ", "95% ");
    }

    @Test
    void withoutSliceImagesTheHeatmapIsAlone() throws IOException {
        Figure figure = HeatmapFigure.grid("exp1", INTENSITIES, SIGMAS, AP, null);
        FigureTestSupport.assertPng(figure.png(), ApHeatmap.WIDTH, ApHeatmap.HEIGHT);
    }

    @Test
    void aTextureIsOneRowWithItsHistogram() {
        String svg = HeatmapFigure.texture("exp2", "sink", SIGMAS, new double[] {0.9, 0.8, 0.5, 0.2}, BRAIN).svg();
        assertThat(svg).contains("sink", "Brain intensities");
    }
}
