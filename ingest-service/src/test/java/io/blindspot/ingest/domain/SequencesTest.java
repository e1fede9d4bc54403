package io.blindspot.ingest.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Expected values printed by numpy 1.24.2's {@code np.linspace} where a formula is not enough. */
class SequencesTest {
    @Test
    void linspaceZeroToOneIsTheStepTimesIndexPlusStartWithTheExactEnd() {
        double[] y = Sequences.linspace(0, 1, 100);
        assertThat(y).hasSize(100);
        for (int i = 0; i < 99; i++) {
            assertThat(y[i]).isEqualTo(i * (1.0 / 99) + 0);
        }
        assertThat(y[99]).isEqualTo(1.0);
        assertThat(y[3]).isEqualTo(0.030303030303030304);
        assertThat(y[98]).isEqualTo(0.98989898989899);
    }

    @Test
    void linspaceZeroToFive() {
        double[] y = Sequences.linspace(0, 5, 100);
        for (int i = 0; i < 99; i++) {
            assertThat(y[i]).isEqualTo(i * (5.0 / 99) + 0);
        }
        assertThat(y[7]).isEqualTo(0.35353535353535354);
        assertThat(y[98]).isEqualTo(4.94949494949495);
        assertThat(y[99]).isEqualTo(5.0);
    }

    @Test
    void linspaceRoundsLikeNumpyNotLikeStartPlusIndexTimesDelta() {
        // numpy: 7 * 0.1 + 0 = 0.7000000000000001; the naive 0 + 7 * 0.9 / 9 would give 0.7
        assertThat(Sequences.linspace(0, 0.9, 10)[7]).isEqualTo(0.7000000000000001);
        // numpy: 7 * -0.1 + 1 = 0.29999999999999993; naive gives 0.30000000000000004
        assertThat(Sequences.linspace(1, 0.1, 10)[7]).isEqualTo(0.29999999999999993);
        // the end is stop itself, not 9 * -0.1 + 1 = 0.10000000000000009
        assertThat(Sequences.linspace(1, 0.1, 10)[9]).isEqualTo(0.1);
    }

    @Test
    void linspaceEdgeCases() {
        assertThat(Sequences.linspace(0, 1, 0)).isEmpty();
        assertThat(Sequences.linspace(3, 7, 1)).containsExactly(3.0);
        assertThat(Sequences.linspace(2, 2, 4)).containsExactly(2.0, 2.0, 2.0, 2.0);
        assertThat(Sequences.linspace(1, 0, 5)).containsExactly(1.0, 0.75, 0.5, 0.25, 0.0);
        assertThatThrownBy(() -> Sequences.linspace(0, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rangeFollowsPython() {
        assertThat(Sequences.range(80, 84, 1, 100)).containsExactly(80L, 81L, 82L, 83L);
        assertThat(Sequences.range(80, 96, 5, 100)).containsExactly(80L, 85L, 90L, 95L);
        assertThat(Sequences.range(5, 0, -2, 100)).containsExactly(5L, 3L, 1L);
        assertThat(Sequences.range(5, 5, 1, 100)).isEmpty();
        assertThat(Sequences.range(5, 0, 1, 100)).isEmpty();
        assertThatThrownBy(() -> Sequences.range(0, 5, 0, 100)).hasMessageContaining("step must not be zero");
        assertThatThrownBy(() -> Sequences.range(0, 500, 1, 100)).hasMessageContaining("more than 100 values");
    }
}
