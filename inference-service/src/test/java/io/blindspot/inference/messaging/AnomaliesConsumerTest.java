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
import io.blindspot.inference.store.InMemoryModelStore;
import io.blindspot.contracts.store.InMemoryArrayStore;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnomaliesConsumerTest {
    private static final String IMAGE = ObjectKeys.image("exp-1", 2, 85);
    private static final String ANOMALOUS = ObjectKeys.anomalous("exp-1", 2, 85);
    private static final String LABEL = ObjectKeys.label("exp-1", 2, 85);
    private static final SliceRef SLICE = new SliceRef(2, 85, 3, 4, IMAGE);
    private static final AnomalyParams ANOMALY = new AnomalyParams("disk", 1, List.of(0.0, 1.0), List.of(1, 1), 5L);
    private static final VariantsRef VARIANTS = new VariantsRef(ANOMALOUS, LABEL, 2);

    private static final float[] NORMAL = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 0.0f, 0.25f, 0.5f};

    private final CountingStore store = new CountingStore();
    private final RecordingEmitter emitter = new RecordingEmitter();
    private final AnomaliesConsumer consumer = new AnomaliesConsumer(store, Reconstructors.defaults(), emitter);

    private static AnomaliesSynthesized event(String mode, String reconstructor, List<Double> sigmas) {
        return new AnomaliesSynthesized("exp-1", SLICE, ANOMALY,
                new ExperimentSpec.Reconstruction(mode, reconstructor, sigmas), VARIANTS);
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
    void normalRecBlursTheNormalSliceOncePerSigmaAndAnnouncesEach() {
        storeInputs();
        consumer.onAnomalies(event("normal-rec", "gaussian-blur", List.of(0.0, 0.5, 1.0)));

        assertThat(store.reads).containsExactly(IMAGE); // read once for all three sigmas
        assertThat(emitter.sent).hasSize(3);
        double[] sigmas = {0.0, 0.5, 1.0};
        for (int j = 0; j < 3; j++) {
            String key = ObjectKeys.reconstruction("exp-1", 2, 85, "normal-rec", "gaussian-blur", j);
            assertThat(store.objects().get(key))
                    .isEqualTo(FloatArray.of2d(3, 4, new GaussianBlur(sigmas[j]).apply(NORMAL, 3, 4)));
            assertThat(emitter.sent.get(j)).isEqualTo(new SliceReconstructed("exp-1", SLICE, ANOMALY, VARIANTS,
                    new ReconstructionRef("normal-rec", "gaussian-blur", j, sigmas[j], key)));
        }
        assertThat(key(0)).endsWith("experiments/exp-1/slices/v000-axis2-0085/rec/normal-rec/gaussian-blur/0000.npy");
    }

    @Test
    void anomalRecBlursEveryVariant() {
        storeInputs();
        consumer.onAnomalies(event("anomal-rec", "gaussian-blur", List.of(2.0)));

        assertThat(store.reads).containsExactly(ANOMALOUS);
        String key = ObjectKeys.reconstruction("exp-1", 2, 85, "anomal-rec", "gaussian-blur", 0);
        FloatArray out = store.objects().get(key);
        assertThat(out.shape()).containsExactly(2, 3, 4);
        FloatArray in = store.objects().get(ANOMALOUS);
        assertThat(out.plane(0)).containsExactly(new GaussianBlur(2.0).apply(in.plane(0), 3, 4));
        assertThat(out.plane(1)).containsExactly(new GaussianBlur(2.0).apply(in.plane(1), 3, 4));
        assertThat(emitter.sent).extracting(SliceReconstructed::reconstruction)
                .containsExactly(new ReconstructionRef("anomal-rec", "gaussian-blur", 0, 2.0, key));
    }

    @Test
    void everyEventIsTimedByModeReconstructorFamilyAndOutcome() {
        storeInputs();
        var meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        AnomaliesConsumer timed = new AnomaliesConsumer(store, Reconstructors.defaults(), emitter, meters);
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
    void everySendIsAwaitedAndOneRejectionFailsTheEvent() {
        storeInputs();
        emitter.failAt = 1;
        assertThatThrownBy(() -> consumer.onAnomalies(event("normal-rec", "gaussian-blur", List.of(0.0, 1.0, 2.0))))
                .isInstanceOf(CompletionException.class)
                .hasRootCauseMessage("broker down");
        // the other sigmas were still produced and sent; redelivery rewrites the same keys
        assertThat(emitter.sent).hasSize(2);
    }

    @Test
    void aModelReconstructsOncePerEventWhateverTheSigmas() {
        // A model ignores sigma, so all three sigmas share one reconstructor and one run; each still gets its
        // own key and event (the downstream contract is one per sigma).
        storeInputs();
        int[] runs = {0};
        Reconstructor counting = batch -> {
            runs[0]++;
            return batch;
        };
        Reconstructors registry = Reconstructors.defaults().register("count", "count", (arg, sigma) -> counting);
        AnomaliesConsumer withModel = new AnomaliesConsumer(store, registry, emitter);
        withModel.onAnomalies(event("anomal-rec", "count", List.of(0.0, 1.0, 2.0)));
        assertThat(runs[0]).isEqualTo(1);
        assertThat(emitter.sent).hasSize(3);
        for (int j = 0; j < 3; j++) {
            assertThat(store.objects().get(ObjectKeys.reconstruction("exp-1", 2, 85, "anomal-rec", "count", j)))
                    .isEqualTo(store.objects().get(ANOMALOUS));
        }
    }

    @Test
    void onnxModelsReconstructInBothModes() {
        // scale2 (8x8) on the 3x4 slice: padded into rows 2..4, columns 2..5, cropped back: exactly 2x.
        storeInputs();
        try (ModelRegistry models = new ModelRegistry(new InMemoryModelStore(), TestModels.CPU, 32)) {
            models.register("scale2", TestModels.bytes("scale2-8x8.onnx"));
            AnomaliesConsumer withModel = new AnomaliesConsumer(store, models.registerIn(Reconstructors.defaults()),
                    emitter);
            withModel.onAnomalies(event("normal-rec", "onnx:scale2", List.of(0.0)));
            withModel.onAnomalies(event("anomal-rec", "onnx:scale2", List.of(0.0)));

            float[] twice = new float[12];
            for (int i = 0; i < 12; i++) {
                twice[i] = 2 * NORMAL[i];
            }
            String normalKey = ObjectKeys.reconstruction("exp-1", 2, 85, "normal-rec", "onnx:scale2", 0);
            assertThat(normalKey).endsWith("/rec/normal-rec/onnx_scale2/0000.npy");
            assertThat(store.objects().get(normalKey)).isEqualTo(FloatArray.of2d(3, 4, twice));
            FloatArray anomal = store.objects().get(
                    ObjectKeys.reconstruction("exp-1", 2, 85, "anomal-rec", "onnx:scale2", 0));
            assertThat(anomal.shape()).containsExactly(2, 3, 4);
            assertThat(anomal.plane(0)).containsExactly(twice);
            assertThat(anomal.plane(1)[0]).isEqualTo(2 * (1f - NORMAL[0]));

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

    static final class RecordingEmitter implements Emitter<SliceReconstructed> {
        final List<SliceReconstructed> sent = new ArrayList<>();
        int failAt = -1;
        private int calls;

        @Override
        public CompletionStage<Void> send(SliceReconstructed payload) {
            if (calls++ == failAt) {
                return CompletableFuture.failedFuture(new IllegalStateException("broker down"));
            }
            sent.add(payload);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public <M extends Message<? extends SliceReconstructed>> void send(M msg) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }
}
