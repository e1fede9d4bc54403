package io.blindspot.synth.domain;

import io.blindspot.contracts.events.AnomalyTypes;

import java.util.SplittableRandom;

/**
 * Pixel shuffle: the label pixels' original values, randomly permuted among the label pixels. The label keeps
 * its multiset of values (so its histogram, hence any intensity statistic, is unchanged); only the texture is
 * destroyed.
 *
 * <p>Reproducible: the label pixels are visited in row-major order, their values gathered, permuted by
 * Fisher–Yates ({@code for i = n−1 .. 1: swap(i, random.nextInt(i + 1))}) with
 * {@code new SplittableRandom(sliceSeed)}, and written back in the same order. The paper permutes with numpy's
 * global RNG, which a Java service cannot (and should not) imitate.
 */
public final class PixelShuffleAnomaly extends TextureAnomaly {
    /**
     * "SHUFFLE" in ASCII, XORed into the per-slice seed so the permutation's stream is not the centre draw's
     * (the same experiment seed drives both when the centres are drawn).
     */
    static final long SHUFFLE_STREAM = 0x53485546464C45L;

    private final long sliceSeed;

    /**
     * @param radius    R of the disk in pixels, at least 1
     * @param sliceSeed the permutation's seed, {@link #sliceSeed(long, int, int)} of the experiment's seed
     */
    public PixelShuffleAnomaly(int radius, long sliceSeed) {
        super(radius);
        this.sliceSeed = sliceSeed;
    }

    /**
     * The per-slice seed of the permutation: {@link CentreSampler#mix(long, int, int)} (seed, axis, slice index)
     * XOR {@link #SHUFFLE_STREAM}. Slices are permuted independently of the order they arrive in, and the stream
     * differs from the one that draws the slice's centre ({@link SplittableRandom} mixes its seed again, so the
     * two are unrelated).
     */
    public static long sliceSeed(long seed, int axis, int sliceIndex) {
        return CentreSampler.mix(seed, axis, sliceIndex) ^ SHUFFLE_STREAM;
    }

    public long sliceSeed() {
        return sliceSeed;
    }

    @Override
    public String type() {
        return AnomalyTypes.PIXEL_SHUFFLE;
    }

    @Override
    protected void fill(float[] original, int rows, int cols, int row, int col, boolean[] label, float[] out) {
        int count = 0;
        for (boolean inside : label) {
            count += inside ? 1 : 0;
        }
        float[] values = new float[count];
        int j = 0;
        for (int i = 0; i < label.length; i++) {
            if (label[i]) {
                values[j++] = original[i];
            }
        }
        SplittableRandom random = new SplittableRandom(sliceSeed);
        for (int i = count - 1; i > 0; i--) {
            int k = random.nextInt(i + 1);
            float swap = values[i];
            values[i] = values[k];
            values[k] = swap;
        }
        j = 0;
        for (int i = 0; i < label.length; i++) {
            if (label[i]) {
                out[i] = values[j++];
            }
        }
    }
}
