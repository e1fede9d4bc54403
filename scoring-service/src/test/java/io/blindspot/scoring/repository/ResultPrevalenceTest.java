package io.blindspot.scoring.repository;

import io.blindspot.scoring.domain.ResultRow;
import io.blindspot.scoring.domain.SliceResult;
import io.blindspot.scoring.domain.StagedSliceValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Migration V6's {@code results.prevalence} through the repository: stored with the rows (one unnest insert),
 * read back beside each value; a row stored without it (as before V6) reads null; an undefined value (NaN, e.g.
 * AUROC of a slice without lesion) is stored and read as NaN, and a redelivery changes nothing.
 */
class ResultPrevalenceTest {
    private static TestPostgres db;
    private static ResultRepository results;

    @BeforeAll
    static void start() throws IOException {
        db = TestPostgres.start();
        results = new ResultRepository(db.dataSource());
    }

    @AfterAll
    static void stop() throws IOException {
        db.close();
    }

    @Test
    void prevalenceAndNaNRoundTrip() throws SQLException {
        UUID id = UUID.randomUUID();
        double p = 759.0 / 39277;
        List<ResultRow> rows = List.of(
                new ResultRow(id, 0, 2, 80, "gaussian-blur", "normal-rec", 0, 0, 0.0, 0.0, "auroc", Double.NaN,
                        0.0, 136, 49, p),
                new ResultRow(id, 0, 2, 80, "gaussian-blur", "normal-rec", 1, 0, 0.5, 0.0, "auroc", 0.875,
                        0.01, 136, 49, p),
                new ResultRow(id, 0, 2, 85, "gaussian-blur", "normal-rec", 1, 0, 0.5, 0.0, "auroc", 0.5,
                        0.02, 99, 52));
        results.insert(rows);
        results.insert(rows);               // redelivered: nothing changes
        assertThat(results.count(id)).isEqualTo(3);
        List<SliceResult> read = results.sliceResults(id, "auroc");
        assertThat(read).containsExactly(
                new SliceResult(0, 2, 80, 0, 0, 0.0, 0.0, Double.NaN, 0.0, 136, 49, p),
                new SliceResult(0, 2, 80, 1, 0, 0.5, 0.0, 0.875, 0.01, 136, 49, p),
                new SliceResult(0, 2, 85, 1, 0, 0.5, 0.0, 0.5, 0.02, 99, 52, null));
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            // the migration is idempotent: running its statement again changes nothing
            s.execute("ALTER TABLE results ADD COLUMN IF NOT EXISTS prevalence float8");
        }
        assertThat(results.sliceResults(id, "auroc")).hasSize(3);
    }

    /**
     * The aggregation stage's per-slice values (dice-at-normal-q99) stored beside the rows of another metric: they
     * take those rows' cell facts, are not progress, a second store changes nothing, and a value without a row
     * beside it is an error, not a silent drop.
     */
    @Test
    void stagedValuesTakeTheirCellFactsFromTheRowsBesideThem() {
        UUID id = UUID.randomUUID();
        double p = 889.0 / 39277;
        results.insert(List.of(
                new ResultRow(id, 0, 2, 80, "gaussian-blur", "normal-rec", 0, 1, 0.2, 2.0, "ap", 0.4, 0.03, 136, 49,
                        p),
                new ResultRow(id, 0, 2, 85, "gaussian-blur", "normal-rec", 0, 1, 0.2, 2.0, "ap", 0.6, 0.04, 99, 52,
                        p)));
        List<StagedSliceValue> values = List.of(
                new StagedSliceValue("gaussian-blur", "normal-rec", 0, 2, 80, 0, 1, 0.25, 0.125),
                new StagedSliceValue("gaussian-blur", "normal-rec", 0, 2, 85, 0, 1, Double.NaN, 0.125));
        results.insertBeside(id, "dice-at-normal-q99", "ap", values);
        results.insertBeside(id, "dice-at-normal-q99", "ap", values);         // the stage run again
        assertThat(results.count(id)).as("progress counts the per-event rows only").isEqualTo(2);
        assertThat(results.sliceResults(id, "dice-at-normal-q99")).containsExactly(
                new SliceResult(0, 2, 80, 0, 1, 0.2, 2.0, 0.25, 0.03, 136, 49, p, 0.125),
                new SliceResult(0, 2, 85, 0, 1, 0.2, 2.0, Double.NaN, 0.04, 99, 52, p, 0.125));
        assertThatThrownBy(() -> results.insertBeside(id, "dice-at-normal-q99", "ap",
                List.of(new StagedSliceValue("gaussian-blur", "normal-rec", 0, 2, 90, 0, 1, 0.5, 0.125))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("have no ap row beside them");
    }
}
