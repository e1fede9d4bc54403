package io.blindspot.synth.domain;

import java.util.List;

/**
 * Paints one kind of synthetic anomaly into a normal slice: once per intensity for the disk, once for a texture
 * (whose values come from the slice itself).
 */
public interface AnomalyGenerator {

    /**
     * @param slice       the normal slice, float32 row-major [rows, cols]; brain = pixel &gt; 0
     * @param row         centre row
     * @param col         centre column
     * @param intensities the disk's variants, one per value, in this order; a texture takes none (null or empty)
     */
    Variants generate(float[] slice, int rows, int cols, int row, int col, List<Double> intensities);
}
