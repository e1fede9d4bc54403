package io.blindspot.launcher.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GridTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** 2 intensities x 2 sigmas, cells in scoring's shape, listed out of order on purpose. */
    private static Grid twoByTwo() throws Exception {
        return Grid.fromCells(JSON.readTree("""
                {"id":"x","name":"t","metric":"ap","cells":[
                 {"intensity":1.0,"sigma":2.5,"intensity_index":1,"sigma_index":1,"ap_mean":0.25,"n":4},
                 {"intensity":0.0,"sigma":0.0,"intensity_index":0,"sigma_index":0,"ap_mean":1.0,"n":4},
                 {"intensity":0.0,"sigma":2.5,"intensity_index":0,"sigma_index":1,"ap_mean":0.5,"n":4},
                 {"intensity":1.0,"sigma":0.0,"intensity_index":1,"sigma_index":0,"ap_mean":0.123456,"n":4}]}"""));
    }

    @Test
    void readsCellsByIndex() throws Exception {
        Grid g = twoByTwo();
        assertThat(g.intensities()).containsExactly(0.0, 1.0);
        assertThat(g.sigmas()).containsExactly(0.0, 2.5);
        assertThat(g.apMean()[1][0]).isEqualTo(0.123456);
        assertThat(g.apMean()[0][1]).isEqualTo(0.5);
    }

    @Test
    void rendersHighestIntensityOnTopWithFourDecimals() throws Exception {
        String[] lines = twoByTwo().render().split("\\R");
        assertThat(lines[0]).isEqualTo("int\\sigma |       0     2.5");
        // intensity 1 first: 0.123456 -> 0.1235 (4 decimals, rounded half up)
        assertThat(lines[2]).isEqualTo("        1 |  0.1235  0.2500");
        assertThat(lines[3]).isEqualTo("        0 |  1.0000  0.5000");
    }

    @Test
    void labelsATextureRowWhichHasNoIntensity() throws Exception {
        Grid g = Grid.fromCells(JSON.readTree("""
                {"cells":[{"intensity":null,"sigma":0.0,"intensity_index":0,"sigma_index":0,"ap_mean":0.75,"n":4},
                          {"intensity":null,"sigma":1.0,"intensity_index":0,"sigma_index":1,"ap_mean":0.5,"n":4}]}"""));
        assertThat(g.render().split("\\R")[2]).isEqualTo("  texture |  0.7500  0.5000");
    }

    @Test
    void subsamplesEvenlyIncludingBothEnds() {
        // n = 100, 11 picks: round(k * 99 / 10) = 0, 10 (9.9), 20 (19.8), 30 (29.7), 40 (39.6), 50 (49.5 -> 50),
        // 59 (59.4), 69 (69.3), 79 (79.2), 89 (89.1), 99
        assertThat(Grid.evenlySpaced(100, 11)).containsExactly(0, 10, 20, 30, 40, 50, 59, 69, 79, 89, 99);
        assertThat(Grid.evenlySpaced(5, 11)).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void saysWhenTheViewIsSubsampled() {
        double[] axis = new double[12];
        double[][] ap = new double[12][3];
        for (int i = 0; i < 12; i++) {
            axis[i] = i;
        }
        String text = new Grid(axis, new double[]{0, 1, 2}, ap).render();
        assertThat(text).startsWith("(12 x 3 grid, showing an evenly subsampled 11 x 3 view");
        // header + rule + 11 rows + the note
        assertThat(text.split("\\R")).hasSize(14);
    }

    @Test
    void comparesWithAReferenceGrid() throws Exception {
        double[][] reference = {{1.0, 0.5}, {0.123456 + 1e-12, 0.25}};
        assertThat(twoByTwo().maxAbsDifference(reference)).isCloseTo(1e-12, org.assertj.core.data.Offset.offset(1e-15));
        assertThatThrownBy(() -> twoByTwo().maxAbsDifference(new double[][]{{1.0, 0.5}}))
                .hasMessageContaining("2 intensities");
    }

    @Test
    void trimsGridCoordinates() {
        assertThat(Grid.trim(0.5)).isEqualTo("0.5");
        assertThat(Grid.trim(1.0)).isEqualTo("1");
        assertThat(Grid.trim(5.0 / 99)).isEqualTo("0.0505");
    }
}
