package io.blindspot.scoring.repository;

import io.blindspot.scoring.domain.RepositoryException;
import io.blindspot.scoring.domain.ResultRow;
import io.blindspot.scoring.domain.SliceResult;
import io.blindspot.scoring.domain.StagedSliceValue;
import io.blindspot.scoring.domain.port.ResultStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/** The {@code results} table, in plain SQL. */
@ApplicationScoped
public class ResultRepository implements ResultStore {
    /** Whether a row with this primary key is stored. */
    private static final String EXISTS = """
            SELECT 1 FROM results WHERE experiment_id = ? AND volume = ? AND axis = ? AND slice_index = ?
                AND reconstructor = ? AND mode = ? AND intensity_index = ? AND sigma_index = ? AND metric = ?""";
    /** PostgreSQL's SQLSTATE of a unique violation. */
    private static final String UNIQUE_VIOLATION = "23505";
    /**
     * The per-event rows only: {@code dice-at-normal-q99}'s per-slice rows are written by the aggregation stage after
     * the experiment is complete ({@link #PER_EVENT}), so they are not progress.
     */
    static final String PER_EVENT = "metric <> '" + io.blindspot.contracts.events.Metrics.DICE_AT_NORMAL_Q99 + "'";
    private static final String COUNT = "SELECT count(*) FROM results WHERE experiment_id = ? AND " + PER_EVENT;
    private static final String PROGRESS = "SELECT count(*), max(created_at) FROM results WHERE experiment_id = ? AND "
            + PER_EVENT;
    private static final String PER_SLICE = """
            SELECT volume, axis, slice_index, count(*) FROM results WHERE experiment_id = ? AND %s
            GROUP BY volume, axis, slice_index""".formatted(PER_EVENT);
    private static final String SLICES = """
            SELECT volume, axis, slice_index, intensity_index, sigma_index, intensity, sigma, value, mean_residual,
                   pos_row, pos_col, prevalence, threshold
            FROM results WHERE experiment_id = ? AND metric = ?
            ORDER BY volume, axis, slice_index, intensity_index, sigma_index, reconstructor, mode""";

    /**
     * The stage's values joined to the rows beside them (ResultStore#insertBeside); answers how many values found
     * their row.
     */
    private static final String INSERT_BESIDE = """
            WITH matched AS (
                SELECT r.experiment_id, r.volume, r.axis, r.slice_index, r.reconstructor, r.mode, r.intensity_index,
                       r.sigma_index, r.intensity, r.sigma, ?::text AS metric, v.value, r.mean_residual, r.pos_row,
                       r.pos_col, r.prevalence, v.threshold
                FROM unnest(?::text[], ?::text[], ?::int[], ?::int[], ?::int[], ?::int[], ?::int[], ?::float8[],
                            ?::float8[])
                     AS v(reconstructor, mode, volume, axis, slice_index, intensity_index, sigma_index, value,
                          threshold)
                JOIN results r ON r.experiment_id = ? AND r.metric = ? AND r.volume = v.volume AND r.axis = v.axis
                     AND r.slice_index = v.slice_index AND r.reconstructor = v.reconstructor AND r.mode = v.mode
                     AND r.intensity_index = v.intensity_index AND r.sigma_index = v.sigma_index
            ), inserted AS (
                INSERT INTO results (%s) SELECT * FROM matched ON CONFLICT DO NOTHING RETURNING 1
            )
            SELECT (SELECT count(*) FROM matched)""".formatted(ResultColumns.COLUMNS);

    private final DataSource dataSource;

    public ResultRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores the rows of one event (every sigma of its block) in one statement and one transaction: the rows
     * travel as one array per column ({@link ResultColumns}), in primary-key order. A redelivered event changes
     * nothing.
     *
     * <p>Why not simply {@code ON CONFLICT DO NOTHING}: its speculative insertion of every row costs PostgreSQL
     * ~40% more than a plain insert, and the primary key's index dominates the cost of storing results
     * (measured on the embedded PostgreSQL 17, 300,000 rows: 5.0 s of backend CPU as a batch of one-row
     * inserts, 3.7 s as one unnest insert per event with ON CONFLICT DO NOTHING, 2.2 s plain). An event's rows
     * are stored all or none (one transaction), so if its first row is absent, so is the rest, unless another
     * event stored some of the same rows (an event of an overlapping block of sigmas) or a duplicate delivery is
     * storing them right now: the plain insert then fails with a unique violation, and the transaction starts
     * over with ON CONFLICT DO NOTHING, as it does straight away when the first row is stored already.
     */
    public void insert(List<ResultRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<ResultRow> sorted = ResultColumns.keyOrder(rows);
        ResultColumns columns = ResultColumns.of(sorted);
        Transactions.inTransaction(dataSource, c -> {
            if (!exists(c, sorted.get(0))) {
                try {
                    // committed by inTransaction; the primary key is not deferrable, so a duplicate fails here, in
                    // the statement, not in the commit
                    insert(c, columns, false);
                    return null;
                } catch (SQLException e) {
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                    c.rollback();
                }
            }
            insert(c, columns, true);
            return null;
        }, () -> "cannot store " + rows.size() + " results of experiment " + rows.get(0).experimentId());
    }

    private static boolean exists(Connection c, ResultRow r) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(EXISTS)) {
            s.setObject(1, r.experimentId());
            s.setInt(2, r.volume());
            s.setInt(3, r.axis());
            s.setInt(4, r.sliceIndex());
            s.setString(5, r.reconstructor());
            s.setString(6, r.mode());
            s.setInt(7, r.intensityIndex());
            s.setInt(8, r.sigmaIndex());
            s.setString(9, r.metric());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void insert(Connection c, ResultColumns columns, boolean skipExisting) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ResultColumns.insertSql(skipExisting))) {
            Object[][] arrays = columns.columns();
            for (int i = 0; i < arrays.length; i++) {
                s.setArray(i + 1, c.createArrayOf(columns.types()[i], arrays[i]));
            }
            s.executeUpdate();
        }
    }

    /**
     * One statement, one transaction: the values travel as arrays and take the cell facts of the rows of
     * {@code beside} in SQL, so the stage never reads those rows into memory. Afterwards every value must have its
     * row (counted in the same statement: a value without a row of {@code beside} would be lost silently).
     */
    @Override
    public void insertBeside(UUID experimentId, String metric, String beside, List<StagedSliceValue> values) {
        if (values.isEmpty()) {
            return;
        }
        int n = values.size();
        String[] reconstructors = new String[n];
        String[] modes = new String[n];
        Integer[] volumes = new Integer[n];
        Integer[] axes = new Integer[n];
        Integer[] slices = new Integer[n];
        Integer[] intensities = new Integer[n];
        Integer[] sigmas = new Integer[n];
        Double[] numbers = new Double[n];
        Double[] thresholds = new Double[n];
        for (int i = 0; i < n; i++) {
            StagedSliceValue v = values.get(i);
            reconstructors[i] = v.reconstructor();
            modes[i] = v.mode();
            volumes[i] = v.volume();
            axes[i] = v.axis();
            slices[i] = v.slice();
            intensities[i] = v.intensityIndex();
            sigmas[i] = v.sigmaIndex();
            numbers[i] = v.value();
            thresholds[i] = v.threshold();
        }
        long matched = Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(INSERT_BESIDE)) {
                s.setString(1, metric);
                s.setArray(2, c.createArrayOf("text", reconstructors));
                s.setArray(3, c.createArrayOf("text", modes));
                s.setArray(4, c.createArrayOf("int4", volumes));
                s.setArray(5, c.createArrayOf("int4", axes));
                s.setArray(6, c.createArrayOf("int4", slices));
                s.setArray(7, c.createArrayOf("int4", intensities));
                s.setArray(8, c.createArrayOf("int4", sigmas));
                s.setArray(9, c.createArrayOf("float8", numbers));
                s.setArray(10, c.createArrayOf("float8", thresholds));
                s.setObject(11, experimentId);
                s.setString(12, beside);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }, () -> "cannot store " + n + " " + metric + " values of experiment " + experimentId);
        if (matched < n) {
            // the matched values are stored (they are right); the stage fails and records why
            throw new IllegalStateException((n - matched) + " of " + n + " " + metric + " values of experiment "
                    + experimentId + " have no " + beside + " row beside them");
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

    /**
     * The experiment's progress: stored values and when the last of them was stored (its transaction's start; null
     * when there is none).
     */
    public Progress progress(UUID experimentId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(PROGRESS)) {
            s.setObject(1, experimentId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                OffsetDateTime last = rs.getObject(2, OffsetDateTime.class);
                return new Progress(rs.getLong(1), last == null ? null : last.toInstant());
            }
        } catch (SQLException e) {
            throw new RepositoryException("cannot read the progress of " + experimentId + ": " + e.getMessage(), e);
        }
    }


    /** Stored values per slice: [volume, axis, slice] to count (slices without any are absent). */
    public Map<List<Integer>, Long> perSlice(UUID experimentId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(PER_SLICE)) {
            s.setObject(1, experimentId);
            Map<List<Integer>, Long> counts = new HashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3)), rs.getLong(4));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new RepositoryException("cannot count the results of " + experimentId + " per slice: "
                    + e.getMessage(), e);
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
                            rs.getObject("pos_row", Integer.class), rs.getObject("pos_col", Integer.class),
                            rs.getObject("prevalence", Double.class), rs.getObject("threshold", Double.class)));
                }
            }
            return results;
        } catch (SQLException e) {
            throw new RepositoryException("cannot read results of " + experimentId + ": " + e.getMessage(), e);
        }
    }
}
