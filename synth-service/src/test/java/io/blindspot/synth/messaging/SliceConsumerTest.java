package io.blindspot.synth.messaging;

import io.blindspot.contracts.CompactVariants;
import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.ObjectKeys;
import io.blindspot.contracts.events.AnomaliesSynthesized;
import io.blindspot.contracts.events.AnomalyParams;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.SliceIngested;
import io.blindspot.contracts.events.SliceRef;
import io.blindspot.contracts.events.VariantsRef;
import io.blindspot.contracts.store.ObjectNotFoundException;
import io.blindspot.synth.domain.CentreSampler;
import io.blindspot.synth.domain.DiskAnomaly;
import io.blindspot.synth.domain.PixelShuffleAnomaly;
import io.blindspot.synth.service.SynthesisService;
import io.blindspot.testing.InMemoryArrayStore;
import io.blindspot.testing.RecordingEmitter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SliceConsumerTest {
    private static final String IMAGE_KEY = ObjectKeys.image("exp-1", 2, 80);
    private static final ExperimentSpec.Reconstruction REC =
            new ExperimentSpec.Reconstruction("normal-rec", "gaussian-blur", List.of(0.0, 1.0));

    /** 4x4 slice, brain = the centre 2x2 block. */
    private static final float[] SLICE = {
            0f, 0f, 0f, 0f,
            0f, 0.5f, 0.6f, 0f,
            0f, 0.7f, 0.8f, 0f,
            0f, 0f, 0f, 0f};

    private final InMemoryArrayStore store = new InMemoryArrayStore();
    private final RecordingEmitter<AnomaliesSynthesized> emitter = new RecordingEmitter<>();
    private final SliceConsumer consumer = new SliceConsumer(new SynthesisService(store), emitter);

    private static SliceIngested event(AnomalyParams anomaly) {
        return new SliceIngested("exp-1", new SliceRef(2, 80, 4, 4, IMAGE_KEY), anomaly, REC);
    }

    /**
     * Disk R=1 at (1,2) paints (1,2) only (0.6 in the slice), intensities 0 and 1: every variant equals the
     * slice outside that pixel, so it is stored compactly. Reference = variant 0 = the slice with (1,2) = 0;
     * label values [2, 1] = {0, 1}.
     */
    @Test
    void writesADiskCompactlyAndAnnouncesTheFormAndTheCentreUsed() {
        store.put(IMAGE_KEY, FloatArray.of2d(4, 4, SLICE));
        AnomalyParams anomaly = new AnomalyParams("disk", 1, List.of(0.0, 1.0), List.of(1, 2), null);

        consumer.onSlice(event(anomaly));

        String anomalousKey = ObjectKeys.anomalous("exp-1", 2, 80);
        String labelKey = ObjectKeys.label("exp-1", 2, 80);
        String labelValuesKey = ObjectKeys.labelValues("exp-1", 0, 2, 80);
        assertThat(store.objects()).containsOnlyKeys(IMAGE_KEY, anomalousKey, labelKey, labelValuesKey);
        assertThat(store.get(anomalousKey)).isEqualTo(FloatArray.of2d(4, 4, new float[] {
                0f, 0f, 0f, 0f,
                0f, 0.5f, 0f, 0f,
                0f, 0.7f, 0.8f, 0f,
                0f, 0f, 0f, 0f}));
        assertThat(store.get(labelValuesKey)).isEqualTo(new FloatArray(new int[] {2, 1}, new float[] {0f, 1f}));
        FloatArray label = store.get(labelKey);
        assertThat(label).isEqualTo(FloatArray.of2d(4, 4, new float[] {
                0f, 0f, 0f, 0f,
                0f, 0f, 1f, 0f,
                0f, 0f, 0f, 0f,
                0f, 0f, 0f, 0f}));
        // the stored objects expand to exactly the generator's stack
        FloatArray expanded = new CompactVariants(store.get(anomalousKey), store.get(labelValuesKey)).expand(label);
        assertThat(expanded).isEqualTo(
                new DiskAnomaly(1).generate(SLICE, 4, 4, 1, 2, List.of(0.0, 1.0)).anomalous());
        assertThat(expanded.plane(1)[1 * 4 + 2]).isEqualTo(1f);

        assertThat(emitter.sent).containsExactly(new AnomaliesSynthesized("exp-1",
                new SliceRef(2, 80, 4, 4, IMAGE_KEY), anomaly, REC,
                new VariantsRef(anomalousKey, labelKey, 2, labelValuesKey)));
        assertThat(emitter.sent.get(0).variants().compact()).isTrue();
    }

    @Test
    void withTheFullSettingADiskIsStoredAsTheWholeStack() {
        SliceConsumer full = new SliceConsumer(new SynthesisService(store, "FULL"), emitter);
        store.put(IMAGE_KEY, FloatArray.of2d(4, 4, SLICE));
        AnomalyParams anomaly = new AnomalyParams("disk", 1, List.of(0.0, 1.0), List.of(1, 2), null);

        full.onSlice(event(anomaly));

        String anomalousKey = ObjectKeys.anomalous("exp-1", 2, 80);
        String labelKey = ObjectKeys.label("exp-1", 2, 80);
        assertThat(store.objects()).containsOnlyKeys(IMAGE_KEY, anomalousKey, labelKey);
        // plane 0: (1,2) painted 0; plane 1: (1,2) painted 1; elsewhere the slice
        assertThat(store.get(anomalousKey)).isEqualTo(new FloatArray(new int[] {2, 4, 4}, new float[] {
                0f, 0f, 0f, 0f,
                0f, 0.5f, 0f, 0f,
                0f, 0.7f, 0.8f, 0f,
                0f, 0f, 0f, 0f,

                0f, 0f, 0f, 0f,
                0f, 0.5f, 1f, 0f,
                0f, 0.7f, 0.8f, 0f,
                0f, 0f, 0f, 0f}));
        assertThat(emitter.sent).containsExactly(new AnomaliesSynthesized("exp-1",
                new SliceRef(2, 80, 4, 4, IMAGE_KEY), anomaly, REC, new VariantsRef(anomalousKey, labelKey, 2)));
        assertThat(emitter.sent.get(0).variants().labelValuesKey()).isNull();
    }

    /**
     * Disk R=2 at (1,1) covers rows 0..2, cols 0..2 (offsets |dr|, |dc| ≤ 1 give at most 2 &lt; 4, (±2, 0)
     * gives 4), which holds the whole 2x2 brain: that is the label.
     * Its background pixels (0,0) etc. become 0.5 × 0f = +0f in variant 0 and −0.5 × 0f = −0f in variant 1:
     * not equal bit for bit outside the label, so the whole stack is stored.
     */
    @Test
    void aDiskWhoseVariantsDifferOutsideTheLabelIsStoredWhole() {
        store.put(IMAGE_KEY, FloatArray.of2d(4, 4, SLICE));
        AnomalyParams anomaly = new AnomalyParams("disk", 2, List.of(0.5, -0.5), List.of(1, 1), null);

        consumer.onSlice(event(anomaly));

        String anomalousKey = ObjectKeys.anomalous("exp-1", 2, 80);
        String labelKey = ObjectKeys.label("exp-1", 2, 80);
        FloatArray stored = store.get(anomalousKey);
        assertThat(stored.shape()).containsExactly(2, 4, 4);
        assertThat(Float.floatToRawIntBits(stored.plane(0)[0])).isEqualTo(Float.floatToRawIntBits(0f));
        assertThat(Float.floatToRawIntBits(stored.plane(1)[0])).isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(stored.plane(1)[1 * 4 + 1]).isEqualTo(-0.5f);
        assertThat(store.objects()).containsOnlyKeys(IMAGE_KEY, anomalousKey, labelKey);
        assertThat(emitter.sent.get(0).variants()).isEqualTo(new VariantsRef(anomalousKey, labelKey, 2));
    }

    @Test
    void aSeededAnomalyCarriesTheDrawnCentreOnward() {
        store.put(IMAGE_KEY, FloatArray.of2d(4, 4, SLICE));
        AnomalyParams seeded = new AnomalyParams("disk", 2, List.of(0.3), null, 99L);

        consumer.onSlice(event(seeded));

        int[] drawn = CentreSampler.draw(99L, SLICE, 4, 4, 2, 80);
        assertThat(emitter.sent).hasSize(1);
        assertThat(emitter.sent.get(0).anomaly()).isEqualTo(seeded.withPosition(List.of(drawn[0], drawn[1])));
        assertThat(SLICE[drawn[0] * 4 + drawn[1]]).isGreaterThan(0f);
    }

    @Test
    void anUnknownAnomalyTypeFailsTheEventAndWritesNothing() {
        store.put(IMAGE_KEY, FloatArray.of2d(4, 4, SLICE));
        AnomalyParams square = new AnomalyParams("square", 20, List.of(0.5), List.of(1, 1), null);

        assertThatThrownBy(() -> consumer.onSlice(event(square)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown anomaly type 'square'; supported: disk, pixel-shuffle, sink, source");
        assertThat(store.objects()).containsOnlyKeys(IMAGE_KEY);
        assertThat(emitter.sent).isEmpty();
    }

    @Test
    void aTextureWritesOneVariantAndAnnouncesACountOfOne() {
        store.put(IMAGE_KEY, FloatArray.of2d(4, 4, SLICE));
        // Source, R=1 at (1,1): the label is (1,1) alone, s = 0, it samples itself: the slice is unchanged.
        AnomalyParams source = new AnomalyParams("source", 1, null, List.of(1, 1), null);

        consumer.onSlice(event(source));

        String anomalousKey = ObjectKeys.anomalous("exp-1", 2, 80);
        String labelKey = ObjectKeys.label("exp-1", 2, 80);
        // one variant: the compact form would not be smaller, so the full [1, 4, 4] stack, no label values
        assertThat(store.objects()).containsOnlyKeys(IMAGE_KEY, anomalousKey, labelKey);
        assertThat(store.get(anomalousKey).shape()).containsExactly(1, 4, 4);
        assertThat(store.get(anomalousKey).data()).containsExactly(SLICE);
        assertThat(store.get(labelKey).data()).containsExactly(
                0f, 0f, 0f, 0f,
                0f, 1f, 0f, 0f,
                0f, 0f, 0f, 0f,
                0f, 0f, 0f, 0f);
        assertThat(emitter.sent).containsExactly(new AnomaliesSynthesized("exp-1",
                new SliceRef(2, 80, 4, 4, IMAGE_KEY), source, REC, new VariantsRef(anomalousKey, labelKey, 1)));
    }

    @Test
    void aPixelShuffleIsSeededByTheEventsSeedEvenWithAPositionAndBySeedZeroWithout() {
        // R=2 at (1,1) covers the whole 2x2 brain (offsets (0..1, 0..1) give at most 2/4 < 1): 4 label pixels.
        float[] withSeed0 = shuffle(new AnomalyParams("pixel-shuffle", 2, null, List.of(1, 1), 0L));
        float[] withoutSeed = shuffle(new AnomalyParams("pixel-shuffle", 2, null, List.of(1, 1), null));
        assertThat(withoutSeed).containsExactly(withSeed0);

        float[] expected = new PixelShuffleAnomaly(2, PixelShuffleAnomaly.sliceSeed(5L, 2, 80))
                .generate(SLICE, 4, 4, 1, 1, null).anomalous().data();
        assertThat(shuffle(new AnomalyParams("pixel-shuffle", 2, null, List.of(1, 1), 5L)))
                .containsExactly(expected);
        // the centre given is the centre used, the seed travels on
        assertThat(emitter.sent.get(emitter.sent.size() - 1).anomaly().position()).containsExactly(1, 1);
        assertThat(emitter.sent.get(emitter.sent.size() - 1).anomaly().seed()).isEqualTo(5L);
    }

    private float[] shuffle(AnomalyParams anomaly) {
        store.put(IMAGE_KEY, FloatArray.of2d(4, 4, SLICE));
        consumer.onSlice(event(anomaly));
        return store.get(ObjectKeys.anomalous("exp-1", 2, 80)).data();
    }

    @Test
    void aSliceOfAnotherVolumeWritesUnderThatVolumesPrefix() {
        String imageKey = ObjectKeys.image("exp-1", 2, 2, 80);
        store.put(imageKey, FloatArray.of2d(4, 4, SLICE));
        AnomalyParams anomaly = new AnomalyParams("disk", 1, List.of(1.0), List.of(1, 2), null);

        consumer.onSlice(new SliceIngested("exp-1", new SliceRef(2, 2, 80, 4, 4, imageKey), anomaly, REC));

        VariantsRef variants = emitter.sent.get(0).variants();
        assertThat(variants.anomalousKey()).isEqualTo("experiments/exp-1/slices/v002-axis2-0080/anomalous.npy");
        assertThat(variants.labelKey()).isEqualTo("experiments/exp-1/slices/v002-axis2-0080/label.npy");
        assertThat(variants.labelValuesKey()).isNull(); // one intensity: full
        assertThat(store.get(variants.anomalousKey()).plane(0)[1 * 4 + 2]).isEqualTo(1f);
    }

    @Test
    void aCompactSliceOfAnotherVolumeWritesItsLabelValuesUnderThatVolumesPrefix() {
        String imageKey = ObjectKeys.image("exp-1", 2, 2, 80);
        store.put(imageKey, FloatArray.of2d(4, 4, SLICE));
        AnomalyParams anomaly = new AnomalyParams("disk", 1, List.of(0.25, 1.0), List.of(1, 2), null);

        consumer.onSlice(new SliceIngested("exp-1", new SliceRef(2, 2, 80, 4, 4, imageKey), anomaly, REC));

        VariantsRef variants = emitter.sent.get(0).variants();
        assertThat(variants.labelValuesKey()).isEqualTo("experiments/exp-1/slices/v002-axis2-0080/label-values.npy");
        assertThat(store.get(variants.labelValuesKey()).data()).containsExactly(0.25f, 1f);
    }

    @Test
    void anImageWhoseShapeDisagreesWithTheEventIsRejected() {
        store.put(IMAGE_KEY, FloatArray.of2d(2, 8, SLICE));
        AnomalyParams anomaly = new AnomalyParams("disk", 1, List.of(0.5), List.of(1, 1), null);

        assertThatThrownBy(() -> consumer.onSlice(event(anomaly)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has shape [2, 8], the event says 4x4");
    }

    @Test
    void aSliceWithoutBrainIsRejectedWithItsName() {
        store.put(IMAGE_KEY, FloatArray.of2d(4, 4, new float[16]));
        AnomalyParams seeded = new AnomalyParams("disk", 2, List.of(0.3), null, 1L);

        assertThatThrownBy(() -> consumer.onSlice(event(seeded)))
                .hasMessage("slice axis2-0080 has no brain pixel to centre an anomaly on");
    }

    @Test
    void aMissingImageFails() {
        AnomalyParams anomaly = new AnomalyParams("disk", 1, List.of(0.5), List.of(1, 1), null);
        assertThatThrownBy(() -> consumer.onSlice(event(anomaly))).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void aRejectedSendFailsTheIncomingEventSoItIsRedeliveredOrDeadLettered() {
        store.put(IMAGE_KEY, FloatArray.of2d(4, 4, SLICE));
        emitter.failCalls(n -> true, new IllegalStateException("broker down"));
        AnomalyParams anomaly = new AnomalyParams("disk", 1, List.of(0.5), List.of(1, 1), null);

        assertThatThrownBy(() -> consumer.onSlice(event(anomaly)))
                .isInstanceOf(CompletionException.class)
                .hasRootCauseMessage("broker down");
    }
}
