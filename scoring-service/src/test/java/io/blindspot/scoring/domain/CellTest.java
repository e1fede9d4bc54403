package io.blindspot.scoring.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CellTest {
    private static SliceResult result(int slice, int i, int j, double ap, double residual) {
        return new SliceResult(2, slice, i, j, 0.1 * i, 0.5 * j, ap, residual, 10, 20);
    }

    @Test
    void summarisesSlicesPerCellInGridOrder() {
        List<Cell> cells = Cell.aggregate(List.of(
                result(90, 0, 1, 0.25, 0.0),
                result(80, 1, 0, 0.5, 0.1),
                result(85, 1, 0, 0.75, 0.2),
                result(90, 1, 0, 1.0, 0.3),
                result(80, 0, 0, 0.125, 0.5)));

        // cell (1,0): APs .5 .75 1 -> mean .75; deviations -.25 0 .25 -> sum of squares .125 / (3-1) = .0625
        //             -> sample std .25; mean residual (.1 + .2 + .3) / 3
        // cells with one slice: no sample std (null)
        assertThat(cells).containsExactly(
                new Cell(0, 0, 0.0, 0.0, 0.125, null, 1, 0.5),
                new Cell(0, 1, 0.0, 0.5, 0.25, null, 1, 0.0),
                new Cell(1, 0, 0.1, 0.0, 0.75, 0.25, 3, (0.1 + 0.2 + 0.3) / 3));
    }

    @Test
    void addsSlicesInSliceOrderLikeNumpyMean() {
        // 0.1 + 0.2 + 0.3 (slice order) = 0.6000000000000001 differs from 0.3 + 0.2 + 0.1 = 0.6
        // (given in reverse order here, which would sum to 0.6)
        List<Cell> cells = Cell.aggregate(List.of(result(3, 0, 0, 0.3, 0), result(2, 0, 0, 0.2, 0),
                result(1, 0, 0, 0.1, 0)));
        assertThat(cells.get(0).apMean()).isEqualTo((0.1 + 0.2 + 0.3) / 3).isNotEqualTo((0.3 + 0.2 + 0.1) / 3);
    }

    @Test
    void addsVolumeByVolumeThenSliceBySlice() {
        // (volume, slice) order: v0/s5 0.1, v1/s1 0.2, v1/s3 0.3 -> 0.1 + 0.2 + 0.3 = 0.6000000000000001;
        // slice order alone would add 0.2 + 0.3 + 0.1 = 0.6
        List<Cell> cells = Cell.aggregate(List.of(
                new SliceResult(1, 2, 3, 0, 0, 0.0, 0.0, 0.3, 0.0, null, null),
                new SliceResult(1, 2, 1, 0, 0, 0.0, 0.0, 0.2, 0.0, null, null),
                new SliceResult(0, 2, 5, 0, 0, 0.0, 0.0, 0.1, 0.0, null, null)));
        assertThat(cells).hasSize(1);
        assertThat(cells.get(0).n()).isEqualTo(3);
        assertThat(cells.get(0).apMean()).isEqualTo((0.1 + 0.2 + 0.3) / 3).isNotEqualTo((0.2 + 0.3 + 0.1) / 3);
    }

    @Test
    void noResultsNoCells() {
        assertThat(Cell.aggregate(List.of())).isEmpty();
    }

    @Test
    void aTextureRowGroupsByIndicesWithANullIntensity() {
        // one variant per slice: intensity index 0, intensity null; sigma 0.5 on two slices, 1.0 on one
        List<Cell> cells = Cell.aggregate(List.of(
                new SliceResult(2, 85, 0, 1, null, 1.0, 0.5, 0.2, 9, 9),
                new SliceResult(2, 80, 0, 0, null, 0.5, 0.25, 0.1, 9, 9),
                new SliceResult(2, 85, 0, 0, null, 0.5, 0.75, 0.3, 9, 9)));
        // sigma 0.5: APs .25 .75 -> mean .5, deviations ∓.25 -> .125 / 1 -> std sqrt(.125); residual (.1 + .3) / 2
        assertThat(cells).containsExactly(
                new Cell(0, 0, null, 0.5, 0.5, Math.sqrt(0.125), 2, (0.1 + 0.3) / 2),
                new Cell(0, 1, null, 1.0, 0.5, null, 1, 0.2));
    }

    @Test
    void undefinedValuesAreSkippedAsNumpysNanmeanAndCounted() {
        // AUROC 0.5, NaN, 0.25, NaN, 1.0 over five slices (NaN: no lesion pixel or no negative on that slice).
        // numpy 1.24: np.nanmean -> 0.5833333333333334, np.nanstd(ddof=1) -> 0.38188130791298663
        double[] values = {0.5, Double.NaN, 0.25, Double.NaN, 1.0};
        List<SliceResult> slices = new java.util.ArrayList<>();
        for (int s = 0; s < values.length; s++) {
            slices.add(new SliceResult(0, 2, 80 + s, 0, 0, 0.5, 1.0, values[s], 0.01 * s, null, null, 0.02));
        }
        Cell cell = Cell.aggregate(slices).get(0);
        assertThat(cell.apMean()).isEqualTo(0.5833333333333334);
        assertThat(cell.apStd()).isCloseTo(0.38188130791298663, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(cell.n()).isEqualTo(3);
        assertThat(cell.skipped()).isEqualTo(2);
        assertThat(cell.meanResidual()).isEqualTo((0.0 + 0.01 + 0.02 + 0.03 + 0.04) / 5);  // every slice
        assertThat(cell.prevalence()).isCloseTo(0.02, org.assertj.core.api.Assertions.within(1e-17));
        // One defined value: mean, no std; none: NaN with n 0
        Cell one = Cell.aggregate(slices.subList(0, 2)).get(0);
        assertThat(one.apMean()).isEqualTo(0.5);
        assertThat(one.apStd()).isNull();
        assertThat(one.n()).isEqualTo(1);
        Cell none = Cell.aggregate(slices.subList(1, 2)).get(0);
        assertThat(none.apMean()).isNaN();
        assertThat(none.n()).isZero();
        assertThat(none.skipped()).isEqualTo(1);
        // A row stored before prevalence was recorded leaves the cell's prevalence unknown.
        assertThat(Cell.aggregate(List.of(slices.get(0), new SliceResult(0, 2, 99, 0, 0, 0.5, 1.0, 0.5, 0.0, null,
                null))).get(0).prevalence()).isNull();
    }
}
