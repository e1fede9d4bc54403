package io.blindspot.inference.messaging;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.ObjectKeys;
import io.blindspot.contracts.events.AnomaliesSynthesized;
import io.blindspot.contracts.events.AnomalyParams;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.ReconstructionRef;
import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.contracts.events.SliceRef;
import io.blindspot.contracts.events.VariantsRef;
import io.blindspot.contracts.store.ObjectNotFoundException;
import io.blindspot.inference.domain.GaussianBlur;
import io.blindspot.inference.domain.Reconstructor;
import io.blindspot.inference.domain.Reconstructors;
import io.blindspot.inference.domain.onnx.ModelRegistry;
import io.blindspot.inference.domain.onnx.TestModels;
import io.blindspot.inference.service.ReconstructionService;
import io.blindspot.inference.store.InMemoryModelStore;
import io.blindspot.testing.InMemoryArrayStore;
import io.blindspot.testing.RecordingEmitter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnomaliesConsumerTest {
    private static final String IMAGE = ObjectKeys.image("exp-1", 2, 85);
    private static final String ANOMALOUS = ObjectKeys.anomalous("exp-1", 2, 85);
    private static final String LABEL = ObjectKeys.label("exp-1", 2, 85);
    private static final SliceRef SLICE = new SliceRef(2, 85, 3, 4, IMAGE);
    private static final AnomalyParams ANOMALY = new AnomalyParams("disk", 1, List.of(0.0, 1.0), List.of(1, 1), 5L);
    private static final String LABEL_VALUES = ObjectKeys.labelValues("exp-1", 0, 2, 85);
    private static final VariantsRef VARIANTS = new VariantsRef(ANOMALOUS, LABEL, 2);
    private static final VariantsRef COMPACT = new VariantsRef(ANOMALOUS, LABEL, 2, LABEL_VALUES);
    /** Bytes of one sigma's output of the 3 x 4 slice: normal-rec 12 floats, anomal-rec 2 variants x 12 floats. */
    private static final long NORMAL_SIGMA_BYTES = 3 * 4 * 4;
    private static final long ANOMAL_SIGMA_BYTES = 2 * 3 * 4 * 4;

    private static final float[] NORMAL = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 0.0f, 0.25f, 0.5f};

    private final CountingStore store = new CountingStore();
    private final RecordingEmitter<SliceReconstructed> emitter = new RecordingEmitter<>();
    private final AnomaliesConsumer consumer = new AnomaliesConsumer(
            new ReconstructionService(store, Reconstructors.defaults()), emitter);

    private static AnomaliesSynthesized event(String mode, String reconstructor, List<Double> sigmas) {
        return event(mode, reconstructor, sigmas, VARIANTS);
    }

    private static AnomaliesSynthesized event(String mode, String reconstructor, List<Double> sigmas,
                                              VariantsRef variants) {
        return new AnomaliesSynthesized("exp-1", SLICE, ANOMALY,
                new ExperimentSpec.Reconstruction(mode, reconstructor, sigmas), variants);
    }

    private AnomaliesConsumer consumer(Reconstructors registry, long blockBytes) {
        return new AnomaliesConsumer(new ReconstructionService(store, registry, blockBytes), emitter,
                new SimpleMeterRegistry());
    }

    /** Plane {@code i} of sigma slot {@code j} of a [sigmas, n, rows, cols] block (copied). */
    private static float[] slot(FloatArray block, int j, int i) {
        int[] shape = block.shape();
        int size = shape[2] * shape[3];
        int from = (j * shape[1] + i) * size;
        return Arrays.copyOfRange(block.data(), from, from + size);
    }

    private void storeInputs() {
        store.objects().put(IMAGE, FloatArray.of2d(3, 4, NORMAL));
        float[] variants = new float[24];
        for (int i = 0; i < 12; i++) {
            variants[i] = NORMAL[i];
            variants[12 + i] = 1f - NORMAL[i];
        }
        store.objects().put(ANOMALOUS, new FloatArray(new int[] {2, 3, 4}, variants));
    }

    @Test
    void aSliceOfAnotherVolumeWritesItsReconstructionsUnderThatVolumesPrefix() {
        store.objects().put(ObjectKeys.image("exp-1", 4, 2, 85), FloatArray.of2d(3, 4, NORMAL));
        SliceRef slice = new SliceRef(4, 2, 85, 3, 4, ObjectKeys.image("exp-1", 4, 2, 85));
        consumer.onAnomalies(new AnomaliesSynthesized("exp-1", slice, ANOMALY,
                new ExperimentSpec.Reconstruction("normal-rec", "gaussian-blur", List.of(0.0)), VARIANTS));

        assertThat(emitter.sent).hasSize(1);
        assertThat(emitter.sent.get(0).reconstruction().key())
                .isEqualTo("experiments/exp-1/slices/v004-axis2-0085/rec/normal-rec/gaussian-blur/0000.npy");
        assertThat(emitter.sent.get(0).slice().volume()).isEqualTo(4);
    }

    @Test
    void normalRecWithTheDefaultBlockSizeIsOneObjectAndOneEventForAllSigmas() {
        // 3 sigmas x 48 bytes << 16 MiB: one block [3, 3, 4] whose plane j is the blur of sigma j, bit for bit.
        storeInputs();
        consumer.onAnomalies(event("normal-rec", "gaussian-blur", List.of(0.0, 0.5, 1.0)));

        assertThat(store.reads).containsExactly(IMAGE); // read once for all three sigmas
        String key = key(0);
        assertThat(key).endsWith("experiments/exp-1/slices/v000-axis2-0085/rec/normal-rec/gaussian-blur/0000.npy");
        FloatArray out = store.objects().get(key);
        assertThat(out.shape()).containsExactly(3, 3, 4);
        double[] sigmas = {0.0, 0.5, 1.0};
        for (int j = 0; j < 3; j++) {
            assertThat(out.plane(j)).containsExactly(new GaussianBlur(sigmas[j]).apply(NORMAL, 3, 4));
        }
        assertThat(out.plane(0)).containsExactly(NORMAL); // sigma 0 is the identity
        assertThat(emitter.sent).containsExactly(new SliceReconstructed("exp-1", SLICE, ANOMALY, VARIANTS,
                new ReconstructionRef("normal-rec", "gaussian-blur", 0, 0.0, key, List.of(0.0, 0.5, 1.0))));
        assertThat(store.objects()).containsOnlyKeys(IMAGE, ANOMALOUS, key);
    }

    @Test
    void normalRecInBlocksOfTwoSigmasSendsThreeEventsForFiveSigmas() {
        // block-bytes 100 / 48 bytes per sigma = 2 sigmas per block: [s0, s1], [s2, s3], [s4] at indices 0, 2, 4.
        storeInputs();
        List<Double> sigmas = List.of(0.0, 0.5, 1.0, 1.5, 2.0);
        consumer(Reconstructors.defaults(), 100).onAnomalies(event("normal-rec", "gaussian-blur", sigmas));

        assertThat(store.reads).containsExactly(IMAGE);
        assertThat(emitter.sent).extracting(SliceReconstructed::reconstruction).containsExactly(
                new ReconstructionRef("normal-rec", "gaussian-blur", 0, 0.0, key(0), List.of(0.0, 0.5)),
                new ReconstructionRef("normal-rec", "gaussian-blur", 2, 1.0, key(2), List.of(1.0, 1.5)),
                new ReconstructionRef("normal-rec", "gaussian-blur", 4, 2.0, key(4), List.of(2.0)));
        assertThat(emitter.sent).allSatisfy(e -> assertThat(e.reconstruction().block()).isTrue());
        int[][] shapes = {{2, 3, 4}, {2, 3, 4}, {1, 3, 4}};
        int[] firsts = {0, 2, 4};
        for (int b = 0; b < 3; b++) {
            FloatArray out = store.objects().get(key(firsts[b]));
            assertThat(out.shape()).containsExactly(shapes[b]);
            for (int j = 0; j < shapes[b][0]; j++) {
                double sigma = sigmas.get(firsts[b] + j);
                assertThat(out.plane(j)).as("sigma %s", sigma)
                        .containsExactly(new GaussianBlur(sigma).apply(NORMAL, 3, 4));
            }
        }
        // the blocks laid end to end are the one block of the default size, value for value
        InMemoryArrayStore single = new InMemoryArrayStore();
        single.objects().put(IMAGE, FloatArray.of2d(3, 4, NORMAL));
        new AnomaliesConsumer(new ReconstructionService(single, Reconstructors.defaults()), new RecordingEmitter<>())
                .onAnomalies(event("normal-rec", "gaussian-blur", sigmas));
        float[] joined = new float[5 * 12];
        for (int b = 0; b < 3; b++) {
            float[] data = store.objects().get(key(firsts[b])).data();
            System.arraycopy(data, 0, joined, firsts[b] * 12, data.length);
        }
        assertThat(single.objects().get(key(0)).data()).containsExactly(joined);
    }

    @Test
    void experimentOnesHundredSigmasOfAFullSliceAreOneBlock() {
        // 100 sigmas of a 181 x 217 slice = 15.7 MB < 16 MiB: one object [100, 181, 217] and one event.
        int rows = 181;
        int cols = 217;
        float[] image = new float[rows * cols];
        for (int i = 0; i < image.length; i++) {
            image[i] = (i % 97) / 96f;
        }
        String imageKey = ObjectKeys.image("exp-1", 2, 90);
        store.objects().put(imageKey, FloatArray.of2d(rows, cols, image));
        List<Double> sigmas = new ArrayList<>();
        for (int j = 0; j < 100; j++) {
            sigmas.add(j / 20.0);
        }
        SliceRef slice = new SliceRef(2, 90, rows, cols, imageKey);
        consumer.onAnomalies(new AnomaliesSynthesized("exp-1", slice, ANOMALY,
                new ExperimentSpec.Reconstruction("normal-rec", "gaussian-blur", sigmas), VARIANTS));

        assertThat(emitter.sent).hasSize(1);
        ReconstructionRef ref = emitter.sent.get(0).reconstruction();
        assertThat(ref.sigmaIndex()).isZero();
        assertThat(ref.sigmas()).isEqualTo(sigmas);
        FloatArray out = store.objects().get(ref.key());
        assertThat(out.shape()).containsExactly(100, rows, cols);
        for (int j : new int[] {0, 1, 57, 99}) {
            assertThat(out.plane(j)).containsExactly(new GaussianBlur(sigmas.get(j)).apply(image, rows, cols));
        }
    }

    @Test
    void anomalRecBlursEveryVariant() {
        storeInputs();
        consumer.onAnomalies(event("anomal-rec", "gaussian-blur", List.of(2.0)));

        assertThat(store.reads).containsExactly(ANOMALOUS);
        String key = ObjectKeys.reconstruction("exp-1", 2, 85, "anomal-rec", "gaussian-blur", 0);
        FloatArray out = store.objects().get(key);
        assertThat(out.shape()).containsExactly(1, 2, 3, 4); // [sigmas, variants, rows, cols]
        FloatArray in = store.objects().get(ANOMALOUS);
        assertThat(slot(out, 0, 0)).containsExactly(new GaussianBlur(2.0).apply(in.plane(0), 3, 4));
        assertThat(slot(out, 0, 1)).containsExactly(new GaussianBlur(2.0).apply(in.plane(1), 3, 4));
        assertThat(emitter.sent).extracting(SliceReconstructed::reconstruction)
                .containsExactly(new ReconstructionRef("anomal-rec", "gaussian-blur", 0, 2.0, key, List.of(2.0)));
    }

    @Test
    void anomalRecInBlocksHoldsEveryVariantOfEachSigma() {
        // 2 variants x 12 floats x 4 B = 96 B per sigma; block-bytes 200 -> 2 sigmas per block: [0, 1], [3].
        storeInputs();
        consumer(Reconstructors.defaults(), 200).onAnomalies(event("anomal-rec", "gaussian-blur",
                List.of(0.0, 1.0, 3.0)));

        String first = ObjectKeys.reconstruction("exp-1", 2, 85, "anomal-rec", "gaussian-blur", 0);
        String second = ObjectKeys.reconstruction("exp-1", 2, 85, "anomal-rec", "gaussian-blur", 2);
        assertThat(emitter.sent).extracting(SliceReconstructed::reconstruction).containsExactly(
                new ReconstructionRef("anomal-rec", "gaussian-blur", 0, 0.0, first, List.of(0.0, 1.0)),
                new ReconstructionRef("anomal-rec", "gaussian-blur", 2, 3.0, second, List.of(3.0)));
        FloatArray in = store.objects().get(ANOMALOUS);
        FloatArray a = store.objects().get(first);
        FloatArray b = store.objects().get(second);
        assertThat(a.shape()).containsExactly(2, 2, 3, 4);
        assertThat(b.shape()).containsExactly(1, 2, 3, 4);
        for (int i = 0; i < 2; i++) {
            assertThat(slot(a, 0, i)).containsExactly(in.plane(i)); // sigma 0: identity
            assertThat(slot(a, 1, i)).containsExactly(new GaussianBlur(1.0).apply(in.plane(i), 3, 4));
            assertThat(slot(b, 0, i)).containsExactly(new GaussianBlur(3.0).apply(in.plane(i), 3, 4));
        }
    }

    /**
     * Compact variants of the 3 x 4 slice: both equal NORMAL outside the label (pixels 5 and 6, row 1, columns
     * 1 and 2); on it variant 0 has 0.0, 0.0 and variant 1 has 1.0, 0.75. Returns the full stack they stand for,
     * written out by hand.
     */
    private FloatArray storeCompactInputs() {
        store.objects().put(IMAGE, FloatArray.of2d(3, 4, NORMAL));
        float[] label = new float[12];
        label[5] = 1f;
        label[6] = 1f;
        store.objects().put(LABEL, FloatArray.of2d(3, 4, label));
        store.objects().put(ANOMALOUS, FloatArray.of2d(3, 4, NORMAL));
        store.objects().put(LABEL_VALUES, new FloatArray(new int[] {2, 2}, new float[] {0f, 0f, 1f, 0.75f}));
        float[] full = new float[24];
        System.arraycopy(NORMAL, 0, full, 0, 12);
        System.arraycopy(NORMAL, 0, full, 12, 12);
        full[5] = 0f;
        full[6] = 0f;
        full[12 + 5] = 1f;
        full[12 + 6] = 0.75f;
        return new FloatArray(new int[] {2, 3, 4}, full);
    }

    @Test
    void anomalRecFromCompactVariantsEqualsAnomalRecFromTheFullStack() {
        FloatArray full = storeCompactInputs();
        List<Double> sigmas = List.of(0.0, 0.8);
        consumer.onAnomalies(event("anomal-rec", "gaussian-blur", sigmas, COMPACT));
        assertThat(store.reads).containsExactly(ANOMALOUS, LABEL, LABEL_VALUES);
        String key = ObjectKeys.reconstruction("exp-1", 2, 85, "anomal-rec", "gaussian-blur", 0);
        FloatArray fromCompact = store.objects().get(key);

        InMemoryArrayStore fullStore = new InMemoryArrayStore();
        fullStore.objects().put(ANOMALOUS, full);
        RecordingEmitter<SliceReconstructed> fullEmitter = new RecordingEmitter<>();
        new AnomaliesConsumer(new ReconstructionService(fullStore, Reconstructors.defaults()), fullEmitter)
                .onAnomalies(event("anomal-rec", "gaussian-blur", sigmas, VARIANTS));
        FloatArray fromFull = fullStore.objects().get(key);

        assertThat(fromCompact).isEqualTo(fromFull);
        assertThat(fromCompact.shape()).containsExactly(2, 2, 3, 4);
        // sigma 0 is the identity: the expanded variants themselves
        assertThat(slot(fromCompact, 0, 0)).containsExactly(full.plane(0));
        assertThat(slot(fromCompact, 0, 1)).containsExactly(full.plane(1));
        assertThat(slot(fromCompact, 0, 1)[6]).isEqualTo(0.75f);
        assertThat(slot(fromCompact, 1, 1)).containsExactly(new GaussianBlur(0.8).apply(full.plane(1), 3, 4));
        // the event passes the variants on as they came (compact); the reconstruction refs are the same
        assertThat(emitter.sent.get(0).variants()).isEqualTo(COMPACT);
        assertThat(emitter.sent.get(0).reconstruction()).isEqualTo(fullEmitter.sent.get(0).reconstruction());
    }

    @Test
    void compactVariantsWhoseShapesDisagreeWithTheEventAreRejectedNamingTheKey() {
        storeCompactInputs();
        // label values for 3 label pixels, the label has 2
        store.objects().put(LABEL_VALUES, new FloatArray(new int[] {2, 3}, new float[6]));
        assertThatThrownBy(() -> consumer.onAnomalies(event("anomal-rec", "gaussian-blur", List.of(1.0), COMPACT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(LABEL_VALUES + " has shape [2, 3], the event says [2, 2]");
        // values for 1 variant, the event says 2
        store.objects().put(LABEL_VALUES, new FloatArray(new int[] {1, 2}, new float[2]));
        assertThatThrownBy(() -> consumer.onAnomalies(event("anomal-rec", "gaussian-blur", List.of(1.0), COMPACT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(LABEL_VALUES + " has shape [1, 2], the event says [2, 2]");
        // a full stack where the compact reference plane belongs
        storeCompactInputs();
        store.objects().put(ANOMALOUS, new FloatArray(new int[] {2, 3, 4}, new float[24]));
        assertThatThrownBy(() -> consumer.onAnomalies(event("anomal-rec", "gaussian-blur", List.of(1.0), COMPACT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(ANOMALOUS + " has shape [2, 3, 4], the event says [3, 4]");
        // a label of another size
        storeCompactInputs();
        store.objects().put(LABEL, FloatArray.of2d(4, 3, new float[12]));
        assertThatThrownBy(() -> consumer.onAnomalies(event("anomal-rec", "gaussian-blur", List.of(1.0), COMPACT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(LABEL + ": label must be [3, 4], got [4, 3]");
        assertThat(emitter.sent).isEmpty();
    }

    @Test
    void everyEventIsTimedByModeReconstructorFamilyAndOutcome() {
        storeInputs();
        var meters = new SimpleMeterRegistry();
        AnomaliesConsumer timed = new AnomaliesConsumer(
                new ReconstructionService(store, Reconstructors.defaults()), emitter, meters);
        timed.onAnomalies(event("anomal-rec", "gaussian-blur", List.of(2.0)));
        timed.onAnomalies(event("anomal-rec", "gaussian-blur", List.of(1.0)));
        assertThatThrownBy(() -> timed.onAnomalies(event("normal-rec", "onnx:nope", List.of(0.0))));
        assertThatThrownBy(() -> timed.onAnomalies(event("both-rec", "gaussian-blur", List.of(0.0))));
        assertThat(meters.get("blindspot.inference.event")
                .tags("mode", "other", "reconstructor", "gaussian-blur", "outcome", "failed").timer().count())
                .isEqualTo(1);
        assertThat(meters.get("blindspot.inference.event")
                .tags("mode", "anomal-rec", "reconstructor", "gaussian-blur", "outcome", "ok").timer().count())
                .isEqualTo(2);
        // the family only: model names would make the tag values unbounded
        assertThat(meters.get("blindspot.inference.event")
                .tags("mode", "normal-rec", "reconstructor", "onnx", "outcome", "failed").timer().count())
                .isEqualTo(1);
    }

    @Test
    void unknownReconstructorOrModeFailsTheEventBeforeAnythingIsWritten() {
        storeInputs();
        assertThatThrownBy(() -> consumer.onAnomalies(event("normal-rec", "vq-vae", List.of(1.0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown reconstructor 'vq-vae'; supported: gaussian-blur");
        assertThatThrownBy(() -> consumer.onAnomalies(event("both-rec", "gaussian-blur", List.of(1.0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown reconstruction mode 'both-rec'; supported: normal-rec, anomal-rec");
        assertThat(store.objects()).containsOnlyKeys(IMAGE, ANOMALOUS);
        assertThat(emitter.sent).isEmpty();
    }

    @Test
    void inputsWhoseShapeDisagreesWithTheEventAreRejected() {
        storeInputs();
        store.objects().put(ANOMALOUS, new FloatArray(new int[] {1, 3, 4}, new float[12]));
        assertThatThrownBy(() -> consumer.onAnomalies(event("anomal-rec", "gaussian-blur", List.of(1.0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(ANOMALOUS + " has shape [1, 3, 4], the event says [2, 3, 4]");
    }

    @Test
    void aMissingInputFails() {
        assertThatThrownBy(() -> consumer.onAnomalies(event("normal-rec", "gaussian-blur", List.of(1.0))))
                .isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void anAnomalRecReplayAfterScoringDeletedTheVariantsIsSkippedNotDeadLettered() {
        storeInputs();
        store.objects().remove(ANOMALOUS);
        consumer.onAnomalies(event("anomal-rec", "gaussian-blur", List.of(1.0)));
        assertThat(emitter.sent).isEmpty();
        assertThat(store.objects()).containsOnlyKeys(IMAGE);
    }

    @Test
    void everySendIsAwaitedAndOneRejectionFailsTheEvent() {
        storeInputs();
        emitter.failCalls(n -> n == 1, new IllegalStateException("broker down"));
        // one sigma per block: three sends, the second rejected
        AnomaliesConsumer small = consumer(Reconstructors.defaults(), NORMAL_SIGMA_BYTES);
        assertThatThrownBy(() -> small.onAnomalies(event("normal-rec", "gaussian-blur", List.of(0.0, 1.0, 2.0))))
                .isInstanceOf(CompletionException.class)
                .hasRootCauseMessage("broker down");
        // the other blocks were still produced and sent; redelivery rewrites the same keys
        assertThat(emitter.sent).extracting(e -> e.reconstruction().sigmaIndex()).containsExactly(0, 2);
    }

    @Test
    void aModelReconstructsOncePerEventWhateverTheSigmasAndBlocks() {
        // A model ignores sigma, so all sigmas share one reconstructor and one run, whose output (here x + 1)
        // fills every sigma's slot — in one block (default size) as in one block per sigma.
        storeInputs();
        int[] runs = {0};
        Reconstructor counting = batch -> {
            runs[0]++;
            float[] plus = batch.data().clone();
            for (int i = 0; i < plus.length; i++) {
                plus[i] += 1f;
            }
            return new FloatArray(batch.shape(), plus);
        };
        Reconstructors registry = Reconstructors.defaults().register("count", "count", (arg, sigma) -> counting);
        FloatArray in = store.objects().get(ANOMALOUS);
        float[][] expected = new float[2][];
        for (int i = 0; i < 2; i++) {
            expected[i] = in.plane(i);
            for (int p = 0; p < 12; p++) {
                expected[i][p] += 1f;
            }
        }

        consumer(registry, ReconstructionService.DEFAULT_BLOCK_BYTES)
                .onAnomalies(event("anomal-rec", "count", List.of(0.0, 1.0, 2.0)));
        assertThat(runs[0]).isEqualTo(1);
        assertThat(emitter.sent).hasSize(1);
        FloatArray block = store.objects().get(ObjectKeys.reconstruction("exp-1", 2, 85, "anomal-rec", "count", 0));
        assertThat(block.shape()).containsExactly(3, 2, 3, 4);
        for (int j = 0; j < 3; j++) {
            assertThat(slot(block, j, 0)).containsExactly(expected[0]);
            assertThat(slot(block, j, 1)).containsExactly(expected[1]);
        }

        runs[0] = 0;
        emitter.sent.clear();
        consumer(registry, ANOMAL_SIGMA_BYTES).onAnomalies(event("anomal-rec", "count", List.of(0.0, 1.0, 2.0)));
        assertThat(runs[0]).isEqualTo(1);
        assertThat(emitter.sent).extracting(e -> e.reconstruction().sigmaIndex()).containsExactly(0, 1, 2);
        for (int j = 0; j < 3; j++) {
            FloatArray one = store.objects().get(ObjectKeys.reconstruction("exp-1", 2, 85, "anomal-rec", "count", j));
            assertThat(one.shape()).containsExactly(1, 2, 3, 4);
            assertThat(slot(one, 0, 0)).containsExactly(expected[0]);
            assertThat(slot(one, 0, 1)).containsExactly(expected[1]);
        }
    }

    @Test
    void aReconstructionOfTheWrongShapeFailsTheEvent() {
        storeInputs();
        Reconstructor broken = batch -> FloatArray.of2d(3, 4, new float[12]);
        Reconstructors registry = Reconstructors.defaults().register("broken", "broken", (arg, sigma) -> broken);
        AnomaliesConsumer withBroken = consumer(registry, ReconstructionService.DEFAULT_BLOCK_BYTES);
        // one sigma: written in place through Reconstructor.reconstructInto's check
        assertThatThrownBy(() -> withBroken.onAnomalies(event("anomal-rec", "broken", List.of(0.0))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("reconstruction has shape [3, 4], the input [2, 3, 4]");
        // several sigmas: the output kept for reuse is checked by the consumer
        assertThatThrownBy(() -> withBroken.onAnomalies(event("anomal-rec", "broken", List.of(0.0, 1.0))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("broken returned shape [3, 4] for an input of shape [2, 3, 4]");
        assertThat(emitter.sent).isEmpty();
    }

    @Test
    void onnxModelsReconstructInBothModes() {
        // scale2 (8x8) on the 3x4 slice: padded into rows 2..4, columns 2..5, cropped back: exactly 2x.
        storeInputs();
        try (ModelRegistry models = new ModelRegistry(new InMemoryModelStore(), TestModels.CPU, 32)) {
            models.register("scale2", TestModels.bytes("scale2-8x8.onnx"));
            AnomaliesConsumer withModel = new AnomaliesConsumer(
                    new ReconstructionService(store, models.registerIn(Reconstructors.defaults())), emitter);
            withModel.onAnomalies(event("normal-rec", "onnx:scale2", List.of(0.0)));
            withModel.onAnomalies(event("anomal-rec", "onnx:scale2", List.of(0.0)));

            float[] twice = new float[12];
            for (int i = 0; i < 12; i++) {
                twice[i] = 2 * NORMAL[i];
            }
            String normalKey = ObjectKeys.reconstruction("exp-1", 2, 85, "normal-rec", "onnx:scale2", 0);
            assertThat(normalKey).endsWith("/rec/normal-rec/onnx_scale2/0000.npy");
            assertThat(store.objects().get(normalKey)).isEqualTo(new FloatArray(new int[] {1, 3, 4}, twice));
            FloatArray anomal = store.objects().get(
                    ObjectKeys.reconstruction("exp-1", 2, 85, "anomal-rec", "onnx:scale2", 0));
            assertThat(anomal.shape()).containsExactly(1, 2, 3, 4);
            assertThat(slot(anomal, 0, 0)).containsExactly(twice);
            assertThat(slot(anomal, 0, 1)[0]).isEqualTo(2 * (1f - NORMAL[0]));

            assertThatThrownBy(() -> withModel.onAnomalies(event("normal-rec", "onnx:ae-latent128", List.of(0.0))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown model 'ae-latent128'; registered: [scale2]");
        }
    }

    private static String key(int j) {
        return ObjectKeys.reconstruction("exp-1", 2, 85, "normal-rec", "gaussian-blur", j);
    }

    /** Counts reads: an event's input is read once, whatever the number of sigmas. */
    static final class CountingStore extends InMemoryArrayStore {
        final List<String> reads = new ArrayList<>();

        @Override
        public FloatArray get(String key) {
            reads.add(key);
            return super.get(key);
        }
    }
}
