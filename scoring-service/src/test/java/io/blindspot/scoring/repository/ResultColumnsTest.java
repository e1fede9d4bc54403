package io.blindspot.scoring.repository;

import io.blindspot.scoring.domain.ResultRow;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ResultColumnsTest {
    private static final UUID ID = UUID.fromString("3f1d6c1e-2a4b-4c8d-9e0f-112233445566");

    private static ResultRow row(int sliceIndex, int intensityIndex, int sigmaIndex, Double intensity, Integer posRow) {
        return new ResultRow(ID, 0, 2, sliceIndex, "gaussian-blur", "normal-rec", intensityIndex, sigmaIndex, intensity,
                0.5 * sigmaIndex, "ap", 0.125 * intensityIndex, 0.01, posRow, 52);
    }

    @Test
    void rowsGoInPrimaryKeyOrderIntensityBeforeSigma() {
        // a block's rows come sigma by sigma; the key orders by slice, then intensity index, then sigma index
        List<ResultRow> rows = List.of(row(85, 0, 0, 0.0, 99), row(85, 1, 0, 0.5, 99), row(85, 0, 1, 0.0, 99),
                row(85, 1, 1, 0.5, 99), row(84, 1, 1, 0.5, 99));
        List<ResultRow> sorted = ResultColumns.keyOrder(rows);
        assertThat(sorted).containsExactly(rows.get(4), rows.get(0), rows.get(2), rows.get(1), rows.get(3));
        assertThat(rows.get(0)).isEqualTo(row(85, 0, 0, 0.0, 99));      // the argument is not reordered
    }

    @Test
    void oneArrayPerColumnWithNullsWhereTheRowHasNone() {
        ResultColumns columns = ResultColumns.of(List.of(row(85, 0, 3, null, null), row(85, 1, 3, 0.5, 99)));
        Object[][] c = columns.columns();
        assertThat(c).hasNumberOfRows(17);
        assertThat(c[0]).containsExactly(ID, ID);
        assertThat(c[1]).containsExactly(0, 0);              // volume
        assertThat(c[2]).containsExactly(2, 2);              // axis
        assertThat(c[3]).containsExactly(85, 85);            // slice_index
        assertThat(c[4]).containsExactly("gaussian-blur", "gaussian-blur");
        assertThat(c[5]).containsExactly("normal-rec", "normal-rec");
        assertThat(c[6]).containsExactly(0, 1);              // intensity_index
        assertThat(c[7]).containsExactly(3, 3);              // sigma_index
        assertThat(c[8]).containsExactly(null, 0.5);         // intensity: null for a texture
        assertThat(c[9]).containsExactly(1.5, 1.5);          // sigma = 0.5 * 3
        assertThat(c[10]).containsExactly("ap", "ap");
        assertThat(c[11]).containsExactly(0.0, 0.125);       // value
        assertThat(c[12]).containsExactly(0.01, 0.01);       // mean_residual
        assertThat(c[13]).containsExactly(null, 99);         // pos_row
        assertThat(c[14]).containsExactly(52, 52);           // pos_col
        assertThat(c[15]).containsExactly(null, null);       // prevalence: not known to these rows
        assertThat(c[16]).containsExactly(null, null);       // threshold: only Dice rows have one
        assertThat(columns.types()).containsExactly("uuid", "int4", "int4", "int4", "text", "text", "int4", "int4",
                "float8", "float8", "text", "float8", "float8", "int4", "int4", "float8", "float8");
    }

    @Test
    void theInsertUnnestsSeventeenArraysIntoTheNamedColumns() {
        String plain = ResultColumns.insertSql(false);
        String skipping = ResultColumns.insertSql(true);
        assertThat(plain).startsWith("INSERT INTO results (experiment_id, volume, axis, slice_index, reconstructor, "
                + "mode, intensity_index, sigma_index, intensity, sigma, metric, value, mean_residual, pos_row, "
                + "pos_col, prevalence, threshold)\nSELECT * FROM unnest(?::uuid[], ?::int[], ?::int[], ?::int[], ?::text[], "
                + "?::text[], ?::int[], ?::int[], ?::float8[], ?::float8[], ?::text[], ?::float8[], ?::float8[], ?::int[], "
                + "?::int[], ?::float8[], ?::float8[])");
        assertThat(plain).doesNotContain("ON CONFLICT");
        assertThat(skipping).isEqualTo(plain + "\nON CONFLICT DO NOTHING");
        assertThat(plain.chars().filter(ch -> ch == '?').count()).isEqualTo(17);
    }
}
