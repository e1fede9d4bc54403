package io.blindspot.synth.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.blindspot.synth.domain.TextureFixtures.N;
import static io.blindspot.synth.domain.TextureFixtures.ramp;
import static io.blindspot.synth.domain.TextureFixtures.rampLabel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceAnomalyTest {

    /**
     * Ramp (see {@link TextureFixtures#ramp()}), R=3, centre C=(3,3). A label pixel at offset d = I − C samples
     * rint(3 + s·d) per coordinate with s = |d|²/9:
     * <pre>
     * |d|²  s      offsets              3 + s·d per coordinate              sampled
     *  0    0      (0,0)                3                                   (3,3) = 33
     *  1    .111   (±1,0), (0,±1)       3 ± .111 → 3                        (3,3) = 33
     *  2    .222   (±1,±1)              3 ± .222 → 3                        (3,3) = 33
     *  4    .444   (±2,0), (0,±2)       3 ± .889 → 4 / 2 (d=0 stays 3)      (1,3)→(2,3)=23  (5,3)→(4,3)=43
     *                                                                       (3,1)→(3,2)=32  (3,5)→(3,4)=34
     *  5    .556   (±2,±1), (±1,±2)     d=±2: 3 ± 1.111 → 4 / 2             (1,2)→(2,2)=22  (1,4)→(2,4)=24
     *                                   d=±1: 3 ± .556 → 4 / 2              (2,1)→(2,2)=22  (2,5)→(2,4)=24
     *                                                                       (4,1)→(4,2)=42  (4,5)→(4,4)=44
     *                                                                       (5,2)→(4,2)=42  (5,4)→(4,4)=44
     *  8    .889   (±2,±2)              3 ± 1.778 → 5 / 1                   each corner samples itself:
     *                                                                       (1,5)=15 (5,1)=51 (5,5)=55
     * </pre>
     * (1,1) is background, not label: it stays 0. Outside the label every pixel keeps its value.
     */
    @Test
    void sourcePullsTheCentresTextureOutwardsOnTheRamp() {
        Variants v = new SourceAnomaly(3).generate(ramp(), N, N, 3, 3, null);

        assertThat(v.count()).isEqualTo(1);
        assertThat(v.anomalous().shape()).containsExactly(1, N, N);
        assertThat(v.anomalous().data()).containsExactly(
                0, 1, 2, 3, 4, 5, 6,
                10, 0, 22, 23, 24, 15, 16,
                20, 22, 33, 33, 33, 24, 26,
                30, 32, 33, 33, 33, 34, 36,
                40, 42, 33, 33, 33, 44, 46,
                50, 51, 42, 43, 44, 55, 56,
                60, 61, 62, 63, 64, 65, 66);
        assertThat(v.label().shape()).containsExactly(N, N);
        assertThat(v.label().data()).containsExactly(rampLabel());
    }

    /**
     * Ties round half to even, as numpy's round: 9x9 slice of 10·r + c + 1 (all brain), R=4, C=(4,4). The
     * offsets (±2, 0) have s = (2/4)² = 0.25 exactly, so 4 + 0.25·(±2) = 4.5 / 3.5, and rint gives 4 for both
     * (Math.round would give 5 for 4.5). Likewise columns. So (6,4), (2,4), (4,6), (4,2) all sample the
     * centre, value 10·4 + 4 + 1 = 45.
     */
    @Test
    void halfwayCoordinatesRoundToEven() {
        float[] slice = new float[81];
        for (int i = 0; i < 81; i++) {
            slice[i] = 10 * (i / 9) + i % 9 + 1;
        }
        float[] out = new SourceAnomaly(4).generate(slice, 9, 9, 4, 4, List.of()).anomalous().data();
        assertThat(out[6 * 9 + 4]).isEqualTo(45f);
        assertThat(out[2 * 9 + 4]).isEqualTo(45f);
        assertThat(out[4 * 9 + 6]).isEqualTo(45f);
        assertThat(out[4 * 9 + 2]).isEqualTo(45f);
    }

    @Test
    void sIsTheSquaredRelativeDistanceAndRoundingClampsToTheImage() {
        assertThat(RadialDeformation.s(3, 3, 3, 3, 3)).isZero();
        assertThat(RadialDeformation.s(6, 4, 4, 4, 4)).isEqualTo(0.25);
        // (sqrt(2) / 3)² is not 2/9 to the last bit; the literal formula is the paper's
        double relative = Math.sqrt(2.0) / 3;
        assertThat(RadialDeformation.s(4, 4, 3, 3, 3)).isEqualTo(relative * relative);
        assertThat(RadialDeformation.roundAndClamp(2.5, 7)).isEqualTo(2);
        assertThat(RadialDeformation.roundAndClamp(3.5, 7)).isEqualTo(4);
        assertThat(RadialDeformation.roundAndClamp(-0.4, 7)).isZero();
        assertThat(RadialDeformation.roundAndClamp(-1.9, 7)).isZero();
        assertThat(RadialDeformation.roundAndClamp(6.5, 7)).isEqualTo(6);
        assertThat(RadialDeformation.roundAndClamp(9.2, 7)).isEqualTo(6);
    }

    @Test
    void intensitiesAreRefusedSinceATextureHasOneVariant() {
        assertThatThrownBy(() -> new SourceAnomaly(3).generate(ramp(), N, N, 3, 3, List.of(0.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a source anomaly has no intensities (one variant per slice), got 1");
        assertThatThrownBy(() -> new SourceAnomaly(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
