package io.blindspot.synth.domain;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.blindspot.synth.domain.TextureFixtures.N;
import static io.blindspot.synth.domain.TextureFixtures.ramp;
import static io.blindspot.synth.domain.TextureFixtures.rampLabel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PixelShuffleAnomalyTest {

    private static float[] shuffled(long seed, int axis, int slice) {
        return new PixelShuffleAnomaly(3, PixelShuffleAnomaly.sliceSeed(seed, axis, slice))
                .generate(ramp(), N, N, 3, 3, null).anomalous().data();
    }

    /** The label's values, in row-major order. */
    private static float[] labelValues(float[] image) {
        float[] label = rampLabel();
        float[] values = new float[24];
        int j = 0;
        for (int i = 0; i < image.length; i++) {
            if (label[i] == 1f) {
                values[j++] = image[i];
            }
        }
        assertThat(j).isEqualTo(24);
        return values;
    }

    @Test
    void keepsTheLabelAndTheMultisetOfLabelValuesAndEveryOtherPixel() {
        // Ramp, R=3, C=(3,3): label = the 5x5 block rows 1..5, cols 1..5 without the hole (1,1), 24 pixels with
        // the 24 distinct values 12..15, 21..25, 31..35, 41..45, 51..55.
        Variants v = new PixelShuffleAnomaly(3, PixelShuffleAnomaly.sliceSeed(0, 2, 80))
                .generate(ramp(), N, N, 3, 3, null);
        float[] out = v.anomalous().data();

        assertThat(v.count()).isEqualTo(1);
        assertThat(v.label().data()).containsExactly(rampLabel());
        float[] before = labelValues(ramp());
        float[] after = labelValues(out);
        Arrays.sort(after);
        assertThat(after).containsExactly(before);   // row-major = ascending on the ramp
        float[] original = ramp();
        float[] label = rampLabel();
        for (int i = 0; i < out.length; i++) {
            if (label[i] == 0f) {
                assertThat(out[i]).as("pixel %d outside the label", i).isEqualTo(original[i]);
            }
        }
        // 24 distinct values: the identity permutation has probability 1/24!, so the texture did change
        assertThat(labelValues(out)).isNotEqualTo(before);
    }

    @Test
    void reproducibleFromTheSeedAndDifferentAcrossSeedsAndSlices() {
        assertThat(shuffled(0, 2, 80)).containsExactly(shuffled(0, 2, 80));
        assertThat(shuffled(1, 2, 80)).isNotEqualTo(shuffled(0, 2, 80));
        assertThat(shuffled(0, 2, 85)).isNotEqualTo(shuffled(0, 2, 80));
        assertThat(shuffled(0, 1, 80)).isNotEqualTo(shuffled(0, 2, 80));
    }

    /**
     * The permutation's seed is the centre draw's mix XOR "SHUFFLE": mix(0, 2, 80) = 2·1,000,003 + 80 =
     * 2,000,086 (seed 0 contributes nothing), XOR 0x53485546464C45.
     */
    @Test
    void theSliceSeedIsNotTheCentreDrawsSeed() {
        assertThat(CentreSampler.mix(0, 2, 80)).isEqualTo(2_000_086L);
        assertThat(PixelShuffleAnomaly.sliceSeed(0, 2, 80)).isEqualTo(2_000_086L ^ 0x53485546464C45L)
                .isNotEqualTo(CentreSampler.mix(0, 2, 80));
        assertThat(((PixelShuffleAnomaly) AnomalyGenerators.forType("pixel-shuffle", 3, 0, 2, 80)).sliceSeed())
                .isEqualTo(PixelShuffleAnomaly.sliceSeed(0, 2, 80));
    }

    /**
     * Fisher–Yates on a label of two pixels makes one draw, {@code nextInt(2)}: the values swap when it is 0.
     * Whatever it is, the pair {0.25, 0.75} stays in those two pixels; the background pixel (value 0) and the
     * brain pixel outside the disk (0.5) are untouched.
     */
    @Test
    void aTwoPixelLabelEitherSwapsOrStays() {
        // 1x4 slice 0.25 0.75 0.5 0; R=2 at (0,0): offsets (0, ±1) pass, (0, ±2) give 4/4 = 1 and fail, rows
        // and column −1 clamp onto the image, so the disk covers columns 0..1
        float[] slice = {0.25f, 0.75f, 0.5f, 0f};
        for (long seed = 0; seed < 20; seed++) {
            float[] out = new PixelShuffleAnomaly(2, seed).generate(slice, 1, 4, 0, 0, null).anomalous().data();
            assertThat(new float[] {Math.min(out[0], out[1]), Math.max(out[0], out[1])})
                    .containsExactly(0.25f, 0.75f);
            assertThat(out[2]).isEqualTo(0.5f);
            assertThat(out[3]).isEqualTo(0f);
        }
    }

    @Test
    void anEmptyLabelLeavesTheSliceAsItIs() {
        // R=1 at the background pixel (0,0): the label is empty, nothing to permute
        Variants v = new PixelShuffleAnomaly(1, 7L).generate(ramp(), N, N, 0, 0, null);
        assertThat(v.anomalous().data()).containsExactly(ramp());
        assertThat(v.label().data()).containsOnly(0f);
    }

    @Test
    void intensitiesAreRefused() {
        assertThatThrownBy(() -> new PixelShuffleAnomaly(3, 0L).generate(ramp(), N, N, 3, 3, List.of(0.1, 0.2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a pixel-shuffle anomaly has no intensities (one variant per slice), got 2");
    }
}
