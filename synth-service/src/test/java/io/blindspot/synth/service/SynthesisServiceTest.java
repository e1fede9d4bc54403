package io.blindspot.synth.service;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.ObjectKeys;
import io.blindspot.contracts.events.AnomaliesSynthesized;
import io.blindspot.contracts.events.AnomalyParams;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.SliceIngested;
import io.blindspot.contracts.events.SliceRef;
import io.blindspot.contracts.events.VariantsRef;
import io.blindspot.testing.InMemoryArrayStore;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The use case without Kafka: variants painted, stored, and the event to announce them returned (not sent). The
 * Kafka adapter's tests (messaging.SliceConsumerTest) run the same service through the consumer.
 */
class SynthesisServiceTest {
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

    private static SliceIngested event(AnomalyParams anomaly) {
        return new SliceIngested("exp-1", new SliceRef(2, 80, 4, 4, IMAGE_KEY), anomaly, REC);
    }

    @Test
    void theVariantsSettingIsCompactOrFull() {
        assertThat(SynthesisService.compactAllowed("compact")).isTrue();
        assertThat(SynthesisService.compactAllowed(" Full ")).isFalse();
        assertThatThrownBy(() -> SynthesisService.compactAllowed("sparse"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("blindspot.synth.variants must be compact or full, got 'sparse'");
        assertThatThrownBy(() -> new SynthesisService(store, "sparse"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theVariantsAreStoredBeforeTheEventIsReturned() {
        store.put(IMAGE_KEY, FloatArray.of2d(4, 4, SLICE));
        AnomalyParams anomaly = new AnomalyParams("disk", 1, List.of(0.0, 1.0), List.of(1, 2), null);

        AnomaliesSynthesized result = new SynthesisService(store).synthesize(event(anomaly));

        String anomalousKey = ObjectKeys.anomalous("exp-1", 2, 80);
        String labelKey = ObjectKeys.label("exp-1", 2, 80);
        String labelValuesKey = ObjectKeys.labelValues("exp-1", 0, 2, 80);
        assertThat(result.variants()).isEqualTo(new VariantsRef(anomalousKey, labelKey, 2, labelValuesKey));
        assertThat(store.objects()).containsOnlyKeys(IMAGE_KEY, anomalousKey, labelKey, labelValuesKey);
    }

    @Test
    void theSpecsMetricsArePassedOnToInferenceAndScoring() {
        store.put(IMAGE_KEY, FloatArray.of2d(4, 4, SLICE));
        AnomalyParams anomaly = new AnomalyParams("disk", 1, List.of(0.0, 1.0), List.of(1, 2), null);
        SliceIngested ingested = new SliceIngested("exp-1", new SliceRef(2, 80, 4, 4, IMAGE_KEY), anomaly, REC,
                List.of("ap", "aupro-0.3"));

        assertThat(new SynthesisService(store).synthesize(ingested).metrics()).containsExactly("ap", "aupro-0.3");
        assertThat(new SynthesisService(store).synthesize(event(anomaly)).metrics()).containsExactly("ap");
    }

    @Test
    void anUnknownTypeFailsBeforeTheStoreIsRead() {
        AnomalyParams anomaly = new AnomalyParams("smudge", 1, List.of(1.0), List.of(1, 2), null);
        assertThatThrownBy(() -> new SynthesisService(store).synthesize(event(anomaly)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.objects()).isEmpty();
    }
}
