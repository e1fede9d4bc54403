package io.blindspot.scoring.plot;

import io.blindspot.scoring.domain.BlindSpots;
import io.blindspot.scoring.domain.Curve;
import io.blindspot.scoring.domain.CurvePoint;
import io.blindspot.scoring.domain.IntensityHistogram;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditChartTest {
    private static final double[] INTENSITIES = {0.0, 0.25, 0.5, 0.75, 1.0};
    private static final Curve NORMAL = curve(0.9, 0.4, 0.3, 0.7, 0.2);
    private static final Curve ANOMAL = curve(0.8, 0.6, 0.6, 0.9, 0.9);

    private static Curve curve(double... ap) {
        List<CurvePoint> points = new java.util.ArrayList<>();
        for (int i = 0; i < ap.length; i++) {
            points.add(CurvePoint.of(INTENSITIES[i], i, ap[i], 0.05, 4));
        }
        return new Curve(Curve.INTENSITY, INTENSITIES, points);
    }

    private static JFreeChart chart() {
        List<BlindSpots.Interval> normalSpots = BlindSpots.below(NORMAL, 0.5);
        return AuditChart.chart("Blind-spot audit of ae-latent128", List.of(
                        new CurveChart.Series("normal-rec (ae-latent128)", NORMAL, new CurveChart.Matched(
                                "exp1 σ = 1.5 (matched)", INTENSITIES, new double[] {0.8, 0.5, 0.3, 0.6, 0.3})),
                        new CurveChart.Series("anomal-rec (ae-latent128)", ANOMAL, null)),
                List.of(normalSpots, BlindSpots.below(ANOMAL, 0.5)), 0.5,
                IntensityHistogram.of(List.of(new float[] {0.3f, 0.4f, 0.45f}), IntensityHistogram.DEFAULT_BINS));
    }

    @Test
    void shadesEachBlindSpotAndPutsTheHistogramUnderTheCurvesOnTheSameAxis() {
        CombinedDomainXYPlot combined = (CombinedDomainXYPlot) chart().getPlot();
        List<XYPlot> plots = combined.getSubplots();
        assertThat(plots).hasSize(2);
        Collection<?> shades = plots.get(0).getDomainMarkers(Layer.BACKGROUND);
        // normal-rec: [0.25, 0.5] and [1.0, 1.0] (widened to a sliver); anomal-rec: none
        assertThat(shades).hasSize(2);
        IntervalMarker first = (IntervalMarker) shades.iterator().next();
        assertThat(first.getStartValue()).isEqualTo(0.25);
        assertThat(first.getEndValue()).isEqualTo(0.5);
        assertThat(combined.getDomainAxis().getLowerBound()).isEqualTo(0.0);
        assertThat(combined.getDomainAxis().getUpperBound()).isEqualTo(1.0);
    }

    @Test
    void writesPngAndSvgWithItsLabels() throws IOException {
        Figure figure = Figure.of(chart(), AuditChart.WIDTH, AuditChart.HEIGHT);
        FigureTestSupport.assertPng(figure.png(), AuditChart.WIDTH, AuditChart.HEIGHT);
        String svg = figure.svg();
        FigureTestSupport.assertSvg(svg, AuditChart.WIDTH, AuditChart.HEIGHT);
        assertThat(svg).contains("Blind-spot audit of ae-latent128", "normal-rec (ae-latent128)",
                "anomal-rec (ae-latent128)", "exp1 σ = 1.5 (matched)", "threshold 0.5", "Anomaly intensity");
    }
}
