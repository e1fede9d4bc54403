package io.blindspot.inference.service;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.ObjectKeys;
import io.blindspot.contracts.events.AnomaliesSynthesized;
import io.blindspot.contracts.events.AnomalyParams;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.contracts.events.SliceRef;
import io.blindspot.contracts.events.VariantsRef;
import io.blindspot.inference.domain.GaussianBlur;
import io.blindspot.inference.domain.Reconstructors;
import io.blindspot.testing.InMemoryArrayStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The use case without Kafka: blocks of sigmas planned, written and handed to a sink. The Kafka adapter's tests
 * (messaging.AnomaliesConsumerTest) run the same service through the consumer, block for block.
 */
class ReconstructionServiceTest {
    private static final String IMAGE = ObjectKeys.image("exp-1", 2, 85);
    private static final SliceRef SLICE = new SliceRef(2, 85, 3, 4, IMAGE);
    private static final AnomalyParams ANOMALY = new AnomalyParams("disk", 1, List.of(0.0, 1.0), List.of(1, 1), 5L);
    private static final VariantsRef VARIANTS = new VariantsRef(ObjectKeys.anomalous("exp-1", 2, 85),
            ObjectKeys.label("exp-1", 2, 85), 2);
    private static final float[] NORMAL = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 0.0f, 0.25f, 0.5f};

    private final InMemoryArrayStore store = new InMemoryArrayStore();

    private static AnomaliesSynthesized normalRec(List<Double> sigmas) {
        return new AnomaliesSynthesized("exp-1", SLICE, ANOMALY,
                new ExperimentSpec.Reconstruction("normal-rec", "gaussian-blur", sigmas), VARIANTS);
    }

    @Test
    void sigmasPerBlockIsBlockBytesOverOneSigmasOutputAndAtLeastOne() {
        // 181 x 217 x 4 B = 157,108 B per normal-rec sigma: 16,777,216 / 157,108 = 106.8 -> 106 >= experiment 1's 100
        assertThat(ReconstructionService.sigmasPerBlock(ReconstructionService.DEFAULT_BLOCK_BYTES, 181 * 217))
                .isEqualTo(106);
        // anomal-rec, 100 variants: 15,710,800 B per sigma -> 1.07 -> 1 sigma per block
        assertThat(ReconstructionService.sigmasPerBlock(ReconstructionService.DEFAULT_BLOCK_BYTES, 100L * 181 * 217))
                .isEqualTo(1);
        // 200 variants (31.4 MB per sigma) exceed the block: still one sigma each
        assertThat(ReconstructionService.sigmasPerBlock(ReconstructionService.DEFAULT_BLOCK_BYTES, 200L * 181 * 217))
                .isEqualTo(1);
        assertThat(ReconstructionService.sigmasPerBlock(96, 12)).isEqualTo(2);
        assertThat(ReconstructionService.sigmasPerBlock(95, 12)).isEqualTo(1);
        // a huge setting is bounded by a Java array: (2^31 - 1 - 8) / 2^20 = 2047 sigmas of 2^20 values
        assertThat(ReconstructionService.sigmasPerBlock(Long.MAX_VALUE, 1 << 20)).isEqualTo(2047);
        assertThatThrownBy(() -> new ReconstructionService(store, Reconstructors.defaults(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("blindspot.inference.block-bytes must be > 0, got 0");
    }

    @Test
    void everyBlocksEventCarriesTheSpecsMetricsToScoring() {
        store.put(IMAGE, FloatArray.of2d(3, 4, NORMAL));
        AnomaliesSynthesized event = new AnomaliesSynthesized("exp-1", SLICE, ANOMALY,
                new ExperimentSpec.Reconstruction("normal-rec", "gaussian-blur", List.of(0.0, 1.0, 2.0)), VARIANTS,
                List.of("auroc", "ap"));
        List<SliceReconstructed> sent = new ArrayList<>();
        new ReconstructionService(store, Reconstructors.defaults(), 48).reconstruct(event, sent::add);

        assertThat(sent).hasSize(3).allSatisfy(e -> assertThat(e.metrics()).containsExactly("auroc", "ap"));
    }

    @Test
    void eachBlockIsWrittenBeforeItsEventReachesTheSink() {
        // 48 bytes per sigma, block-bytes 100: 2 sigmas per block -> blocks at sigma indices 0, 2, 4
        store.put(IMAGE, FloatArray.of2d(3, 4, NORMAL));
        List<Double> sigmas = List.of(0.0, 0.5, 1.0, 1.5, 2.0);
        List<SliceReconstructed> sent = new ArrayList<>();
        new ReconstructionService(store, Reconstructors.defaults(), 100).reconstruct(normalRec(sigmas), event -> {
            assertThat(store.objects()).containsKey(event.reconstruction().key());
            sent.add(event);
        });

        assertThat(sent).extracting(e -> e.reconstruction().sigmaIndex()).containsExactly(0, 2, 4);
        assertThat(sent).extracting(e -> e.reconstruction().sigmas())
                .containsExactly(List.of(0.0, 0.5), List.of(1.0, 1.5), List.of(2.0));
        FloatArray last = store.objects().get(sent.get(2).reconstruction().key());
        assertThat(last.shape()).containsExactly(1, 3, 4);
        assertThat(last.plane(0)).containsExactly(new GaussianBlur(2.0).apply(NORMAL, 3, 4));
    }

    @Test
    void aBadEventThrowsBeforeAnythingIsReadOrWritten() {
        List<SliceReconstructed> sent = new ArrayList<>();
        ReconstructionService service = new ReconstructionService(store, Reconstructors.defaults());
        assertThatThrownBy(() -> service.reconstruct(normalRec(List.of()), sent::add))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("reconstruction has no sigmas");
        assertThatThrownBy(() -> service.reconstruct(new AnomaliesSynthesized("exp-1", SLICE, ANOMALY,
                new ExperimentSpec.Reconstruction("normal-rec", "no-such", List.of(1.0)), VARIANTS), sent::add))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(sent).isEmpty();
        assertThat(store.objects()).isEmpty();
    }
}
