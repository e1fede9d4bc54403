package io.blindspot.scoring.repository;

import io.blindspot.scoring.domain.ExperimentRecord;
import io.blindspot.scoring.domain.ListedExperiment;
import io.blindspot.scoring.domain.RepositoryException;
import io.blindspot.scoring.domain.port.ExperimentStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The {@code experiments} table, in plain SQL. */
@ApplicationScoped
public class ExperimentRepository implements ExperimentStore {
    private static final String INSERT = """
            INSERT INTO experiments (id, name, submitted_at, spec, intensities, sigmas, slices, axis, expected)
            VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO NOTHING""";
    private static final String FIND = """
            SELECT id, name, submitted_at, spec::text AS spec, intensities, sigmas, slices, axis, expected
            FROM experiments WHERE id = ?""";
    private static final String LIST = """
            SELECT id, name, submitted_at, spec::text AS spec, intensities, sigmas, slices, axis, expected
            FROM experiments ORDER BY submitted_at DESC, id""";
    // The three experiments of a blind-spot audit carry its id in the stored spec (ExperimentSpec.audit).
    private static final String BY_AUDIT = """
            SELECT id, name, submitted_at, spec::text AS spec, intensities, sigmas, slices, axis, expected
            FROM experiments WHERE spec->'audit'->>'id' = ? ORDER BY submitted_at, id""";

    /**
     * One page of the list, newest first, each experiment with its progress. The status is classified here as
     * {@code ExperimentStatus.of} does (dead-lettered: failed; every value stored: done; waited for by this instance:
     * waiting; no progress since the cut-off: stalled; else running) so that a status filter pages in SQL. One row
     * more than the page is asked for: whether a next page exists.
     */
    private static final String PAGE = """
            WITH listed AS (
                SELECT e.id, e.name, e.submitted_at, e.expected,
                       e.spec->'anomaly'->>'type' AS anomaly_type,
                       e.spec->'reconstruction'->>'reconstructor' AS reconstructor,
                       e.spec->'reconstruction'->>'mode' AS mode,
                       e.spec->'audit'->>'id' AS audit_id, e.spec->'audit'->>'role' AS audit_role,
                       p.done, coalesce(p.last, e.submitted_at) AS last_progress,
                       EXISTS (SELECT 1 FROM dead_letters d WHERE d.experiment_id = e.id) AS dead_lettered
                FROM experiments e
                CROSS JOIN LATERAL (SELECT count(*) AS done, max(created_at) AS last FROM results r
                                    WHERE r.experiment_id = e.id AND r.%s) p
            ), classified AS (
                SELECT listed.*, CASE
                    WHEN dead_lettered THEN 'failed'
                    WHEN done >= expected THEN 'done'
                    WHEN id = ANY (?) THEN 'waiting'
                    WHEN last_progress <= ? THEN 'stalled'
                    ELSE 'running' END AS status
                FROM listed
            )
            SELECT * FROM classified WHERE (?::text IS NULL OR status = ?::text)
            ORDER BY submitted_at DESC, id LIMIT ? OFFSET ?""".formatted(ResultRepository.PER_EVENT);

    private final DataSource dataSource;

    public ExperimentRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores an experiment unless one with its id exists (a redelivered event changes nothing).
     *
     * @return whether a row was written
     */
    public boolean insert(ExperimentRecord e) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setObject(1, e.id());
            s.setString(2, e.name());
            s.setObject(3, e.submittedAt());
            s.setString(4, e.specJson());
            s.setArray(5, c.createArrayOf("float8", boxed(e.intensities())));
            s.setArray(6, c.createArrayOf("float8", boxed(e.sigmas())));
            s.setArray(7, c.createArrayOf("int4", boxed(e.slices())));
            s.setInt(8, e.axis());
            s.setLong(9, e.expected());
            return s.executeUpdate() == 1;
        } catch (SQLException ex) {
            throw new RepositoryException("cannot store experiment " + e.id() + ": " + ex.getMessage(), ex);
        }
    }

    public Optional<ExperimentRecord> find(UUID id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(FIND)) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ExperimentRecord(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getObject("submitted_at", OffsetDateTime.class), rs.getString("spec"),
                        doubles(rs.getArray("intensities")), doubles(rs.getArray("sigmas")),
                        ints(rs.getArray("slices")), rs.getInt("axis"), rs.getLong("expected")));
            }
        } catch (SQLException ex) {
            throw new RepositoryException("cannot read experiment " + id + ": " + ex.getMessage(), ex);
        }
    }

    /** Every experiment, newest first (the results page). */
    public List<ExperimentRecord> list() {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(LIST)) {
            return records(s);
        } catch (SQLException ex) {
            throw new RepositoryException("cannot list experiments: " + ex.getMessage(), ex);
        }
    }

    /**
     * Up to {@code limit} experiments after {@code offset}, newest first, with their progress.
     *
     * @param status        a status label to keep only those ({@code running}, {@code done}, ...); null for all
     * @param waiting       the experiments this instance waits out a fault for (status waiting)
     * @param stalledBefore an experiment in progress whose last value is this old or older is stalled
     */
    public List<ListedExperiment> page(String status, java.util.Set<UUID> waiting, java.time.Instant stalledBefore,
                                       int limit, long offset) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(PAGE)) {
            s.setArray(1, c.createArrayOf("uuid", waiting.toArray()));
            s.setObject(2, stalledBefore.atOffset(java.time.ZoneOffset.UTC));
            s.setString(3, status);
            s.setString(4, status);
            s.setInt(5, limit);
            s.setLong(6, offset);
            List<ListedExperiment> page = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    page.add(new ListedExperiment(rs.getObject("id", UUID.class), rs.getString("name"),
                            rs.getObject("submitted_at", OffsetDateTime.class).toInstant(), rs.getLong("expected"),
                            rs.getLong("done"), rs.getObject("last_progress", OffsetDateTime.class).toInstant(),
                            rs.getBoolean("dead_lettered"), rs.getString("anomaly_type"),
                            rs.getString("reconstructor"), rs.getString("mode"), rs.getString("audit_id"),
                            rs.getString("audit_role")));
                }
            }
            return page;
        } catch (SQLException ex) {
            throw new RepositoryException("cannot list experiments: " + ex.getMessage(), ex);
        }
    }

    /** The experiments of one blind-spot audit (spec {@code audit.id}), oldest first; empty when none. */
    public List<ExperimentRecord> findByAudit(String auditId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(BY_AUDIT)) {
            s.setString(1, auditId);
            return records(s);
        } catch (SQLException ex) {
            throw new RepositoryException("cannot read audit " + auditId + ": " + ex.getMessage(), ex);
        }
    }

    private static List<ExperimentRecord> records(PreparedStatement s) throws SQLException {
        List<ExperimentRecord> records = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                records.add(new ExperimentRecord(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getObject("submitted_at", OffsetDateTime.class), rs.getString("spec"),
                        doubles(rs.getArray("intensities")), doubles(rs.getArray("sigmas")),
                        ints(rs.getArray("slices")), rs.getInt("axis"), rs.getLong("expected")));
            }
        }
        return records;
    }

    private static Double[] boxed(double[] values) {
        Double[] boxed = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    private static Integer[] boxed(int[] values) {
        Integer[] boxed = new Integer[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    private static double[] doubles(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = ((Number) values[i]).doubleValue();
        }
        return out;
    }

    private static int[] ints(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = ((Number) values[i]).intValue();
        }
        return out;
    }
}
