package io.blindspot.scoring.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.scoring.domain.AggregateRow;
import io.blindspot.scoring.domain.ExperimentRecord;
import io.blindspot.scoring.domain.RepositoryException;
import io.blindspot.scoring.domain.port.AggregateStore;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The aggregation stage's tables ({@code aggregate_inputs}, {@code aggregates}, {@code aggregation_runs}). */
@ApplicationScoped
public class AggregateRepository implements AggregateStore {
    private static final String RECORD = """
            INSERT INTO aggregate_inputs (experiment_id, reconstruction_key, event) VALUES (?, ?, ?::jsonb)
            ON CONFLICT DO NOTHING""";
    private static final String INPUTS = """
            SELECT event::text FROM aggregate_inputs WHERE experiment_id = ? ORDER BY reconstruction_key""";
    private static final String DELETE_INPUTS = "DELETE FROM aggregate_inputs WHERE experiment_id = ?";
    private static final String PENDING = """
            SELECT DISTINCT i.experiment_id FROM aggregate_inputs i
            WHERE NOT EXISTS (SELECT 1 FROM aggregation_runs r WHERE r.experiment_id = i.experiment_id)""";
    private static final String INSERT = """
            INSERT INTO aggregates (experiment_id, reconstructor, mode, aggregation, metric, intensity_index,
                                    sigma_index, volume, value, n, std, ci_low, ci_high, boot_low, boot_high)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";
    private static final String FINISH = """
            INSERT INTO aggregation_runs (experiment_id, error) VALUES (?, ?) ON CONFLICT DO NOTHING""";
    private static final String RUN = "SELECT error FROM aggregation_runs WHERE experiment_id = ?";
    private static final String ROWS = """
            SELECT reconstructor, mode, intensity_index, sigma_index, volume, value, n, std, ci_low, ci_high,
                   boot_low, boot_high
            FROM aggregates WHERE experiment_id = ? AND aggregation = ? AND metric = ?
            ORDER BY intensity_index, sigma_index, volume, reconstructor, mode""";

    private final DataSource dataSource;
    private final ObjectMapper mapper;

    public AggregateRepository(DataSource dataSource, ObjectMapper mapper) {
        this.dataSource = dataSource;
        this.mapper = mapper;
    }

    @Override
    public void recordInput(SliceReconstructed event) {
        String json;
        try {
            json = mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(RECORD)) {
            s.setObject(1, ExperimentRecord.parseId(event.experimentId()));
            s.setString(2, event.reconstruction().key());
            s.setString(3, json);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException("cannot record the aggregation input " + event.reconstruction().key() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<SliceReconstructed> inputs(UUID experimentId) {
        List<SliceReconstructed> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(INPUTS)) {
            s.setObject(1, experimentId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.readValue(rs.getString(1), SliceReconstructed.class));
                }
            }
        } catch (SQLException e) {
            throw new RepositoryException("cannot read the aggregation inputs of " + experimentId + ": "
                    + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored aggregation input of " + experimentId + " is not an event", e);
        }
        return out;
    }

    @Override
    public List<UUID> pending() {
        List<UUID> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(PENDING);
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getObject(1, UUID.class));
            }
        } catch (SQLException e) {
            throw new RepositoryException("cannot list the pending aggregation stages: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void deleteInputs(UUID experimentId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(DELETE_INPUTS)) {
            s.setObject(1, experimentId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException("cannot delete the aggregation inputs of " + experimentId + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void finish(UUID experimentId, List<AggregateRow> rows) {
        Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(INSERT)) {
                int batched = 0;
                for (AggregateRow r : rows) {
                    s.setObject(1, r.experimentId());
                    s.setString(2, r.reconstructor());
                    s.setString(3, r.mode());
                    s.setString(4, r.aggregation());
                    s.setString(5, r.metric());
                    s.setInt(6, r.intensityIndex());
                    s.setInt(7, r.sigmaIndex());
                    s.setInt(8, r.volume());
                    s.setDouble(9, r.value());
                    s.setInt(10, r.n());
                    setNullable(s, 11, r.std());
                    setNullable(s, 12, r.ciLow());
                    setNullable(s, 13, r.ciHigh());
                    setNullable(s, 14, r.bootLow());
                    setNullable(s, 15, r.bootHigh());
                    s.addBatch();
                    if (++batched % 1000 == 0) {
                        s.executeBatch();
                    }
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement(FINISH)) {
                s.setObject(1, experimentId);
                s.setNull(2, Types.VARCHAR);
                s.executeUpdate();
            }
            return null;
        }, () -> "cannot store " + rows.size() + " aggregated values of " + experimentId);
    }

    @Override
    public void fail(UUID experimentId, String error) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(FINISH)) {
            s.setObject(1, experimentId);
            s.setString(2, error);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException("cannot record the failed aggregation of " + experimentId + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Run> run(UUID experimentId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(RUN)) {
            s.setObject(1, experimentId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Run(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new RepositoryException("cannot read the aggregation run of " + experimentId + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<AggregateRow> rows(UUID experimentId, String aggregation, String metric) {
        List<AggregateRow> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(ROWS)) {
            s.setObject(1, experimentId);
            s.setString(2, aggregation);
            s.setString(3, metric);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new AggregateRow(experimentId, rs.getString(1), rs.getString(2), aggregation, metric,
                            rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getDouble(6), rs.getInt(7),
                            nullable(rs, 8), nullable(rs, 9), nullable(rs, 10), nullable(rs, 11), nullable(rs, 12)));
                }
            }
        } catch (SQLException e) {
            throw new RepositoryException("cannot read the aggregated values of " + experimentId + ": "
                    + e.getMessage(), e);
        }
        return out;
    }

    private static void setNullable(PreparedStatement s, int index, Double value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.DOUBLE);
        } else {
            s.setDouble(index, value);
        }
    }

    private static Double nullable(ResultSet rs, int index) throws SQLException {
        double v = rs.getDouble(index);
        return rs.wasNull() ? null : v;
    }
}
