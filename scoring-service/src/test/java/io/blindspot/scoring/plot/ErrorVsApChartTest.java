package io.blindspot.scoring.plot;

import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorVsApChartTest {
    private static final List<ErrorVsApChart.Point> POINTS = List.of(
            new ErrorVsApChart.Point("onnx:ae-latent128", 0.021, 0.45),
            new ErrorVsApChart.Point("onnx:ae-latent32", 0.034, 0.47));

    @Test
    void onePointPerModelInTheOrderGiven() {
        JFreeChart chart = ErrorVsApChart.chart("Figure 4b", POINTS);
        assertThat(chart.getXYPlot().getDataset().getItemCount(0)).isEqualTo(2);
        assertThat(chart.getXYPlot().getDataset().getXValue(0, 1)).isEqualTo(0.034);
        assertThat(chart.getXYPlot().getDataset().getYValue(0, 1)).isEqualTo(0.47);
    }

    @Test
    void eachPointIsLabelledWithItsReconstructor() throws IOException {
        Figure figure = Figure.of(ErrorVsApChart.chart("Figure 4b", POINTS), ErrorVsApChart.WIDTH,
                ErrorVsApChart.HEIGHT);
        FigureTestSupport.assertPng(figure.png(), ErrorVsApChart.WIDTH, ErrorVsApChart.HEIGHT);
        assertThat(figure.svg()).contains("onnx:ae-latent128", "onnx:ae-latent32", ErrorVsApChart.X_LABEL,
                ErrorVsApChart.Y_LABEL);
    }
}
