package io.blindspot.synth.messaging;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.ObjectKeys;
import io.blindspot.contracts.events.AnomaliesSynthesized;
import io.blindspot.contracts.events.AnomalyParams;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.SliceIngested;
import io.blindspot.contracts.events.SliceRef;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The assembled service: a slice event in on "slices", variants in the store, one event out on "anomalies". */
@QuarkusTest
@QuarkusTestResource(InMemoryChannels.class)
class SynthChannelsTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    InMemoryArrayStore store;

    @Test
    void aSliceEventBecomesAnAnomaliesEvent() throws InterruptedException {
        String imageKey = ObjectKeys.image("exp-q", 2, 90);
        float[] slice = new float[6 * 7];
        for (int i = 0; i < slice.length; i++) {
            slice[i] = (i % 7 == 0) ? 0f : 0.5f;
        }
        store.put(imageKey, FloatArray.of2d(6, 7, slice));
        SliceIngested in = new SliceIngested("exp-q", new SliceRef(2, 90, 6, 7, imageKey),
                new AnomalyParams("disk", 2, List.of(0.0, 0.5, 1.0), null, 11L),
                new ExperimentSpec.Reconstruction("normal-rec", "gaussian-blur", List.of(0.0)));

        InMemorySink<AnomaliesSynthesized> out = connector.sink("anomalies");
        connector.source("slices").send(in);
        for (int i = 0; i < 200 && out.received().isEmpty(); i++) {
            Thread.sleep(50);
        }

        assertThat(out.received()).hasSize(1);
        AnomaliesSynthesized event = out.received().get(0).getPayload();
        assertThat(event.variants().count()).isEqualTo(3);
        assertThat(event.anomaly().position()).hasSize(2);
        // three intensities: stored compactly, the plane [6, 7] and [3, k] label values, k = the label's pixels;
        // every label pixel of variant i holds intensity i
        FloatArray label = store.get(event.variants().labelKey());
        assertThat(label.shape()).containsExactly(6, 7);
        int k = 0;
        for (float v : label.data()) {
            k += v == 1f ? 1 : 0;
        }
        assertThat(k).isPositive();
        assertThat(event.variants().labelValuesKey())
                .isEqualTo(ObjectKeys.labelValues("exp-q", 0, 2, 90));
        assertThat(store.get(event.variants().anomalousKey()).shape()).containsExactly(6, 7);
        FloatArray values = store.get(event.variants().labelValuesKey());
        assertThat(values.shape()).containsExactly(3, k);
        for (int j = 0; j < k; j++) {
            assertThat(values.data()[j]).isEqualTo(0f);
            assertThat(values.data()[k + j]).isEqualTo(0.5f);
            assertThat(values.data()[2 * k + j]).isEqualTo(1f);
        }
    }
}
