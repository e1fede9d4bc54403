package io.blindspot.scoring.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.ObjectKeys;
import io.blindspot.contracts.events.AnomalyParams;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.ExperimentSubmitted;
import io.blindspot.contracts.events.ReconstructionRef;
import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.contracts.events.SliceRef;
import io.blindspot.contracts.events.VariantsRef;
import io.blindspot.contracts.store.ObjectNotFoundException;
import io.blindspot.scoring.domain.AggregateRow;
import io.blindspot.scoring.domain.Residual;
import io.blindspot.scoring.domain.SliceResult;
import io.blindspot.scoring.domain.metric.Dice;
import io.blindspot.scoring.domain.metric.NormalQuantile;
import io.blindspot.scoring.domain.metric.Auroc;
import io.blindspot.scoring.domain.metric.PooledAp;
import io.blindspot.scoring.domain.metric.ThresholdTable;
import io.blindspot.scoring.domain.port.AggregateStore;
import io.blindspot.scoring.domain.port.ArtefactStore;
import io.blindspot.scoring.repository.AggregateRepository;
import io.blindspot.scoring.repository.ExperimentRepository;
import io.blindspot.scoring.repository.ResultRepository;
import io.blindspot.scoring.repository.ScoredReconstructions;
import io.blindspot.scoring.repository.TestPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The aggregation stage on a real PostgreSQL with an in-memory object store: events scored through
 * {@link ReconstructionScoring} (blocks of sigmas, two volumes), the stage triggered by the insert that completes
 * the experiment, its values equal to the pooled kernels on the materialised residual maps, the artefacts kept until
 * then and deleted after.
 */
class AggregationStageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROWS = 9;
    private static final int COLS = 8;
    private static final int PLANE = ROWS * COLS;
    private static final List<Double> INTENSITIES = List.of(0.25, 0.75);
    private static final List<Double> SIGMAS = List.of(0.0, 1.0, 2.0);
    private static final List<Integer> SLICES = List.of(40, 41);
    private static TestPostgres db;

    @BeforeAll
    static void start() throws Exception {
        db = TestPostgres.start();
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    /** The object store's part scoring uses, in memory. */
    static final class MemoryArtefacts implements ArtefactStore {
        final Map<String, FloatArray> objects = new ConcurrentHashMap<>();

        @Override
        public FloatArray get(String key) {
            FloatArray a = objects.get(key);
            if (a == null) {
                throw new ObjectNotFoundException(key);
            }
            return a;
        }

        @Override
        public List<String> deleteAll(Collection<String> keys) {
            keys.forEach(objects::remove);
            return List.of();
        }
    }

    private record Setup(String id, MemoryArtefacts store, ReconstructionScoring scoring,
                         ExperimentRegistration registration, AggregateStore aggregates, List<SliceReconstructed> events,
                         ExperimentSpec spec, List<boolean[]> labels, List<float[][]> planes, List<float[][]> recs,
                         List<Integer> volumeOf, List<float[]> normals, ResultRepository results) {
    }

    /** Two volumes × two slices; variants quantised to 1/8 so that residuals tie; each slice's σ in two events. */
    private static Setup setup(long seed, List<String> aggregation) {
        return setup(seed, aggregation, List.of("ap", "auroc"));
    }

    /** With dice-at-normal-q99 among the metrics, each slice's normal slice (image.npy) is stored too. */
    private static Setup setup(long seed, List<String> aggregation, List<String> metrics) {
        String id = UUID.randomUUID().toString();
        Random random = new Random(seed);
        MemoryArtefacts store = new MemoryArtefacts();
        ReadBudget budget = new ReadBudget(160);
        VariantsCache cache = new VariantsCache(store, budget, 8);
        ExperimentRepository experiments = new ExperimentRepository(db.dataSource());
        ResultRepository results = new ResultRepository(db.dataSource());
        AggregateRepository aggregates = new AggregateRepository(db.dataSource(), JSON);
        IntermediateArtefacts intermediates = new IntermediateArtefacts("delete", store,
                new ScoredReconstructions(db.dataSource()), experiments, cache, Duration.ofSeconds(1));
        // a budget of one sigma of the four slices: the stage works sigma by sigma
        AggregationStage stage = new AggregationStage(experiments, results, aggregates, store, cache, intermediates,
                JSON, 4L * PLANE * 4);
        ReconstructionScoring scoring = new ReconstructionScoring(store, cache, results, intermediates, budget,
                new SimpleMeterRegistry(), true, 1, stage);
        ExperimentRegistration registration = new ExperimentRegistration(experiments, JSON, intermediates, stage);
        ExperimentSpec spec = new ExperimentSpec("stage", ExperimentSpec.Dataset.ofVolumes(List.of("upload:a",
                "upload:b"), 2, SLICES, "none"), new ExperimentSpec.Anomaly("disk", 2, INTENSITIES, null, 0L),
                new ExperimentSpec.Reconstruction("normal-rec", "gaussian-blur", SIGMAS), metrics, null,
                aggregation, new ExperimentSpec.Evaluation(new ExperimentSpec.Bootstrap(50, 3L, "slice"), "mean"));
        List<SliceReconstructed> events = new ArrayList<>();
        List<boolean[]> labels = new ArrayList<>();
        List<float[][]> planes = new ArrayList<>();
        List<float[][]> recs = new ArrayList<>();
        List<Integer> volumeOf = new ArrayList<>();
        List<float[]> normals = new ArrayList<>();
        for (int volume = 0; volume < 2; volume++) {
            for (int slice : SLICES) {
                float[] label = new float[PLANE];
                boolean[] positive = new boolean[PLANE];
                int r0 = 1 + random.nextInt(4);
                int c0 = 1 + random.nextInt(4);
                for (int r = r0; r < r0 + 3; r++) {
                    for (int c = c0; c < c0 + 2 + volume; c++) {
                        label[r * COLS + c] = 1f;
                        positive[r * COLS + c] = true;
                    }
                }
                float[] reference = new float[PLANE];
                for (int i = 0; i < PLANE; i++) {
                    reference[i] = random.nextInt(8) / 8f;
                }
                float[][] variants = new float[INTENSITIES.size()][];
                for (int v = 0; v < variants.length; v++) {
                    variants[v] = reference.clone();
                    for (int i = 0; i < PLANE; i++) {
                        if (positive[i]) {
                            variants[v][i] = INTENSITIES.get(v).floatValue();
                        }
                    }
                }
                float[][] sliceRecs = new float[SIGMAS.size()][PLANE];
                for (float[] rec : sliceRecs) {
                    for (int i = 0; i < PLANE; i++) {
                        rec[i] = random.nextInt(16) / 16f;
                    }
                }
                String anomalous = ObjectKeys.anomalous(id, volume, 2, slice);
                String labelKey = ObjectKeys.label(id, volume, 2, slice);
                store.objects.put(anomalous, FloatArray.stack(ROWS, COLS, variants));
                store.objects.put(labelKey, FloatArray.of2d(ROWS, COLS, label));
                // sigmas 0-1 as one block, sigma 2 as another
                String block01 = ObjectKeys.reconstruction(id, volume, 2, slice, "normal-rec", "gaussian-blur", 0);
                float[] data01 = new float[2 * PLANE];
                System.arraycopy(sliceRecs[0], 0, data01, 0, PLANE);
                System.arraycopy(sliceRecs[1], 0, data01, PLANE, PLANE);
                store.objects.put(block01, new FloatArray(new int[] {2, ROWS, COLS}, data01));
                String block2 = ObjectKeys.reconstruction(id, volume, 2, slice, "normal-rec", "gaussian-blur", 2);
                store.objects.put(block2, new FloatArray(new int[] {1, ROWS, COLS}, sliceRecs[2].clone()));
                SliceRef ref = new SliceRef(volume, 2, slice, ROWS, COLS, ObjectKeys.image(id, volume, 2, slice));
                AnomalyParams params = new AnomalyParams("disk", 2, INTENSITIES, List.of(r0, c0), null);
                VariantsRef variantsRef = new VariantsRef(anomalous, labelKey, INTENSITIES.size());
                events.add(new SliceReconstructed(id, ref, params, variantsRef, new ReconstructionRef("normal-rec",
                        "gaussian-blur", 0, 0.0, block01, SIGMAS.subList(0, 2)), metrics));
                events.add(new SliceReconstructed(id, ref, params, variantsRef, new ReconstructionRef("normal-rec",
                        "gaussian-blur", 2, 2.0, block2, SIGMAS.subList(2, 3)), metrics));
                labels.add(positive);
                planes.add(variants);
                recs.add(sliceRecs);
                volumeOf.add(volume);
                normals.add(reference);
                if (metrics.contains("dice-at-normal-q99")) {
                    store.objects.put(ref.imageKey(), FloatArray.of2d(ROWS, COLS, reference.clone()));
                }
            }
        }
        return new Setup(id, store, scoring, registration, aggregates, events, spec, labels, planes, recs, volumeOf,
                normals, results);
    }

    private static void register(Setup s) {
        s.registration().register(new ExperimentSubmitted(s.id(), "2026-01-01T00:00:00Z", s.spec()));
    }

    private static AggregateStore.Run awaitRun(Setup s) throws InterruptedException {
        UUID id = UUID.fromString(s.id());
        for (int i = 0; i < 600; i++) {
            var run = s.aggregates().run(id);
            if (run.isPresent()) {
                return run.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the aggregation stage did not end within 30 s");
    }

    private static void awaitDeleted(Setup s) throws InterruptedException {
        for (int i = 0; i < 200 && s.store().objects.keySet().stream()
                .anyMatch(k -> !k.endsWith("label.npy") && !k.endsWith("image.npy")); i++) {
            Thread.sleep(50);
        }
    }

    private static List<ThresholdTable> tables(Setup s, int intensity, int sigma, List<Integer> slices,
                                               boolean float16) {
        List<ThresholdTable> out = new ArrayList<>();
        for (int k : slices) {
            float[] residual = Residual.of(s.recs().get(k)[sigma], s.planes().get(k)[intensity]);
            out.add(ThresholdTable.of(float16 ? PooledAp.toFloat16(residual) : residual, s.labels().get(k)));
        }
        return out;
    }

    private static double value(List<AggregateRow> rows, int intensity, int sigma, int volume) {
        return rows.stream().filter(r -> r.intensityIndex() == intensity && r.sigmaIndex() == sigma
                && r.volume() == volume).findFirst().orElseThrow().value();
    }

    @Test
    void theInsertThatCompletesTheExperimentRunsTheStageAndItsValuesAreThePooledKernels() throws Exception {
        Setup s = setup(1, List.of("slice-mean", "volume-mean", "pooled", "pooled-float16"));
        register(s);
        for (int i = 0; i < s.events().size(); i++) {
            s.scoring().score(s.events().get(i));
            if (i < s.events().size() - 1) {
                assertThat(s.aggregates().run(UUID.fromString(s.id()))).as("not complete yet").isEmpty();
            }
        }
        assertThat(awaitRun(s).error()).isNull();
        UUID id = UUID.fromString(s.id());
        List<Integer> all = List.of(0, 1, 2, 3);
        for (String metric : List.of("ap", "auroc")) {
            List<AggregateRow> pooled = s.aggregates().rows(id, "pooled", metric);
            List<AggregateRow> pooled16 = s.aggregates().rows(id, "pooled-float16", metric);
            List<AggregateRow> volumeMean = s.aggregates().rows(id, "volume-mean", metric);
            assertThat(pooled).hasSize(INTENSITIES.size() * SIGMAS.size());
            assertThat(volumeMean).hasSize(INTENSITIES.size() * SIGMAS.size() * 3);     // 2 volumes + the mean
            for (int ii = 0; ii < INTENSITIES.size(); ii++) {
                for (int si = 0; si < SIGMAS.size(); si++) {
                    double expected = metric.equals("ap")
                            ? ThresholdTable.merge(tables(s, ii, si, all, false)).averagePrecision()
                            : Auroc.of(ThresholdTable.merge(tables(s, ii, si, all, false)));
                    assertThat(value(pooled, ii, si, -1)).isEqualTo(expected);
                    double expected16 = metric.equals("ap")
                            ? ThresholdTable.merge(tables(s, ii, si, all, true)).averagePrecision()
                            : Auroc.of(ThresholdTable.merge(tables(s, ii, si, all, true)));
                    assertThat(value(pooled16, ii, si, -1)).isEqualTo(expected16);
                    double v0 = metric.equals("ap")
                            ? ThresholdTable.merge(tables(s, ii, si, List.of(0, 1), false)).averagePrecision()
                            : Auroc.of(ThresholdTable.merge(tables(s, ii, si, List.of(0, 1), false)));
                    double v1 = metric.equals("ap")
                            ? ThresholdTable.merge(tables(s, ii, si, List.of(2, 3), false)).averagePrecision()
                            : Auroc.of(ThresholdTable.merge(tables(s, ii, si, List.of(2, 3), false)));
                    assertThat(value(volumeMean, ii, si, 0)).isEqualTo(v0);
                    assertThat(value(volumeMean, ii, si, 1)).isEqualTo(v1);
                    assertThat(value(volumeMean, ii, si, -1)).isEqualTo((v0 + v1) / 2);
                }
            }
            // the pooled AP is also what PooledAp computes on the maps (scikit-learn's, MetricGoldenTest)
            AggregateRow first = pooled.getFirst();
            assertThat(first.n()).isEqualTo(4);
            assertThat(first.bootLow()).isNotNull();
            assertThat(first.bootLow()).isLessThanOrEqualTo(first.bootHigh());
            AggregateRow mean = volumeMean.stream().filter(r -> r.volume() == -1).findFirst().orElseThrow();
            assertThat(mean.n()).isEqualTo(2);
            assertThat(mean.ciLow()).isNotNull();
            assertThat(mean.std()).isNotNull();
        }
        // artefacts: deleted once the stage stored its values; label (and image) stay
        awaitDeleted(s);
        assertThat(s.store().objects.keySet()).allMatch(k -> k.endsWith("label.npy"));
        assertThat(s.aggregates().inputs(id)).isEmpty();
    }

    @Test
    void theArtefactsStayUntilTheStageAndEventsBeforeTheRegistrationAreRecorded() throws Exception {
        Setup s = setup(2, List.of("pooled"));
        // the first three events come before the experiment is known (the topics race)
        for (int i = 0; i < 3; i++) {
            s.scoring().score(s.events().get(i));
        }
        register(s);
        for (int i = 3; i < s.events().size() - 1; i++) {
            s.scoring().score(s.events().get(i));
        }
        Thread.sleep(300);
        // everything is still there: the stage has not run
        assertThat(s.store().objects.keySet().stream().filter(k -> k.contains("/rec/"))).hasSize(8);
        assertThat(s.aggregates().inputs(UUID.fromString(s.id()))).hasSize(7);
        // what a restart now would look at again (AggregationStage.onStart)
        assertThat(s.aggregates().pending()).contains(UUID.fromString(s.id()));
        s.scoring().score(s.events().getLast());
        assertThat(awaitRun(s).error()).isNull();
        UUID id = UUID.fromString(s.id());
        assertThat(s.aggregates().pending()).doesNotContain(id);
        List<AggregateRow> pooled = s.aggregates().rows(id, "pooled", "ap");
        assertThat(value(pooled, 1, 2, -1)).isEqualTo(
                ThresholdTable.merge(tables(s, 1, 2, List.of(0, 1, 2, 3), false)).averagePrecision());
        // a redelivered last event changes nothing (its artefacts are gone: already scored)
        awaitDeleted(s);
        s.scoring().score(s.events().getLast());
        assertThat(s.aggregates().rows(id, "pooled", "ap")).isEqualTo(pooled);
    }

    @Test
    void anExperimentWithoutTheStageDeletesAsBeforeAndWhatItKeptWhileUnknown() throws Exception {
        Setup s = setup(3, List.of("slice-mean"));
        s.scoring().score(s.events().getFirst());        // before registration: kept, recorded
        assertThat(s.store().objects).containsKey(s.events().getFirst().reconstruction().key());
        register(s);
        for (int i = 1; i < s.events().size(); i++) {
            s.scoring().score(s.events().get(i));
        }
        awaitDeleted(s);
        assertThat(s.store().objects.keySet()).allMatch(k -> k.endsWith("label.npy"));
        UUID id = UUID.fromString(s.id());
        assertThat(s.aggregates().inputs(id)).isEmpty();
        assertThat(s.aggregates().run(id)).isEmpty();
    }

    @Test
    void diceAtTheNormalQ99IsStoredPerSliceAndPooledWithTheThresholdOfEveryNormalSlice() throws Exception {
        Setup s = setup(4, List.of("slice-mean", "volume-mean", "pooled"), List.of("ap", "dice-at-normal-q99"));
        register(s);
        s.events().forEach(e -> s.scoring().score(e));
        assertThat(awaitRun(s).error()).isNull();
        UUID id = UUID.fromString(s.id());
        // the stage's per-slice rows are not progress: the experiment still counts its AP rows only
        assertThat(s.results().count(id)).isEqualTo(4L * INTENSITIES.size() * SIGMAS.size());
        List<SliceResult> perSlice = s.results().sliceResults(id, "dice-at-normal-q99");
        List<SliceResult> ap = s.results().sliceResults(id, "ap");
        assertThat(perSlice).hasSize(ap.size());
        List<AggregateRow> pooled = s.aggregates().rows(id, "pooled", "dice-at-normal-q99");
        List<AggregateRow> volumeMean = s.aggregates().rows(id, "volume-mean", "dice-at-normal-q99");
        int checked = 0;
        for (int si = 0; si < SIGMAS.size(); si++) {
            // the threshold: q99 of |rec − normal| over every pixel of the four slices at this sigma
            float[] normalResiduals = new float[4 * PLANE];
            for (int k = 0; k < 4; k++) {
                System.arraycopy(Residual.of(s.recs().get(k)[si], s.normals().get(k)), 0, normalResiduals, k * PLANE,
                        PLANE);
            }
            double threshold = NormalQuantile.linear(normalResiduals, NormalQuantile.Q99);
            for (int ii = 0; ii < INTENSITIES.size(); ii++) {
                long[][] counts = new long[4][3];
                for (int k = 0; k < 4; k++) {
                    float[] residual = Residual.of(s.recs().get(k)[si], s.planes().get(k)[ii]);
                    boolean[] label = s.labels().get(k);
                    for (int i = 0; i < PLANE; i++) {
                        boolean predicted = residual[i] > threshold;
                        counts[k][0] += predicted && label[i] ? 1 : 0;
                        counts[k][1] += predicted && !label[i] ? 1 : 0;
                        counts[k][2] += label[i] ? 1 : 0;
                    }
                    int kk = k;
                    int ci = ii;
                    int cs = si;
                    SliceResult row = perSlice.stream().filter(r -> r.volume() == s.volumeOf().get(kk)
                            && r.slice() == SLICES.get(kk % 2) && r.intensityIndex() == ci && r.sigmaIndex() == cs)
                            .findFirst().orElseThrow();
                    assertThat(row.ap()).as("slice " + k + " sigma " + si + " intensity " + ii)
                            .isEqualTo(Dice.atThreshold(residual, label, threshold));
                    SliceResult apRow = ap.stream().filter(r -> r.volume() == row.volume() && r.slice() == row.slice()
                            && r.intensityIndex() == ci && r.sigmaIndex() == cs).findFirst().orElseThrow();
                    assertThat(row.meanResidual()).isEqualTo(apRow.meanResidual());
                    assertThat(row.threshold()).isEqualTo(threshold);
                    assertThat(apRow.threshold()).isNull();
                    assertThat(row.prevalence()).isEqualTo(apRow.prevalence());
                    checked++;
                }
                assertThat(value(pooled, ii, si, -1)).isEqualTo(dice(counts, 0, 1, 2, 3));
                double v0 = dice(counts, 0, 1);
                double v1 = dice(counts, 2, 3);
                assertThat(value(volumeMean, ii, si, 0)).isEqualTo(v0);
                assertThat(value(volumeMean, ii, si, 1)).isEqualTo(v1);
                assertThat(value(volumeMean, ii, si, -1)).isEqualTo((v0 + v1) / 2);
            }
        }
        assertThat(checked).isEqualTo(4 * INTENSITIES.size() * SIGMAS.size());
        // the image stays (ingest's input); the stage's artefacts go
        awaitDeleted(s);
        assertThat(s.store().objects.keySet()).allMatch(k -> k.endsWith("label.npy") || k.endsWith("image.npy"));
    }

    private static double dice(long[][] counts, int... slices) {
        long tp = 0;
        long fp = 0;
        long p = 0;
        for (int k : slices) {
            tp += counts[k][0];
            fp += counts[k][1];
            p += counts[k][2];
        }
        return 2.0 * tp / (tp + fp + p);
    }
}
