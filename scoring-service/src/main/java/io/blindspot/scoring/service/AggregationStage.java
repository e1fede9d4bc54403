package io.blindspot.scoring.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.Aggregations;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.Metrics;
import io.blindspot.contracts.events.Modes;
import io.blindspot.contracts.events.ReconstructionRef;
import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.scoring.config.ScoringConfig;
import io.blindspot.scoring.domain.AggregateRow;
import io.blindspot.scoring.domain.CrossSliceAggregates;
import io.blindspot.scoring.domain.DiceAtNormalQ99;
import io.blindspot.scoring.domain.ExperimentRecord;
import io.blindspot.scoring.domain.StagedSliceValue;
import io.blindspot.scoring.domain.SliceVariants;
import io.blindspot.scoring.domain.port.AggregateStore;
import io.blindspot.scoring.domain.port.ArtefactStore;
import io.blindspot.scoring.domain.port.ExperimentStore;
import io.blindspot.scoring.domain.port.ResultStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/**
 * The aggregation stage (issue 14): the cross-slice values an experiment's spec asks for ({@code volume-mean},
 * {@code pooled}, {@code pooled-float16}; {@link CrossSliceAggregates}), computed once its per-slice rows are
 * complete, from the slices' artefacts read again from the object store, and stored in {@code aggregates}.
 *
 * <ul>
 *   <li>Inputs: every scored event of an experiment that needs the stage (or is not registered yet: the topics
 *       race) is recorded ({@link AggregateStore#recordInput}); retention keeps its artefacts meanwhile
 *       ({@link IntermediateArtefacts#afterStored(SliceReconstructed, boolean)}) and deletes them once the stage
 *       has stored its values (or at registration, when the spec turns out not to need the stage).</li>
 *   <li>Trigger: after the insert that completes the experiment (stored values == expected), at start for every
 *       experiment with inputs and no run ({@link #onStart}), and again on a query of an experiment that is complete
 *       but not aggregated (a replica that stored the last row); one background thread, so the Kafka consumer only
 *       hands the id over.</li>
 *   <li>{@code dice-at-normal-q99} ({@link DiceAtNormalQ99}): its threshold pools every normal slice's residual, so
 *       the stage computes it too (normal-rec), writing its per-slice rows into {@code results} beside the AP rows
 *       and its pooled / volume-mean values into {@code aggregates}.</li>
 *   <li>Idempotent: values are inserted with ON CONFLICT DO NOTHING and the run is marked once; two replicas
 *       computing the same experiment store the same values once.</li>
 *   <li>Memory: the reconstructions of {@code blindspot.scoring.aggregation-memory-mb} (default 256 MiB) at once:
 *       the sigmas are worked through in chunks whose planes of every slice fit (a block object is read once per
 *       chunk that needs it, as the store has no ranged reads here); the paper's 30 slices × 100 sigmas of
 *       181 × 217 (470 MB) take two chunks. A chunk holds at least one sigma: anomal-rec with 100 intensities
 *       needs ~470 MB for one sigma of 30 slices, above the default (documented in the README).</li>
 * </ul>
 */
@ApplicationScoped
public class AggregationStage {
    private static final Logger LOG = Logger.getLogger(AggregationStage.class);
    /** Per-slice values stored per statement (dice-at-normal-q99's rows). */
    static final int INSERT_BATCH = 20_000;

    private final ExperimentStore experiments;
    private final ResultStore results;
    private final AggregateStore aggregates;
    private final ArtefactStore store;
    private final VariantsCache variants;
    private final IntermediateArtefacts artefacts;
    private final ObjectMapper mapper;
    private final long memoryBytes;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "blindspot-aggregation");
        t.setDaemon(true);
        return t;
    });
    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();
    /** Whether a registered experiment needs the stage (its spec does not change). */
    private final Map<UUID, Boolean> needs = new ConcurrentHashMap<>();

    @Inject
    public AggregationStage(ExperimentStore experiments, ResultStore results, AggregateStore aggregates,
                            ArtefactStore store, VariantsCache variants, IntermediateArtefacts artefacts,
                            ObjectMapper mapper, ScoringConfig config) {
        this(experiments, results, aggregates, store, variants, artefacts, mapper,
                config.aggregationMemoryMb() * 1024L * 1024L);
    }

    public AggregationStage(ExperimentStore experiments, ResultStore results, AggregateStore aggregates,
                            ArtefactStore store, VariantsCache variants, IntermediateArtefacts artefacts,
                            ObjectMapper mapper, long memoryBytes) {
        if (memoryBytes < 1) {
            throw new IllegalArgumentException("blindspot.scoring.aggregation-memory-mb must be at least 1");
        }
        this.experiments = experiments;
        this.results = results;
        this.aggregates = aggregates;
        this.store = store;
        this.variants = variants;
        this.artefacts = artefacts;
        this.mapper = mapper;
        this.memoryBytes = memoryBytes;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /**
     * At start: every experiment whose stage had inputs but no end (the service stopped between the completing
     * insert and the stage's end, or a replica died) is looked at again, so that its aggregated values do not
     * wait for the first query. Experiments still incomplete are skipped by {@link #runIfComplete}.
     */
    void onStart(@Observes StartupEvent start) {
        try {
            List<UUID> pending = aggregates.pending();
            if (!pending.isEmpty()) {
                LOG.infof("%d experiment(s) with an unfinished aggregation stage: looked at again", pending.size());
            }
            pending.forEach(this::trigger);
        } catch (RuntimeException e) {
            // the database not reachable yet: the query path still triggers the stage
            LOG.warnf("cannot list the unfinished aggregation stages at start: %s", e.getMessage());
        }
    }

    /** Whether a spec asks for anything the stage computes (a staged aggregation, or dice-at-normal-q99). */
    public static boolean needed(ExperimentSpec spec) {
        return spec != null && (Aggregations.orDefault(spec.aggregation()).stream()
                .anyMatch(CrossSliceAggregates.STAGED::contains)
                || Metrics.orDefault(spec.metrics()).contains(Metrics.DICE_AT_NORMAL_Q99));
    }

    /**
     * Called once an event's rows are stored, before retention: records the event when its experiment needs the
     * stage or is not registered yet, and returns whether its artefacts must be kept for the stage.
     */
    public boolean keepFor(SliceReconstructed event) {
        UUID id = ExperimentRecord.parseId(event.experimentId());
        Boolean need = need(id);
        if (Boolean.FALSE.equals(need)) {
            return false;
        }
        aggregates.recordInput(event);
        return true;
    }

    /** Called after retention: starts the stage when this event completed a (registered) experiment needing it. */
    public void afterStored(SliceReconstructed event) {
        UUID id = ExperimentRecord.parseId(event.experimentId());
        if (Boolean.TRUE.equals(need(id))) {
            trigger(id);
        }
    }

    /**
     * Called at registration (every delivery of its event): an experiment that does not need the stage lets go
     * of the artefacts its events kept while it was unknown; one that does is triggered (all its rows may be in).
     */
    public void registered(UUID id) {
        Boolean need = need(id);
        if (Boolean.FALSE.equals(need)) {
            List<SliceReconstructed> kept = aggregates.inputs(id);
            if (!kept.isEmpty()) {
                artefacts.afterAggregated(kept, false);
                aggregates.deleteInputs(id);
            }
        } else if (Boolean.TRUE.equals(need)) {
            trigger(id);
        }
    }

    /** null while the experiment is not registered. */
    private Boolean need(UUID id) {
        Boolean known = needs.get(id);
        if (known != null) {
            return known;
        }
        Optional<ExperimentRecord> record = experiments.find(id);
        if (record.isEmpty()) {
            return null;
        }
        boolean need = needed(spec(record.get()));
        needs.put(id, need);
        return need;
    }

    /**
     * Hands the experiment to the worker when it is complete and not aggregated yet (no-op otherwise, or when it
     * is already queued).
     */
    public void trigger(UUID id) {
        if (!queued.add(id)) {
            return;
        }
        try {
            worker.execute(() -> {
                // off the queue before it looks: a trigger while it runs (the next event, the completing one)
                // queues another look instead of being lost
                queued.remove(id);
                try {
                    runIfComplete(id);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "experiment %s: aggregation stage failed", id);
                }
            });
        } catch (RuntimeException rejected) {
            queued.remove(id);
        }
    }

    /** Runs the stage now (on the caller's thread) if the experiment is complete and not aggregated. */
    void runIfComplete(UUID id) {
        Optional<ExperimentRecord> found = experiments.find(id);
        if (found.isEmpty() || aggregates.run(id).isPresent()) {
            return;
        }
        ExperimentRecord record = found.get();
        ExperimentSpec spec = spec(record);
        if (!needed(spec) || results.count(id) < record.expected()) {
            return;
        }
        long t0 = System.nanoTime();
        List<SliceReconstructed> inputs = aggregates.inputs(id);
        Computed rows;
        try {
            rows = compute(record, spec, inputs);
        } catch (RuntimeException e) {
            // Missing artefacts (retention without the stage's inputs, an experiment from before the stage) or bad
            // data: recorded, so that the query says why instead of waiting for ever.
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            aggregates.fail(id, reason);
            LOG.warnf("experiment %s: aggregation stage failed: %s", id, reason);
            return;
        }
        // the per-slice rows first: once the run is marked, queries read them (a crash between: the next run
        // stores them again, unchanged — the insert skips stored rows)
        // in batches: the arrays of one batch, not of 300,000 rows, beside the stage's planes in the heap (a stage
        // stopped between batches runs again and skips the stored rows)
        List<StagedSliceValue> staged = rows.perSlice();
        for (int from = 0; from < staged.size(); from += INSERT_BATCH) {
            results.insertBeside(id, Metrics.DICE_AT_NORMAL_Q99, Metrics.AP,
                    staged.subList(from, Math.min(staged.size(), from + INSERT_BATCH)));
        }
        aggregates.finish(id, rows.aggregates());
        LOG.infof("experiment %s: %d aggregated values%s stored in %.1f s", id, rows.aggregates().size(),
                staged.isEmpty() ? "" : " and " + staged.size() + " per-slice " + Metrics.DICE_AT_NORMAL_Q99 + " values",
                (System.nanoTime() - t0) / 1e9);
        artefacts.afterAggregated(inputs, true);
        aggregates.deleteInputs(id);
    }

    /** A slice's inputs: its events (blocks of sigmas) and its variants. */
    private record SliceInputs(SliceReconstructed first, List<SliceReconstructed> blocks) {
    }

    /**
     * What the stage stores: the aggregates, and the per-slice rows of the metrics whose per-slice values need
     * the whole test set ({@code dice-at-normal-q99}, stored in {@code results} like every per-slice value).
     */
    record Computed(List<AggregateRow> aggregates, List<StagedSliceValue> perSlice) {
    }

    Computed compute(ExperimentRecord record, ExperimentSpec spec, List<SliceReconstructed> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalStateException("no recorded reconstruction of experiment " + record.id()
                    + " (scored before the aggregation stage existed?)");
        }
        List<String> aggregations = Aggregations.orDefault(spec.aggregation());
        List<String> metrics = Metrics.perSlice(spec.metrics());
        boolean diceAtQ99 = Metrics.orDefault(spec.metrics()).contains(Metrics.DICE_AT_NORMAL_Q99);
        boolean staged = aggregations.stream().anyMatch(CrossSliceAggregates.STAGED::contains);
        CrossSliceAggregates.Bootstrap bootstrap = bootstrap(spec);
        int sigmas = record.sigmas().length;
        // group by (reconstructor, mode), then by slice in (volume, axis, slice) order
        Map<String, Map<String, SliceInputs>> groups = new LinkedHashMap<>();
        List<SliceReconstructed> sorted = new ArrayList<>(inputs);
        sorted.sort(Comparator.comparingInt((SliceReconstructed e) -> e.slice().volume())
                .thenComparingInt(e -> e.slice().axis()).thenComparingInt(e -> e.slice().index())
                .thenComparingInt(e -> e.reconstruction().sigmaIndex()));
        for (SliceReconstructed e : sorted) {
            String group = e.reconstruction().reconstructor() + "\n" + e.reconstruction().mode();
            groups.computeIfAbsent(group, g -> new LinkedHashMap<>())
                    .computeIfAbsent(e.variants().anomalousKey(), k -> new SliceInputs(e, new ArrayList<>()))
                    .blocks().add(e);
        }
        Computed rows = new Computed(new ArrayList<>(), new ArrayList<>());
        for (Map<String, SliceInputs> slices : groups.values()) {
            Computed group = computeGroup(record, new ArrayList<>(slices.values()), sigmas, metrics, aggregations,
                    bootstrap, staged, diceAtQ99);
            rows.aggregates().addAll(group.aggregates());
            rows.perSlice().addAll(group.perSlice());
        }
        return rows;
    }

    /** @param diceAtQ99 whether dice-at-normal-q99 is asked for */
    private Computed computeGroup(ExperimentRecord record, List<SliceInputs> slices, int sigmas,
                                  List<String> metrics, List<String> aggregations,
                                  CrossSliceAggregates.Bootstrap bootstrap, boolean staged,
                                  boolean diceAtQ99) {
        SliceReconstructed first = slices.getFirst().first();
        String reconstructor = first.reconstruction().reconstructor();
        String mode = first.reconstruction().mode();
        boolean perVariant = Modes.ANOMAL_REC.equals(mode);
        if (diceAtQ99 && perVariant) {
            throw new IllegalArgumentException(Metrics.DICE_AT_NORMAL_Q99 + " needs normal-rec (ingest refuses it in "
                    + mode + ")");
        }
        // dice-at-normal-q99's threshold: the normal slices (kept by retention: ingest's image.npy)
        List<float[]> normals = !diceAtQ99 ? null : slices.stream().map(s -> NormalSlices.read(store, s.first())).toList();
        List<SliceVariants> prepared = new ArrayList<>(slices.size());
        long perSigmaBytes = 0;
        for (SliceInputs s : slices) {
            long plane = (long) s.first().slice().rows() * s.first().slice().cols();
            SliceVariants v = variants.get(s.first().variants(), plane);
            prepared.add(v);
            perSigmaBytes += 4L * plane * (perVariant ? v.variants() : 1);
        }
        int chunk = (int) Math.max(1, Math.min(sigmas, memoryBytes / Math.max(1, perSigmaBytes)));
        Computed rows = new Computed(new ArrayList<>(), new ArrayList<>());
        for (int start = 0; start < sigmas; start += chunk) {
            int end = Math.min(sigmas, start + chunk);
            // planes[slice][sigma - start]: this chunk's reconstructions, copied out of their blocks
            float[][][] planes = new float[slices.size()][end - start][];
            for (int s = 0; s < slices.size(); s++) {
                int perSigma = prepared.get(s).pixels() * (perVariant ? prepared.get(s).variants() : 1);
                for (SliceReconstructed block : slices.get(s).blocks()) {
                    ReconstructionRef ref = block.reconstruction();
                    int from = Math.max(start, ref.sigmaIndex());
                    int to = Math.min(end, ref.sigmaIndex() + ref.sigmaCount());
                    if (from >= to) {
                        continue;
                    }
                    FloatArray data = store.get(ref.key());
                    if (data.data().length != (long) perSigma * ref.sigmaCount()) {
                        throw new IllegalArgumentException("reconstruction " + ref.key() + " holds "
                                + data.data().length + " values, expected " + ref.sigmaCount() + " × " + perSigma);
                    }
                    for (int k = from; k < to; k++) {
                        int offset = (k - ref.sigmaIndex()) * perSigma;
                        planes[s][k - start] = Arrays.copyOfRange(data.data(), offset, offset + perSigma);
                    }
                }
                for (int k = start; k < end; k++) {
                    if (planes[s][k - start] == null) {
                        throw new IllegalStateException("slice " + slices.get(s).first().variants().anomalousKey()
                                + " has no recorded reconstruction of sigma index " + k);
                    }
                }
            }
            int chunkStart = start;
            List<Computed> perSigma = IntStream.range(start, end).parallel().mapToObj(k -> {
                List<CrossSliceAggregates.Value> values = new ArrayList<>();
                if (staged) {
                    List<CrossSliceAggregates.SliceAt> at = new ArrayList<>(slices.size());
                    for (int s = 0; s < slices.size(); s++) {
                        at.add(new CrossSliceAggregates.SliceAt(slices.get(s).first().slice().volume(),
                                prepared.get(s), planes[s][k - chunkStart], 0, perVariant));
                    }
                    values.addAll(CrossSliceAggregates.of(at, metrics, aggregations, bootstrap));
                }
                List<StagedSliceValue> perSlice = new ArrayList<>();
                if (diceAtQ99) {
                    List<DiceAtNormalQ99.SliceAt> at = new ArrayList<>(slices.size());
                    for (int s = 0; s < slices.size(); s++) {
                        at.add(new DiceAtNormalQ99.SliceAt(slices.get(s).first().slice().volume(), prepared.get(s),
                                planes[s][k - chunkStart], normals.get(s)));
                    }
                    DiceAtNormalQ99.Result dice = DiceAtNormalQ99.of(at, aggregations, bootstrap);
                    values.addAll(dice.staged());
                    for (int s = 0; s < slices.size(); s++) {
                        SliceReconstructed e = slices.get(s).first();
                        for (int v = 0; v < dice.perSlice()[s].length; v++) {
                            perSlice.add(new StagedSliceValue(reconstructor, mode, e.slice().volume(),
                                    e.slice().axis(), e.slice().index(), v, k, dice.perSlice()[s][v],
                                    dice.threshold()));
                        }
                    }
                }
                List<AggregateRow> out = new ArrayList<>();
                for (CrossSliceAggregates.Value v : values) {
                    out.add(new AggregateRow(record.id(), reconstructor, mode, v.aggregation(), v.metric(),
                            v.variant(), k, v.volume(), v.value(), v.n(), v.std(), v.ciLow(), v.ciHigh(),
                            v.bootLow(), v.bootHigh()));
                }
                return new Computed(out, perSlice);
            }).toList();
            for (Computed c : perSigma) {
                rows.aggregates().addAll(c.aggregates());
                rows.perSlice().addAll(c.perSlice());
            }
        }
        return rows;
    }

    static CrossSliceAggregates.Bootstrap bootstrap(ExperimentSpec spec) {
        if (spec.evaluation() == null || spec.evaluation().bootstrap() == null) {
            return CrossSliceAggregates.Bootstrap.NONE;
        }
        ExperimentSpec.Bootstrap b = spec.evaluation().bootstrap();
        return new CrossSliceAggregates.Bootstrap(b.resamples() == null ? 1000 : b.resamples(),
                b.seed() == null ? 0L : b.seed(), "volume".equals(b.unit()));
    }

    private ExperimentSpec spec(ExperimentRecord e) {
        try {
            return mapper.readValue(e.specJson(), ExperimentSpec.class);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("stored spec of " + e.id() + " is not an ExperimentSpec", ex);
        }
    }
}
