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
}
