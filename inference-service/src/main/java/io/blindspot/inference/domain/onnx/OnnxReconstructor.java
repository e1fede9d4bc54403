package io.blindspot.inference.domain.onnx;

import io.blindspot.contracts.FloatArray;
import io.blindspot.inference.domain.Reconstructor;
import io.blindspot.inference.domain.SliceFit;

import java.util.Arrays;

/**
 * A trained model as a {@link Reconstructor}: [n, rows, cols] planes in, the model's {@code reconstruction} of
 * each out, same shape.
 *
 * <p>Geometry: each plane is fitted to the model's H x W by {@link SliceFit} (zero padding / centre cropping,
 * no resampling) and the output mapped back exactly; where a crop hid pixels from the model, the reconstruction
 * there is the input pixel itself (residual 0). Batching: the planes go to the model in batches of at most
 * {@code batchSize} (a model with a fixed N gets batches of exactly N, the last one filled up with zero planes
 * whose outputs are dropped). In eval mode a model's output for one plane does not depend on the others, so the
 * batch size changes speed, not values.
 *
 * <p>A model has no sigma: the experiment's sigmas do not change what it returns. Thread-safe.
 */
public final class OnnxReconstructor implements Reconstructor {
    private final OnnxModel model;
    private final int batchSize;

    public OnnxReconstructor(OnnxModel model, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("blindspot.inference.batch-size must be >= 1, got " + batchSize);
        }
        this.model = model;
        this.batchSize = model.fixedBatch() > 0 ? model.fixedBatch() : batchSize;
    }

    public OnnxModel model() {
        return model;
    }

    /** Planes per model run. */
    public int batchSize() {
        return batchSize;
    }

    @Override
    public FloatArray reconstruct(FloatArray batch) {
        int[] shape = batch.shape();
        if (shape.length != 3) {
            throw new IllegalArgumentException("expected a [n, rows, cols] stack, got shape "
                    + Arrays.toString(shape));
        }
        int n = shape[0];
        int plane = shape[1] * shape[2];
        int modelPlane = model.height() * model.width();
        SliceFit fit = new SliceFit(shape[1], shape[2], model.height(), model.width());
        float[] in = batch.data();
        float[] out = new float[in.length];
        for (int start = 0; start < n; start += batchSize) {
            int count = Math.min(batchSize, n - start);
            int runSize = model.fixedBatch() > 0 ? model.fixedBatch() : count;
            float[] modelIn = new float[runSize * modelPlane]; // zero planes pad a fixed-N model's last batch
            for (int i = 0; i < count; i++) {
                fit.toModel(in, (start + i) * plane, modelIn, i * modelPlane);
            }
            float[] rec = model.run(modelIn, runSize);
            for (int i = 0; i < count; i++) {
                fit.fromModel(rec, i * modelPlane, in, (start + i) * plane, out, (start + i) * plane);
            }
        }
        return new FloatArray(shape.clone(), out);
    }
}
