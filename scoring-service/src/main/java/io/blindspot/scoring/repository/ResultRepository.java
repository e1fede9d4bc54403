package io.blindspot.scoring.repository;

import io.blindspot.scoring.domain.SliceResult;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The {@code results} table, in plain SQL. */
@ApplicationScoped
public class ResultRepository {
    private static final String INSERT = """
            INSERT INTO results (experiment_id, axis, slice_index, reconstructor, mode, intensity_index,
                                 sigma_index, intensity, sigma, metric, value, mean_residual, pos_row, pos_col,
                                 volume)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";
    private static final String COUNT = "SELECT count(*) FROM results WHERE experiment_id = ?";
    private static final String SLICES = """
            SELECT volume, axis, slice_index, intensity_index, sigma_index, intensity, sigma, value, mean_residual,
                   pos_row, pos_col
            FROM results WHERE experiment_id = ? AND metric = ?
            ORDER BY volume, axis, slice_index, intensity_index, sigma_index, reconstructor, mode""";

    private final DataSource dataSource;

    public ResultRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores the rows of one event in one JDBC batch and one transaction. Rows already present are skipped
     * (ON CONFLICT DO NOTHING), so a redelivered event changes nothing.
     */
    public void insert(List<ResultRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(INSERT)) {
                for (ResultRow r : rows) {
                    s.setObject(1, r.experimentId());
                    s.setInt(2, r.axis());
                    s.setInt(3, r.sliceIndex());
                    s.setString(4, r.reconstructor());
                    s.setString(5, r.mode());
                    s.setInt(6, r.intensityIndex());
                    s.setInt(7, r.sigmaIndex());
                    setNullableDouble(s, 8, r.intensity());
                    s.setDouble(9, r.sigma());
                    s.setString(10, r.metric());
                    s.setDouble(11, r.value());
                    s.setDouble(12, r.meanResidual());
                    setNullableInt(s, 13, r.positionRow());
                    setNullableInt(s, 14, r.positionCol());
                    s.setInt(15, r.volume());
                    s.addBatch();
                }
                s.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new RepositoryException("cannot store " + rows.size() + " results of experiment "
                    + rows.get(0).experimentId() + ": " + e.getMessage(), e);
        }
    }

    /** Number of stored per-slice values of every metric: the experiment's progress. */
    public long count(UUID experimentId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(COUNT)) {
            s.setObject(1, experimentId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new RepositoryException("cannot count results of " + experimentId + ": " + e.getMessage(), e);
        }
    }

    /** Every per-slice value of one metric, ordered by volume, slice, intensity index, sigma index. */
    public List<SliceResult> sliceResults(UUID experimentId, String metric) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SLICES)) {
            s.setObject(1, experimentId);
            s.setString(2, metric);
            List<SliceResult> results = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    results.add(new SliceResult(rs.getInt("volume"), rs.getInt("axis"),
                            rs.getInt("slice_index"), rs.getInt("intensity_index"), rs.getInt("sigma_index"), rs.getObject("intensity", Double.class),
                            rs.getDouble("sigma"), rs.getDouble("value"), rs.getDouble("mean_residual"),
                            rs.getObject("pos_row", Integer.class), rs.getObject("pos_col", Integer.class)));
                }
            }
            return results;
        } catch (SQLException e) {
            throw new RepositoryException("cannot read results of " + experimentId + ": " + e.getMessage(), e);
        }
    }

    private static void setNullableDouble(PreparedStatement s, int index, Double value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.DOUBLE);
        } else {
            s.setDouble(index, value);
        }
    }

    private static void setNullableInt(PreparedStatement s, int index, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }
}
