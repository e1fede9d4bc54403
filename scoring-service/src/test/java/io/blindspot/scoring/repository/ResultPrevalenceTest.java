package io.blindspot.scoring.repository;

import io.blindspot.scoring.domain.ResultRow;
import io.blindspot.scoring.domain.SliceResult;
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
}
