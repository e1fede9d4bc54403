package io.blindspot.scoring.plot;

import io.blindspot.scoring.domain.Curve;
import io.blindspot.scoring.domain.CurvePoint;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CurveChartTest {
    private static final double[] INTENSITIES = {0.0, 0.5, 1.0};
    // 4 slices per point: a band; the middle point from one slice: no band
    private static final Curve MODEL = new Curve(Curve.INTENSITY, INTENSITIES, List.of(
            CurvePoint.of(0.0, 0, 0.1, 0.2, 4), CurvePoint.of(0.5, 1, 0.3, null, 1), CurvePoint.of(1.0, 2, 0.9, 0.1, 4)));
    private static final CurveChart.Matched MATCHED = new CurveChart.Matched("exp1 σ = 0.5 (matched)", INTENSITIES,
            new double[] {0.2, 0.35, 0.8});

    @Test
    void drawsEveryCurveWithItsBandAndItsMatchDashedInTheSameColour() {
        JFreeChart chart = CurveChart.chart("Figure 1a", Curve.INTENSITY, List.of(
                new CurveChart.Series("AE-128", MODEL, MATCHED), new CurveChart.Series("VQ-VAE", MODEL, null)));
        XYPlot plot = chart.getXYPlot();
        YIntervalSeriesCollection bands = (YIntervalSeriesCollection) plot.getDataset(0);
        assertThat(bands.getSeriesCount()).isEqualTo(2);
        // n = 4, s = 0.2: 0.1 -/+ 0.3182446305284263; n = 1: the band collapses onto the mean
        assertThat(bands.getStartYValue(0, 0)).isEqualTo(0.1 - 0.3182446305284263, org.assertj.core.api.Assertions
                .within(1e-12));
        assertThat(bands.getStartYValue(0, 1)).isEqualTo(0.3);
        assertThat(bands.getEndYValue(0, 1)).isEqualTo(0.3);
        assertThat(plot.getDataset(1).getSeriesCount()).isEqualTo(1);
        XYLineAndShapeRenderer matched = (XYLineAndShapeRenderer) plot.getRenderer(1);
        assertThat(matched.getSeriesPaint(0)).isEqualTo(Palette.color(0));
        assertThat(matched.getSeriesStroke(0)).isEqualTo(Styles.DASHED);
        assertThat(plot.getRenderer(0).getSeriesPaint(1)).isEqualTo(Palette.color(1));
    }

    @Test
    void writesPngAndSvgWithItsLabels() throws IOException {
        Figure figure = Figure.of(CurveChart.chart("Figure 1a", Curve.INTENSITY,
                List.of(new CurveChart.Series("AE-128", MODEL, MATCHED))), CurveChart.WIDTH, CurveChart.HEIGHT);
        FigureTestSupport.assertPng(figure.png(), CurveChart.WIDTH, CurveChart.HEIGHT);
        String svg = figure.svg();
        FigureTestSupport.assertSvg(svg, CurveChart.WIDTH, CurveChart.HEIGHT);
        assertThat(svg).contains("Figure 1a", "Anomaly intensity", ">AP<", "AE-128", "exp1 σ = 0.5 (matched)");
    }

    @Test
    void aTextureCurveRunsAlongSigma() {
        Curve texture = new Curve(Curve.SIGMA, new double[] {0.0, 5.0},
                List.of(CurvePoint.of(0.0, 0, 0.8, 0.1, 2), CurvePoint.of(5.0, 1, 0.3, 0.1, 2)));
        String svg = Figure.of(CurveChart.chart("Figure 2", Curve.SIGMA,
                List.of(new CurveChart.Series("sink", texture, null))), 400, 300).svg();
        assertThat(svg).contains("σ (Gaussian blur)", "sink");
    }

    @Test
    void twoCurvesMatchedToTheSameColumnKeepTwoDashedLines() {
        // both modes of an audit can land on the same sigma
        JFreeChart chart = CurveChart.chart("t", Curve.INTENSITY, List.of(
                new CurveChart.Series("normal-rec", MODEL, MATCHED), new CurveChart.Series("anomal-rec", MODEL, MATCHED)));
        XYPlot plot = chart.getXYPlot();
        assertThat(plot.getDataset(1).getSeriesCount()).isEqualTo(2);
        assertThat(plot.getDataset(1).getSeriesKey(1)).isEqualTo("exp1 σ = 0.5 (matched) (anomal-rec)");
    }

    @Test
    void twoCurvesOfTheSameNameStayApart() {
        JFreeChart chart = CurveChart.chart("t", Curve.INTENSITY,
                List.of(new CurveChart.Series("AE", MODEL, null), new CurveChart.Series("AE", MODEL, null)));
        assertThat(chart.getXYPlot().getDataset(0).getSeriesCount()).isEqualTo(2);
    }
}
