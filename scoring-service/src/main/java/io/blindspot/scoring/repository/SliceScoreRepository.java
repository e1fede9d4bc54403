package io.blindspot.scoring.repository;

import io.blindspot.scoring.domain.RepositoryException;
import io.blindspot.scoring.domain.SliceScoreRow;
import io.blindspot.scoring.domain.port.SliceScoreStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code slice_scores} table (V7), in plain SQL. An event stores (variants + 1) × sigmas rows (10,100 for a
 * block of 100 sigmas × 100 intensities), one {@code unnest} insert; ON CONFLICT DO NOTHING makes a redelivery
 * change nothing (the table is small beside {@code results}, so its speculative insertion costs little).
 */
@ApplicationScoped
public class SliceScoreRepository implements SliceScoreStore {
    private static final String INSERT = """
            INSERT INTO slice_scores (experiment_id, volume, axis, slice_index, sigma_index, variant, mean, max,
                                      top_k_mean, top_k)
            SELECT * FROM unnest(?::uuid[], ?::int4[], ?::int4[], ?::int4[], ?::int4[], ?::int4[], ?::float8[],
                                 ?::float8[], ?::float8[], ?::int4[])
            ON CONFLICT DO NOTHING""";
    private static final String SELECT = """
            SELECT volume, axis, slice_index, sigma_index, variant, mean, max, top_k_mean, top_k
            FROM slice_scores WHERE experiment_id = ?
            ORDER BY volume, axis, slice_index, sigma_index, variant""";

    private final DataSource dataSource;

    public SliceScoreRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void insert(List<SliceScoreRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        Object[] ids = new Object[n];
        Object[] volumes = new Object[n];
        Object[] axes = new Object[n];
        Object[] slices = new Object[n];
        Object[] sigmas = new Object[n];
        Object[] variants = new Object[n];
        Object[] means = new Object[n];
        Object[] maxes = new Object[n];
        Object[] topKMeans = new Object[n];
        Object[] topKs = new Object[n];
        for (int i = 0; i < n; i++) {
            SliceScoreRow r = rows.get(i);
            ids[i] = r.experimentId();
            volumes[i] = r.volume();
            axes[i] = r.axis();
            slices[i] = r.sliceIndex();
            sigmas[i] = r.sigmaIndex();
            variants[i] = r.variant();
            means[i] = r.mean();
            maxes[i] = r.max();
            topKMeans[i] = r.topKMean();
            topKs[i] = r.topK();
        }
        Object[][] columns = {ids, volumes, axes, slices, sigmas, variants, means, maxes, topKMeans, topKs};
        String[] types = {"uuid", "int4", "int4", "int4", "int4", "int4", "float8", "float8", "float8", "int4"};
        Transactions.inTransaction(dataSource, c -> {
            try (PreparedStatement s = c.prepareStatement(INSERT)) {
                for (int i = 0; i < columns.length; i++) {
                    s.setArray(i + 1, c.createArrayOf(types[i], columns[i]));
                }
                s.executeUpdate();
            }
            return null;
        }, () -> "cannot store " + n + " slice scores of experiment " + rows.get(0).experimentId());
    }

    @Override
    public List<SliceScoreRow> scores(UUID experimentId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SELECT)) {
            s.setObject(1, experimentId);
            List<SliceScoreRow> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new SliceScoreRow(experimentId, rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                            rs.getInt(5), rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getInt(9)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new RepositoryException("cannot read the slice scores of " + experimentId + ": " + e.getMessage(),
                    e);
        }
    }
}
