package io.blindspot.scoring.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionTest {

    @Test
    void deleteDropsEachReconstructionAndTheVariantsAfterTheLastSigma() {
        // 3 sigmas: the first two events delete only their reconstruction, the third also the variants
        assertThat(Retention.DELETE.toDelete("rec/0000", "anomalous", 1, 3)).containsExactly("rec/0000");
        assertThat(Retention.DELETE.toDelete("rec/0001", "anomalous", 2, 3)).containsExactly("rec/0001");
        assertThat(Retention.DELETE.toDelete("rec/0002", "anomalous", 3, 3)).containsExactly("rec/0002",
                "anomalous");
    }

    @Test
    void theVariantsStayWhileTheSigmaCountIsUnknown() {
        assertThat(Retention.DELETE.toDelete("rec/0000", "anomalous", 5, null)).containsExactly("rec/0000");
    }

    @Test
    void keepDeletesNothing() {
        assertThat(Retention.KEEP.toDelete("rec/0002", "anomalous", 3, 3)).isEmpty();
    }

    @Test
    void parsesTheSetting() {
        assertThat(Retention.parse("keep")).isEqualTo(Retention.KEEP);
        assertThat(Retention.parse(" DELETE ")).isEqualTo(Retention.DELETE);
        assertThatThrownBy(() -> Retention.parse("archive")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keep or delete");
        assertThatThrownBy(() -> Retention.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void compactVariantsGoWithBothTheirObjectsAfterTheLastSigma() {
        // a block of 60 sigmas then one of 40 (100 in all): the second block's event also deletes plane and values
        assertThat(Retention.DELETE.toDelete("rec/0000", java.util.List.of("plane", "values"), 60, 100))
                .containsExactly("rec/0000");
        assertThat(Retention.DELETE.toDelete("rec/0060", java.util.List.of("plane", "values"), 100, 100))
                .containsExactly("rec/0060", "plane", "values");
        assertThat(Retention.KEEP.toDelete("rec/0060", java.util.List.of("plane", "values"), 100, 100)).isEmpty();
    }
}
