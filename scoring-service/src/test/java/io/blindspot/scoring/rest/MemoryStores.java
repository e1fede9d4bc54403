package io.blindspot.scoring.rest;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.store.ArrayStore;
import io.blindspot.contracts.store.ObjectNotFoundException;
import io.blindspot.scoring.domain.ExperimentRecord;
import io.blindspot.scoring.domain.ListedExperiment;
import io.blindspot.scoring.domain.ResultRow;
import io.blindspot.scoring.domain.SliceResult;
import io.blindspot.scoring.domain.port.DeadLetterStore;
import io.blindspot.scoring.domain.port.ExperimentStore;
import io.blindspot.scoring.domain.port.ResultStore;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Experiments and their per-slice rows by metric, in memory (no slice image: no histogram), for the tests of the
 * read side's metric, aggregation and audit rule.
 */
record MemoryStores(List<ExperimentRecord> records, Map<UUID, Map<String, List<SliceResult>>> rows)
        implements ExperimentStore, ResultStore, DeadLetterStore, ArrayStore {
    @Override
    public boolean insert(ExperimentRecord e) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<ExperimentRecord> find(UUID id) {
        return records.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    @Override
    public List<ExperimentRecord> list() {
        return records;
    }

    @Override
    public List<ListedExperiment> page(String status, Set<UUID> waiting, Instant stalledBefore, int limit,
                                       long offset) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ExperimentRecord> findByAudit(String auditId) {
        return records.stream().filter(r -> r.specJson().contains("\"id\":\"" + auditId + "\"")).toList();
    }

    @Override
    public void insert(List<ResultRow> r) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void insertBeside(UUID experimentId, String metric, String beside,
                             List<io.blindspot.scoring.domain.StagedSliceValue> values) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long count(UUID experimentId) {
        return rows.getOrDefault(experimentId, Map.of()).values().stream().mapToLong(List::size).sum();
    }

    @Override
    public Progress progress(UUID experimentId) {
        return new Progress(count(experimentId), find(experimentId).orElseThrow().submittedAt().toInstant());
    }

    @Override
    public Map<List<Integer>, Long> perSlice(UUID experimentId) {
        return Map.of();
    }

    @Override
    public List<SliceResult> sliceResults(UUID experimentId, String metric) {
        return rows.getOrDefault(experimentId, Map.of()).getOrDefault(metric, List.of());
    }

    @Override
    public void insert(UUID experimentId, String topic, String reason, String payload) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<String> reasons(UUID experimentId) {
        return List.of();
    }

    @Override
    public FloatArray get(String key) {
        throw new ObjectNotFoundException(key);
    }

    @Override
    public void put(String key, FloatArray array) {
        throw new UnsupportedOperationException();
    }
}
