package io.blindspot.scoring.rest;

import io.blindspot.scoring.domain.Cell;
import io.blindspot.scoring.domain.SliceResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvTest {
    @Test
    void cellsWithFullPrecisionAndEmptyStdBelowTwoSlices() {
        String csv = Csv.cells(List.of(
                new Cell(0, 0, 0.0, 0.0, 1.0 / 3, 0.25, 4, 0.1),
                new Cell(0, 1, 0.0, 5.0 / 99, 0.5, null, 1, 0.2)));
        assertThat(csv).isEqualTo("""
                intensity,sigma,ap_mean,ap_std,n,mean_residual,prevalence,n_undefined
                0.0,0.0,0.3333333333333333,0.25,4,0.1,,0
                0.0,0.050505050505050504,0.5,,1,0.2,,0
                """);
    }

    @Test
    void resultsWithPositionColumns() {
        String csv = Csv.results(List.of(new SliceResult(2, 85, 1, 3, 0.5, 2.0, 0.9999999999999999, 0.01, 99, 52),
                new SliceResult(2, 90, 1, 3, 0.5, 2.0, 0.5, 0.02, null, null)));
        assertThat(csv).isEqualTo("""
                volume,axis,slice,intensity,sigma,intensity_index,sigma_index,ap,mean_residual,pos_row,pos_col,prevalence
                0,2,85,0.5,2.0,1,3,0.9999999999999999,0.01,99,52,
                0,2,90,0.5,2.0,1,3,0.5,0.02,,,
                """);
    }

    @Test
    void aTexturesMissingIntensityIsAnEmptyField() {
        assertThat(Csv.cells(List.of(new Cell(0, 2, null, 1.0, 0.5, null, 1, 0.2)))).isEqualTo("""
                intensity,sigma,ap_mean,ap_std,n,mean_residual,prevalence,n_undefined
                ,1.0,0.5,,1,0.2,,0
                """);
        assertThat(Csv.results(List.of(new SliceResult(2, 85, 0, 2, null, 1.0, 0.5, 0.02, 99, 52)))).isEqualTo("""
                volume,axis,slice,intensity,sigma,intensity_index,sigma_index,ap,mean_residual,pos_row,pos_col,prevalence
                0,2,85,,1.0,0,2,0.5,0.02,99,52,
                """);
    }

    @Test
    void eachResultLineStartsWithItsVolume() {
        assertThat(Csv.results(List.of(new SliceResult(3, 2, 128, 0, 0, 0.0, 0.0, 1.0, 0.0, 10, 11)))).isEqualTo("""
                volume,axis,slice,intensity,sigma,intensity_index,sigma_index,ap,mean_residual,pos_row,pos_col,prevalence
                3,2,128,0.0,0.0,0,0,1.0,0.0,10,11,
                """);
    }

    @Test
    void prevalenceBesideEachSliceAndCellAndUndefinedValuesAsEmptyFields() {
        // Two slices of one cell: AUROC undefined (NaN) on the first (e.g. no lesion pixel), 0.75 on the second.
        List<SliceResult> slices = List.of(
                new SliceResult(0, 2, 80, 0, 0, 0.5, 1.0, Double.NaN, 0.01, 136, 49, 0.0),
                new SliceResult(0, 2, 85, 0, 0, 0.5, 1.0, 0.75, 0.03, 99, 52, 1245.0 / 39277));
        assertThat(Csv.results(slices, "auroc")).isEqualTo("""
                volume,axis,slice,intensity,sigma,intensity_index,sigma_index,auroc,mean_residual,pos_row,pos_col,prevalence
                0,2,80,0.5,1.0,0,0,,0.01,136,49,0.0
                0,2,85,0.5,1.0,0,0,0.75,0.03,99,52,0.03169794027038725
                """);
        // The cell: mean over the one defined value, n = 1 used, 1 undefined; prevalence over both slices.
        assertThat(Csv.cells(Cell.aggregate(slices), "auroc")).isEqualTo("""
                intensity,sigma,auroc_mean,auroc_std,n,mean_residual,prevalence,n_undefined
                0.5,1.0,0.75,,1,0.02,0.015848970135193624,1
                """);
        // No defined value at all: an empty mean, n 0.
        assertThat(Csv.cells(Cell.aggregate(slices.subList(0, 1)), "auroc")).isEqualTo("""
                intensity,sigma,auroc_mean,auroc_std,n,mean_residual,prevalence,n_undefined
                0.5,1.0,,,0,0.01,0.0,1
                """);
    }
}
