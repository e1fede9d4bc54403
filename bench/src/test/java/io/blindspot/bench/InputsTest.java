package io.blindspot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The inputs handed to Python and to the REST API, and the reading of the answers. */
class InputsTest {
    /** Two slices of a 2 x 3 image with hand-picked centres. */
    private static Workload tiny() {
        return new Workload(Path.of("/v.nii.gz"), 2, 3, 20, List.of(60, 62),
                List.of(new float[6], new float[6]), List.of(new int[] {1, 2}, new int[] {0, 1}));
    }

    @Test
    void subsetIndicesAreTheNearestGridPoints() {
        // Intensities 0, 1/3, 2/3, 1 of linspace(0, 1, 100): indices 0, 33, 66, 99 (1/3 * 99 = 33 exactly).
        assertThat(Benchmark.indices(Benchmark.SUBSET_INTENSITY_FRACTIONS, 1.0, 100)).containsExactly(0, 33, 66, 99);
        // Sigmas 1, 2, 5 of linspace(0, 5, 100): 19.8 -> 20 (sigma 1.0101), 39.6 -> 40 (2.0202), 99 (5.0).
        assertThat(Benchmark.indices(Benchmark.SUBSET_SIGMAS, 5.0, 100)).containsExactly(20, 40, 99);
    }

    @Test
    void theGridIsNumpysLinspace() {
        Sweep grid = Sweep.square(100);
        assertThat(grid.cells()).isEqualTo(10_000);
        assertThat(grid.intensityValues()[33]).isEqualTo(33 * (1.0 / 99));
        assertThat(grid.intensityValues()[99]).isEqualTo(1.0);
        assertThat(grid.sigmaValues()[20]).isEqualTo(20 * (5.0 / 99));
        assertThat(grid.label()).isEqualTo("100x100");
    }

    @Test
    void pythonGetsEverySliceWithItsCentreAndTheSubsetsValues() {
        var subset = new PythonReference.Subset(Sweep.square(100), new int[] {0, 99}, new int[] {20});
        JsonNode in = PythonReference.input(tiny(), subset);

        assertThat(in.path("nifti").asText()).isEqualTo("/v.nii.gz");
        assertThat(in.path("radius").asInt()).isEqualTo(20);
        assertThat(in.path("slices").get(1).path("z").asInt()).isEqualTo(62);
        assertThat(in.path("slices").get(1).path("position").toString()).isEqualTo("[0,1]");
        assertThat(in.path("intensities").toString()).isEqualTo("[0.0,1.0]");
        assertThat(in.path("sigmas").get(0).asDouble()).isEqualTo(20 * (5.0 / 99));
    }

    @Test
    void pythonsAnswerIsReadInInputOrder() throws Exception {
        var subset = new PythonReference.Subset(Sweep.square(100), new int[] {0}, new int[] {20, 99});
        JsonNode answer = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"cells": [
                  {"slice": 60, "intensity": 0.0, "sigma": 1.0101, "ap": 0.5, "seconds": 0.004, "ap_seconds": 0.003},
                  {"slice": 60, "intensity": 0.0, "sigma": 5.0, "ap": 0.25, "seconds": 0.006, "ap_seconds": 0.005},
                  {"slice": 62, "intensity": 0.0, "sigma": 1.0101, "ap": 1.0, "seconds": 0.004, "ap_seconds": 0.003},
                  {"slice": 62, "intensity": 0.0, "sigma": 5.0, "ap": 0.75, "seconds": 0.006, "ap_seconds": 0.005}],
                 "mean_seconds_per_cell": 0.005, "mean_ap_seconds_per_cell": 0.004, "versions": {"numpy": "1.24.2"}}
                """);
        PythonReference.Result r = PythonReference.parse(answer, tiny(), subset, 1.0);

        assertThat(r.cells()).hasSize(4);
        assertThat(r.cells().get(1)).isEqualTo(new PythonReference.Cell(60, 0, 99, 0.0, 5.0, 0.25, 0.006, 0.005));
        assertThat(r.cells().get(2).slice()).isEqualTo(62);
        assertThat(r.secondsPerCell()).isEqualTo(0.005);
        assertThat(r.versions()).containsEntry("numpy", "1.24.2");
    }

    @Test
    void theSpecListsTheSlicesTheCentresAndTheGrid() {
        JsonNode spec = EndToEnd.spec("bench-10x10", tiny(), Sweep.square(10));

        assertThat(spec.toString()).isEqualTo("{\"name\":\"bench-10x10\","
                + "\"dataset\":{\"source\":\"sample:ch2bet\",\"axis\":2,\"slices\":[60,62]},"
                + "\"anomaly\":{\"type\":\"disk\",\"radius\":20,\"intensities\":{\"linspace\":[0,1.0,10]},"
                + "\"positions\":[[1,2],[0,1]]},"
                + "\"reconstruction\":{\"mode\":\"normal-rec\",\"reconstructor\":\"gaussian-blur\","
                + "\"sigmas\":{\"linspace\":[0,5.0,10]}},\"metrics\":[\"ap\"]}");
    }

    @Test
    void resultsCsvIsReadByColumnNameKeepingOnlyTheWantedCells() {
        String csv = """
                axis,slice,intensity,sigma,intensity_index,sigma_index,ap,mean_residual,pos_row,pos_col
                2,60,0.0,0.0,0,0,1.0,0.01,1,2
                2,60,0.0,1.0101010101010102,0,20,0.9876543210987654,0.02,1,2
                2,62,1.0,5.0,99,99,0.125,0.03,0,1
                """;
        var values = EndToEnd.parseResults(csv, Set.of(new EndToEnd.CellKey(60, 0, 20),
                new EndToEnd.CellKey(62, 99, 99), new EndToEnd.CellKey(64, 0, 0)));

        assertThat(values).hasSize(2);
        assertThat(values.get(new EndToEnd.CellKey(60, 0, 20)))
                .isEqualTo(new EndToEnd.SliceValue(0.0, 1.0101010101010102, 0.9876543210987654));
        assertThat(values.get(new EndToEnd.CellKey(62, 99, 99)).ap()).isEqualTo(0.125);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(KernelBench.median(new long[] {5, 1, 3})).isEqualTo(3.0);
        assertThat(KernelBench.median(new long[] {4, 1, 3, 10})).isEqualTo(3.5);
    }

    @Test
    void growthLineThroughTheGridsGivesFixedCostAndCostPerAp() {
        // 1000 APs in 3 s, 2000 in 5 s, 3000 in 7 s: exactly 1 s + 2 ms per AP.
        var runs = List.of(
                new EndToEnd.Run("a", Sweep.square(10), 10, 3.0, Map.of(), Map.of()),
                new EndToEnd.Run("b", Sweep.square(20), 5, 5.0, Map.of(), Map.of()),
                new EndToEnd.Run("c", new Sweep(10, 30), 10, 7.0, Map.of(), Map.of()));
        double[] line = Benchmark.fit(runs);

        assertThat(line[0]).isCloseTo(1.0, within(1e-9));
        assertThat(line[1]).isCloseTo(0.002, within(1e-12));
        assertThat(Benchmark.fit(runs.subList(0, 1))).isNull();
    }

    @Test
    void statusPollsEveryTwoPercentOfTheElapsedTimeWithinBounds() {
        assertThat(EndToEnd.pollMillis(0)).isEqualTo(100);
        assertThat(EndToEnd.pollMillis(20_000)).isEqualTo(400);     // 20 s / 50
        assertThat(EndToEnd.pollMillis(600_000)).isEqualTo(1000);
    }
}
