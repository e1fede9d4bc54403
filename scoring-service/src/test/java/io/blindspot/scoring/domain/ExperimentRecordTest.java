package io.blindspot.scoring.domain;

import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.ExperimentSubmitted;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExperimentRecordTest {
    private static final String ID = "3f1d6c1e-2a4b-4c8d-9e0f-112233445566";
    private static final ExperimentSpec SPEC = new ExperimentSpec("exp1-small",
            new ExperimentSpec.Dataset("sample:ch2bet", 2, List.of(80, 85, 90, 95)),
            new ExperimentSpec.Anomaly("disk", 20, List.of(0.0, 0.5, 1.0), null, 7L),
            new ExperimentSpec.Reconstruction("normal-rec", "gaussian-blur", List.of(0.0, 1.0)),
            List.of("ap"));

    @Test
    void carriesTheGridAndTheExpectedCount() {
        ExperimentRecord r = ExperimentRecord.from(new ExperimentSubmitted(ID, "2026-11-23T10:15:30Z", SPEC),
                "{}", Instant.EPOCH);
        assertThat(r.id()).isEqualTo(UUID.fromString(ID));
        assertThat(r.name()).isEqualTo("exp1-small");
        assertThat(r.submittedAt()).isEqualTo(OffsetDateTime.parse("2026-11-23T10:15:30Z"));
        assertThat(r.intensities()).containsExactly(0.0, 0.5, 1.0);
        assertThat(r.sigmas()).containsExactly(0.0, 1.0);
        assertThat(r.slices()).containsExactly(80, 85, 90, 95);
        assertThat(r.axis()).isEqualTo(2);
        // 4 slices x 3 intensities x 2 sigmas x 1 metric
        assertThat(r.expected()).isEqualTo(24);
    }

    @Test
    void missingSubmissionTimeIsTheReceiptTime() {
        ExperimentRecord r = ExperimentRecord.from(new ExperimentSubmitted(ID, null, SPEC), "{}", Instant.EPOCH);
        assertThat(r.submittedAt().toInstant()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void rejectsBadIdsAndIncompleteSpecs() {
        assertThatThrownBy(() -> ExperimentRecord.from(new ExperimentSubmitted("exp-1", null, SPEC), "{}",
                Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a UUID");
        assertThatThrownBy(() -> ExperimentRecord.from(new ExperimentSubmitted(ID, null, null), "{}",
                Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spec lacks");
        assertThatThrownBy(() -> ExperimentRecord.from(new ExperimentSubmitted(ID, "yesterday", SPEC), "{}",
                Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ISO-8601");
    }

    @Test
    void aTextureSpansOneVariantPerSliceAndStoresNoIntensity() {
        ExperimentSpec sink = new ExperimentSpec("exp2-sink",
                new ExperimentSpec.Dataset("sample:ch2bet", 2, List.of(80, 85, 90, 95)),
                new ExperimentSpec.Anomaly("sink", 20, null, List.of(List.of(1, 2), List.of(3, 4), List.of(5, 6),
                        List.of(7, 8)), 0L),
                new ExperimentSpec.Reconstruction("normal-rec", "gaussian-blur", List.of(0.0, 1.0, 2.0)),
                List.of("ap"));
        ExperimentRecord r = ExperimentRecord.from(new ExperimentSubmitted(ID, null, sink), "{}", Instant.EPOCH);
        assertThat(r.intensities()).isEmpty();
        assertThat(r.sigmas()).containsExactly(0.0, 1.0, 2.0);
        // 4 slices x 1 variant x 3 sigmas x 1 metric
        assertThat(r.expected()).isEqualTo(12);
    }

    @Test
    void aDiskWithoutIntensitiesIsStillIncomplete() {
        ExperimentSpec noIntensities = new ExperimentSpec("x", SPEC.dataset(),
                new ExperimentSpec.Anomaly("disk", 20, null, null, 7L), SPEC.reconstruction(), SPEC.metrics());
        assertThatThrownBy(() -> ExperimentRecord.from(new ExperimentSubmitted(ID, null, noIntensities), "{}",
                Instant.EPOCH)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("spec lacks");
    }
}
