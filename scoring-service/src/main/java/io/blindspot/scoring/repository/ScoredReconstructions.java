package io.blindspot.scoring.repository;

import io.blindspot.scoring.domain.RepositoryException;
import io.blindspot.scoring.domain.port.ScoredMarks;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The {@code scored_reconstructions} table: which (slice, sigma) reconstructions have their results stored (a
 * block of sigmas marks all of its sigma indices at once).
 * Counting them per slice tells when a slice's variants may be deleted; finding one tells that an event whose
 * reconstruction is gone was already scored (a redelivery after the deletion), not lost.
 */
@ApplicationScoped
public class ScoredReconstructions implements ScoredMarks {
    /**
     * Serialises the marks of one slice: two events of a slice marking at the same time would each count only
     * the other's rows committed before its own statement began, and neither might see every sigma scored (then
     * the variants would never be deleted). The transaction-scoped lock on the key's hash makes the second
     * wait until the first commits; its statement then sees the first's rows.
     */
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext(?))";
    /**
     * Marks a block of consecutive sigma indices and counts in one statement. The count cannot see the rows its
     * own CTE inserts (one snapshot), so those are added from the CTE's RETURNING; rows that were there already
     * (a redelivery) are counted once.
     */
    static final String MARK_AND_COUNT = """
            WITH marked AS (
                INSERT INTO scored_reconstructions (anomalous_key, reconstructor, mode, sigma_index)
                SELECT ?, ?, ?, generate_series(?::int, ?::int) ON CONFLICT DO NOTHING RETURNING 1)
            SELECT (SELECT count(*) FROM marked) + (SELECT count(*) FROM scored_reconstructions
                    WHERE anomalous_key = ? AND reconstructor = ? AND mode = ?)""";
    static final String COUNT_MARKED = """
            SELECT count(*) FROM scored_reconstructions
            WHERE anomalous_key = ? AND reconstructor = ? AND mode = ? AND sigma_index BETWEEN ? AND ?""";

    /** The slices under a prefix (one experiment's) whose every sigma is scored, for one reconstructor and mode. */
    static final String COMPLETE_SLICES = """
            SELECT DISTINCT anomalous_key FROM (
                SELECT anomalous_key FROM scored_reconstructions WHERE starts_with(anomalous_key, ?)
                GROUP BY anomalous_key, reconstructor, mode HAVING count(*) >= ?) complete""";

    private final DataSource dataSource;

    public ScoredReconstructions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records one scored sigma (idempotent) and returns how many sigmas of the slice are scored now. */
    public int markAndCount(String anomalousKey, String reconstructor, String mode, int sigmaIndex) {
        return markAndCount(anomalousKey, reconstructor, mode, sigmaIndex, 1);
    }

    /**
     * Records the scored sigmas {@code firstSigma … firstSigma + sigmas − 1} of a slice (idempotent, one
     * statement) and returns how many sigmas of the slice are scored now.
     */
    public int markAndCount(String anomalousKey, String reconstructor, String mode, int firstSigma, int sigmas) {
        return Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement lock = c.prepareStatement(LOCK);
                 PreparedStatement s = c.prepareStatement(MARK_AND_COUNT)) {
                lock.setString(1, anomalousKey);
                lock.execute();
                bind(s, anomalousKey, reconstructor, mode);
                s.setInt(4, firstSigma);
                s.setInt(5, firstSigma + sigmas - 1);
                s.setString(6, anomalousKey);
                s.setString(7, reconstructor);
                s.setString(8, mode);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        }, () -> "cannot record the scoring of " + anomalousKey + " sigmas " + firstSigma + ".."
                + (firstSigma + sigmas - 1));
    }

    /** Whether this sigma of the slice was scored before. */
    public boolean isScored(String anomalousKey, String reconstructor, String mode, int sigmaIndex) {
        return isScored(anomalousKey, reconstructor, mode, sigmaIndex, 1);
    }

    /** Whether every sigma {@code firstSigma … firstSigma + sigmas − 1} of the slice was scored before. */
    public boolean isScored(String anomalousKey, String reconstructor, String mode, int firstSigma, int sigmas) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(COUNT_MARKED)) {
            bind(s, anomalousKey, reconstructor, mode);
            s.setInt(4, firstSigma);
            s.setInt(5, firstSigma + sigmas - 1);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) == sigmas;
            }
        } catch (SQLException e) {
            throw new RepositoryException("cannot look up the scoring of " + anomalousKey + " sigmas " + firstSigma
                    + ".." + (firstSigma + sigmas - 1) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> completeSlices(String keyPrefix, int sigmas) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(COMPLETE_SLICES)) {
            s.setString(1, keyPrefix);
            s.setInt(2, sigmas);
            List<String> keys = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw new RepositoryException("cannot list the scored slices under " + keyPrefix + ": " + e.getMessage(),
                    e);
        }
    }

    private static void bind(PreparedStatement s, String anomalousKey, String reconstructor, String mode)
            throws SQLException {
        s.setString(1, anomalousKey);
        s.setString(2, reconstructor);
        s.setString(3, mode);
    }
}
