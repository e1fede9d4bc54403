package io.blindspot.synth.domain;

import org.junit.jupiter.api.Test;

import static io.blindspot.synth.domain.TextureFixtures.N;
import static io.blindspot.synth.domain.TextureFixtures.ramp;
import static io.blindspot.synth.domain.TextureFixtures.rampLabel;
import static org.assertj.core.api.Assertions.assertThat;

class SinkAnomalyTest {

    /**
     * Ramp (see {@link TextureFixtures#ramp()}), R=3, C=(3,3). A label pixel at offset d = I − C samples
     * rint(I + (1 − s)·d) = rint(3 + (2 − s)·d) per coordinate, s = |d|²/9:
     * <pre>
     * |d|²  2 − s   offsets            3 + (2 − s)·d                       sampled
     *  0    2       (0,0)              3                                   (3,3) = 33
     *  1    1.889   (±1,0), (0,±1)     d=±1: 4.889 → 5 / 1.111 → 1         (2,3)→(1,3)=13  (4,3)→(5,3)=53
     *                                                                      (3,2)→(3,1)=31  (3,4)→(3,5)=35
     *  2    1.778   (±1,±1)            4.778 → 5 / 1.222 → 1               (2,2)→(1,1)=0 (background!)
     *                                                                      (2,4)→(1,5)=15  (4,2)→(5,1)=51
     *                                                                      (4,4)→(5,5)=55
     *  4    1.556   (±2,0), (0,±2)     6.111 → 6 / −.111 → −0 → 0          (1,3)→(0,3)=3   (5,3)→(6,3)=63
     *                                                                      (3,1)→(3,0)=30  (3,5)→(3,6)=36
     *  5    1.444   (±2,±1), (±1,±2)   d=±2: 5.889 → 6 / .111 → 0          (1,2)→(0,2)=2   (1,4)→(0,4)=4
     *                                  d=±1: 4.444 → 4 / 1.556 → 2         (2,1)→(2,0)=20  (2,5)→(2,6)=26
     *                                                                      (4,1)→(4,0)=40  (4,5)→(4,6)=46
     *                                                                      (5,2)→(6,2)=62  (5,4)→(6,4)=64
     *  8    1.111   (±2,±2)            5.222 → 5 / .778 → 1                each corner samples itself:
     *                                                                      (1,5)=15 (5,1)=51 (5,5)=55
     * </pre>
     * The label pixel (2,2) samples the background hole and becomes 0, yet stays in the label.
     */
    @Test
    void sinkPullsTheSurroundingsInwardsOnTheRamp() {
        Variants v = new SinkAnomaly(3).generate(ramp(), N, N, 3, 3, null);

        assertThat(v.anomalous().shape()).containsExactly(1, N, N);
        assertThat(v.anomalous().data()).containsExactly(
                0, 1, 2, 3, 4, 5, 6,
                10, 0, 2, 3, 4, 15, 16,
                20, 20, 0, 13, 15, 26, 26,
                30, 30, 31, 33, 35, 36, 36,
                40, 40, 51, 53, 55, 46, 46,
                50, 51, 62, 63, 64, 55, 56,
                60, 61, 62, 63, 64, 65, 66);
        assertThat(v.label().data()).containsExactly(rampLabel());
    }

    /**
     * Sampled indices are clamped into the image. Ramp, R=3, C=(1,3): the disk hangs over the top edge (rows
     * −2..4, rows −2 and −1 clamped onto row 0). Label pixel (0,3), d = (−1, 0), s = 1/9: row 0 + (8/9)·(−1) =
     * −0.889 → −1 → clamped to 0, column 3 + 0 = 3: it samples itself, 3 (unclamped, row −1 would not exist).
     * Label pixel (0,4), d = (−1, 1), s = 2/9: row −0.778 → −1 → 0, column 4 + 0.778 = 4.778 → 5: value 5.
     * Label pixel (0,5), d = (−1, 2), s = 5/9: row −0.444 → −0 → 0, column 5 + 0.889 → 6: value 6. Label pixel
     * (1,3) is the centre: 13.
     */
    @Test
    void samplesOutsideTheImageAreClampedToItsBorder() {
        float[] out = new SinkAnomaly(3).generate(ramp(), N, N, 1, 3, null).anomalous().data();
        assertThat(out[0 * N + 3]).isEqualTo(3f);
        assertThat(out[0 * N + 4]).isEqualTo(5f);
        assertThat(out[0 * N + 5]).isEqualTo(6f);
        assertThat(out[1 * N + 3]).isEqualTo(13f);
    }

    /**
     * Ties round half to even: 9x9 slice of 10·r + c + 1, R=4, C=(4,4); offsets (±2, 0) have s = 0.25 exactly,
     * so I + 0.75·d gives 6 + 1.5 = 7.5 → 8 and 2 − 1.5 = 0.5 → 0 (Math.round: 1). Pixel (6,4) samples (8,4) =
     * 85, pixel (2,4) samples (0,4) = 5; the columns likewise: (4,6) ← (4,8) = 49, (4,2) ← (4,0) = 41.
     */
    @Test
    void halfwayCoordinatesRoundToEven() {
        float[] slice = new float[81];
        for (int i = 0; i < 81; i++) {
            slice[i] = 10 * (i / 9) + i % 9 + 1;
        }
        float[] out = new SinkAnomaly(4).generate(slice, 9, 9, 4, 4, null).anomalous().data();
        assertThat(out[6 * 9 + 4]).isEqualTo(85f);
        assertThat(out[2 * 9 + 4]).isEqualTo(5f);
        assertThat(out[4 * 9 + 6]).isEqualTo(49f);
        assertThat(out[4 * 9 + 2]).isEqualTo(41f);
    }

    /** A negative background value becomes −0f under the mask multiplication, as numpy's img * mask does. */
    @Test
    void backgroundIsMultipliedByTheMaskLikeTheDisk() {
        float[] slice = ramp();
        slice[6 * N + 6] = -0.5f;
        float[] out = new SinkAnomaly(3).generate(slice, N, N, 3, 3, null).anomalous().data();
        assertThat(Float.floatToRawIntBits(out[6 * N + 6])).isEqualTo(Float.floatToRawIntBits(-0f));
    }
}
