package io.blindspot.inference.domain;

import io.blindspot.contracts.FloatArray;

/**
 * Something that reconstructs slices: a Gaussian blur (the paper's stand-in for a model that loses detail) or,
 * later, a trained model. The residual |rec(x) − anomalous| is computed downstream.
 */
public interface Reconstructor {

    /**
     * @param batch float32 [n, rows, cols]
     * @return float32 [n, rows, cols], plane i reconstructed from plane i
     */
    FloatArray reconstruct(FloatArray batch);

    /**
     * {@link #reconstruct} written into {@code out[offset .. offset + n * rows * cols)}: lets a caller gather
     * several reconstructions (one per sigma) in one array. This default copies {@link #reconstruct}'s result; a
     * reconstructor that can write in place (the blur) overrides it to spare that copy.
     *
     * @throws IllegalStateException when the reconstruction does not have the batch's shape
     */
    default void reconstructInto(FloatArray batch, float[] out, int offset) {
        FloatArray result = reconstruct(batch);
        if (!java.util.Arrays.equals(result.shape(), batch.shape())) {
            throw new IllegalStateException("reconstruction has shape " + java.util.Arrays.toString(result.shape())
                    + ", the input " + java.util.Arrays.toString(batch.shape()));
        }
        System.arraycopy(result.data(), 0, out, offset, result.data().length);
    }
}
