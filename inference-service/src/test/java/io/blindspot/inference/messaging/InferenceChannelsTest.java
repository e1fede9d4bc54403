package io.blindspot.inference.messaging;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.ObjectKeys;
import io.blindspot.contracts.events.AnomaliesSynthesized;
import io.blindspot.contracts.events.AnomalyParams;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.contracts.events.SliceRef;
import io.blindspot.contracts.events.VariantsRef;
import io.blindspot.inference.domain.GaussianBlur;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assembled service: one anomalies event in, one reconstructions event per block of sigmas out, the block
 * size from {@code blindspot.inference.block-bytes} (240 B here: two sigmas of a 5 x 6 slice, see
 * {@link InMemoryChannels}).
 */
@QuarkusTest
@QuarkusTestResource(InMemoryChannels.class)
class InferenceChannelsTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    InMemoryArrayStore store;

    @Test
    void anAnomaliesEventBecomesOneReconstructionPerBlockOfSigmas() throws InterruptedException {
        String imageKey = ObjectKeys.image("exp-q", 2, 95);
        float[] slice = new float[5 * 6];
        for (int i = 0; i < slice.length; i++) {
            slice[i] = (i % 5) / 4f;
        }
        store.put(imageKey, FloatArray.of2d(5, 6, slice));
        AnomaliesSynthesized in = new AnomaliesSynthesized("exp-q", new SliceRef(2, 95, 5, 6, imageKey),
                new AnomalyParams("disk", 2, List.of(0.5), List.of(2, 2), null),
                new ExperimentSpec.Reconstruction("normal-rec", "gaussian-blur", List.of(0.0, 1.0, 2.5)),
                new VariantsRef(ObjectKeys.anomalous("exp-q", 2, 95), ObjectKeys.label("exp-q", 2, 95), 1));

        InMemorySink<SliceReconstructed> out = connector.sink("reconstructions");
        connector.source("anomalies").send(in);
        for (int i = 0; i < 200 && out.received().size() < 2; i++) {
            Thread.sleep(50);
        }

        // 5 x 6 x 4 B = 120 B per sigma, 240 B per block: [0.0, 1.0] at index 0, [2.5] at index 2
        List<SliceReconstructed> events = out.received().stream().map(Message::getPayload).toList();
        assertThat(events).extracting(e -> e.reconstruction().sigmas())
                .containsExactly(List.of(0.0, 1.0), List.of(2.5));
        assertThat(events).extracting(e -> e.reconstruction().sigmaIndex()).containsExactly(0, 2);
        FloatArray first = store.get(events.get(0).reconstruction().key());
        assertThat(first.shape()).containsExactly(2, 5, 6);
        assertThat(first.plane(0)).containsExactly(slice);
        assertThat(first.plane(1)).containsExactly(new GaussianBlur(1.0).apply(slice, 5, 6));
        FloatArray last = store.get(events.get(1).reconstruction().key());
        assertThat(last.shape()).containsExactly(1, 5, 6);
        assertThat(last.plane(0)).containsExactly(new GaussianBlur(2.5).apply(slice, 5, 6));
    }
}
