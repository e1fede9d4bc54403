package io.blindspot.scoring.plot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FigureTest {
    private static final Figure FIGURE = Figure.of(ApHeatmap.chart("f", new double[] {0.0, 1.0},
            new double[] {0.0, 1.0}, new double[][] {{0.1, 0.2}, {0.3, 0.4}}), 300, 200);

    @Test
    void encodesByExtension() {
        assertThat(FIGURE.encode("png")).startsWith(0x89, 'P', 'N', 'G');
        assertThat(new String(FIGURE.encode("svg"), java.nio.charset.StandardCharsets.UTF_8)).contains("<svg");
        assertThat(Figure.mediaType("png")).isEqualTo("image/png");
        assertThat(Figure.mediaType("svg")).isEqualTo("image/svg+xml");
        assertThatThrownBy(() -> FIGURE.encode("gif")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoChartsSideBySideShareTheHeight() {
        Figure two = Figure.sideBySide(FIGURE.panels().get(0).chart(), 300, FIGURE.panels().get(0).chart(), 100, 200);
        assertThat(two.width()).isEqualTo(400);
        assertThat(two.panels()).extracting(Figure.Panel::x).containsExactly(0, 300);
    }
}
