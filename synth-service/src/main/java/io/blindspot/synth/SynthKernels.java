package io.blindspot.synth;

import io.blindspot.contracts.FloatArray;
import io.blindspot.synth.domain.CentreSampler;
import io.blindspot.synth.domain.DiskAnomaly;
import io.blindspot.synth.domain.Variants;

import java.util.List;

/**
 * The synth-service's public entry point for code outside the service (bench): the experiment-1 disk variants
 * and the seeded draw of a disk centre among a slice's brain pixels. Plain delegation to the domain classes, so a
 * move inside the service changes this class only; the arrays are the domain's own, not copies.
 */
public final class SynthKernels {
    private SynthKernels() {
    }

    /**
     * A brain pixel (value &gt; 0) of the slice, drawn uniformly from {@code seed} mixed with (axis, index): the
     * centre a spec with {@code "seed"} gets for that slice.
     *
     * @return [row, col]
     */
    public static int[] centre(long seed, float[] slice, int rows, int cols, int axis, int index) {
        return CentreSampler.draw(seed, slice, rows, cols, axis, index);
    }

    /**
     * Every disk variant of one slice, as the service writes them: a disk of radius {@code radius} around
     * (row, col) painted with each intensity, image and label multiplied by the slice's brain mask.
     */
    public static DiskVariants disk(int radius, float[] slice, int rows, int cols, int row, int col,
                                    List<Double> intensities) {
        Variants v = new DiskAnomaly(radius).generate(slice, rows, cols, row, col, intensities);
        return new DiskVariants(v.anomalous(), v.label());
    }

    /**
     * @param anomalous float32 [variants, rows, cols], one plane per intensity, in order
     * @param label     float32 [rows, cols], 1 inside the disk and the brain, else 0
     */
    public record DiskVariants(FloatArray anomalous, FloatArray label) {
    }
}
