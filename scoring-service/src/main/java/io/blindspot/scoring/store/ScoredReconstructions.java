package io.blindspot.scoring.store;

import io.blindspot.scoring.repository.RepositoryException;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@code scored_reconstructions} table: which (slice, sigma) reconstructions have their results stored.
 * Counting them per slice tells when a slice's variants may be deleted; finding one tells that an event whose
 * reconstruction is gone was already scored (a redelivery after the deletion), not lost.
 */
@ApplicationScoped
public class ScoredReconstructions {
    /**
     * Marks and counts in one round trip. The count cannot see the row its own CTE inserts (one snapshot), so
     * that row is added from the CTE's RETURNING; a row that was there already (a redelivery) is counted once.
     */
    private static final String MARK_AND_COUNT = """
            WITH marked AS (
                INSERT INTO scored_reconstructions (anomalous_key, reconstructor, mode, sigma_index)
                VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1)
            SELECT (SELECT count(*) FROM marked) + (SELECT count(*) FROM scored_reconstructions
                    WHERE anomalous_key = ? AND reconstructor = ? AND mode = ?)""";
    private static final String FIND = """
            SELECT 1 FROM scored_reconstructions
            WHERE anomalous_key = ? AND reconstructor = ? AND mode = ? AND sigma_index = ?""";

    private final DataSource dataSource;

    public ScoredReconstructions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records one scored sigma (idempotent) and returns how many sigmas of the slice are scored now. */
    public int markAndCount(String anomalousKey, String reconstructor, String mode, int sigmaIndex) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(MARK_AND_COUNT)) {
            s.setString(1, anomalousKey);
            s.setString(2, reconstructor);
            s.setString(3, mode);
            s.setInt(4, sigmaIndex);
            s.setString(5, anomalousKey);
            s.setString(6, reconstructor);
            s.setString(7, mode);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new RepositoryException("cannot record the scoring of " + anomalousKey + " sigma " + sigmaIndex
                    + ": " + e.getMessage(), e);
        }
    }

    /** Whether this sigma of the slice was scored before. */
    public boolean isScored(String anomalousKey, String reconstructor, String mode, int sigmaIndex) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(FIND)) {
            bind(s, anomalousKey, reconstructor, mode);
            s.setInt(4, sigmaIndex);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new RepositoryException("cannot look up the scoring of " + anomalousKey + " sigma " + sigmaIndex
                    + ": " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement s, String anomalousKey, String reconstructor, String mode)
            throws SQLException {
        s.setString(1, anomalousKey);
        s.setString(2, reconstructor);
        s.setString(3, mode);
    }
}
