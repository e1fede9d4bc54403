package io.blindspot.scoring.repository;

import io.blindspot.scoring.domain.RepositoryException;
import io.blindspot.scoring.domain.port.DeadLetterStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** The {@code dead_letters} table: events some consumer could not process, with the reason. */
@ApplicationScoped
public class DeadLetterRepository implements DeadLetterStore {
    private static final String INSERT =
            "INSERT INTO dead_letters (experiment_id, topic, reason, payload, received_at) VALUES (?, ?, ?, ?, now())";
    // Distinct reasons, first seen first: a redelivered dead letter should not repeat its reason.
    private static final String REASONS = """
            SELECT reason FROM dead_letters WHERE experiment_id = ?
            GROUP BY reason ORDER BY min(id)""";

    private final DataSource dataSource;

    public DeadLetterRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @param experimentId null when the payload names no experiment */
    public void insert(UUID experimentId, String topic, String reason, String payload) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setObject(1, experimentId);
            s.setString(2, topic);
            s.setString(3, reason);
            s.setString(4, payload);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new RepositoryException("cannot store dead letter: " + e.getMessage(), e);
        }
    }

    /** The distinct reasons of an experiment's dead letters, in the order they first arrived. */
    public List<String> reasons(UUID experimentId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(REASONS)) {
            s.setObject(1, experimentId);
            List<String> reasons = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    reasons.add(rs.getString(1));
                }
            }
            return reasons;
        } catch (SQLException e) {
            throw new RepositoryException("cannot read dead letters of " + experimentId + ": " + e.getMessage(),
                    e);
        }
    }
}
