package io.blindspot.inference.domain;

import io.blindspot.contracts.FloatArray;

/** Experiment 1's reconstruction: every plane blurred with {@link GaussianBlur} of one sigma. */
public final class GaussianBlurReconstructor implements Reconstructor {
    private final GaussianBlur blur;

    public GaussianBlurReconstructor(double sigma) {
        this.blur = new GaussianBlur(sigma);
    }

    public double sigma() {
        return blur.sigma();
    }

    @Override
    public FloatArray reconstruct(FloatArray batch) {
        return blur.applyToStack(batch);
    }

    /** Blurs straight into {@code out}: no intermediate stack. */
    @Override
    public void reconstructInto(FloatArray batch, float[] out, int offset) {
        blur.applyToStack(batch, out, offset);
    }
}
