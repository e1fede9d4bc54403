package io.blindspot.synth.domain;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Where a slice's anomaly is centred: the position the experiment gives, or a brain pixel drawn uniformly from
 * the experiment's seed.
 *
 * <p>The draw is reproducible and independent of the order slices arrive in: the brain pixels (original &gt; 0)
 * are enumerated in row-major order and index {@code new SplittableRandom(mix(seed, axis, sliceIndex))
 * .nextInt(count)} is taken. The paper draws with numpy's global RNG, which a Java service cannot (and should not)
 * imitate; experiments that must match the paper's centres list them as positions instead.
 */
public final class CentreSampler {

    private CentreSampler() {
    }

    /**
     * The centre to use, as [row, col].
     *
     * @param position   the experiment's explicit centre, or null to draw one
     * @param seed       the experiment's seed (used only when {@code position} is null)
     * @param slice      the normal slice, row-major [rows, cols]
     * @param axis       the volume axis the slice was taken along
     * @param sliceIndex the slice's index along that axis
     */
    public static int[] centre(List<Integer> position, Long seed, float[] slice, int rows, int cols, int axis,
                               int sliceIndex) {
        if (position != null) {
            return explicit(position, rows, cols);
        }
        if (seed == null) {
            throw new IllegalArgumentException("anomaly has neither a position nor a seed for slice "
                    + sliceName(axis, sliceIndex));
        }
        return draw(seed, slice, rows, cols, axis, sliceIndex);
    }

    /** A uniformly drawn brain pixel of the slice, as [row, col]. */
    public static int[] draw(long seed, float[] slice, int rows, int cols, int axis, int sliceIndex) {
        if (slice.length != rows * cols) {
            throw new IllegalArgumentException("slice has " + slice.length + " pixels, expected " + rows + "x" + cols);
        }
        int count = 0;
        for (float v : slice) {
            if (v > 0f) {
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("slice " + sliceName(axis, sliceIndex)
                    + " has no brain pixel to centre an anomaly on");
        }
        int pick = new SplittableRandom(mix(seed, axis, sliceIndex)).nextInt(count);
        for (int i = 0; i < slice.length; i++) {
            if (slice[i] > 0f && pick-- == 0) {
                return new int[] {i / cols, i % cols};
            }
        }
        throw new IllegalStateException("unreachable: brain pixel " + pick + " not found");
    }

    /**
     * The per-slice seed: {@code seed * 0x9E3779B97F4A7C15L + axis * 1_000_003L + sliceIndex}, wrapping in 64 bits.
     * The golden-ratio multiplier spreads consecutive experiment seeds apart; the prime separates axes so slice z
     * of axis 0 and of axis 2 draw differently. {@link SplittableRandom} mixes the result again, so neighbouring
     * slices get unrelated streams.
     */
    public static long mix(long seed, int axis, int sliceIndex) {
        return seed * 0x9E3779B97F4A7C15L + axis * 1_000_003L + sliceIndex;
    }

    /** The slice name used in object keys and messages, e.g. {@code axis2-0080}. */
    public static String sliceName(int axis, int sliceIndex) {
        return String.format(Locale.ROOT, "axis%d-%04d", axis, sliceIndex);
    }

    private static int[] explicit(List<Integer> position, int rows, int cols) {
        if (position.size() != 2 || position.get(0) == null || position.get(1) == null) {
            throw new IllegalArgumentException("anomaly position must be [row, col], got " + position);
        }
        int row = position.get(0);
        int col = position.get(1);
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IllegalArgumentException("anomaly position " + position + " lies outside the " + rows + "x"
                    + cols + " slice");
        }
        return new int[] {row, col};
    }
}
