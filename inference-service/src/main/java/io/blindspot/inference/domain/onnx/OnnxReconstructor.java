package io.blindspot.inference.domain.onnx;

import io.blindspot.contracts.FloatArray;
import io.blindspot.inference.domain.Reconstructor;
import io.blindspot.inference.domain.SliceFit;
import io.blindspot.inference.domain.batching.BatchPolicy;
import io.blindspot.inference.domain.batching.MicroBatcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * A trained model as a {@link Reconstructor}: [n, rows, cols] planes in, the model's {@code reconstruction} of
 * each out, same shape.
 *
 * <p>Geometry: each plane is fitted to the model's H x W by {@link SliceFit} (zero padding / centre cropping,
 * no resampling) and the output mapped back exactly; where a crop hid pixels from the model, the reconstruction
 * there is the input pixel itself (residual 0).
 *
 * <p>Batching: every caller's planes go through one {@link MicroBatcher} per model, so planes of one event and of
 * concurrent events share model runs of at most {@link BatchPolicy#size()} planes, a run waiting at most
 * {@link BatchPolicy#maxWait()} for more (a model with a fixed N gets runs of exactly N, the last one filled up
 * with zero planes whose outputs are dropped). In eval mode a model's output for one plane does not depend on the
 * others, so batching changes speed, not values. A failing run fails only the calls with a plane in it.
 *
 * <p>A model has no sigma: the experiment's sigmas do not change what it returns. Thread-safe.
 */
public final class OnnxReconstructor implements Reconstructor, AutoCloseable {
    private final OnnxModel model;
    private final MicroBatcher<float[], float[]> batcher;

    /** Runs of at most {@code batchSize} planes, no waiting for other callers' planes beyond what is queued. */
    public OnnxReconstructor(OnnxModel model, int batchSize) {
        this(model, BatchPolicy.immediate(requirePositive(batchSize)), MicroBatcher.Listener.NONE);
    }

    /**
     * @param policy   run size (replaced by the model's N when it fixes it) and wait
     * @param listener told about every model run (metrics)
     */
    public OnnxReconstructor(OnnxModel model, BatchPolicy policy, MicroBatcher.Listener listener) {
        this.model = model;
        BatchPolicy effective = model.fixedBatch() > 0 ? new BatchPolicy(model.fixedBatch(), policy.maxWait())
                : policy;
        this.batcher = new MicroBatcher<>(model.name(), effective, this::runPlanes, listener);
    }

    private static int requirePositive(int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("blindspot.inference.batch.size must be >= 1, got " + batchSize);
        }
        return batchSize;
    }

    public OnnxModel model() {
        return model;
    }

    /** Planes per model run at most. */
    public int batchSize() {
        return batcher.policy().size();
    }

    public BatchPolicy policy() {
        return batcher.policy();
    }

    /**
     * @throws IllegalStateException when a model run holding one of these planes fails (ONNX Runtime's error)
     */
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
        List<float[]> planes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] p = new float[modelPlane];
            fit.toModel(in, i * plane, p, 0);
            planes.add(p);
        }
        List<float[]> recs = await(batcher.submit(planes));
        float[] out = new float[in.length];
        for (int i = 0; i < n; i++) {
            fit.fromModel(recs.get(i), 0, in, i * plane, out, i * plane);
        }
        return new FloatArray(shape.clone(), out);
    }

    private static List<float[]> await(java.util.concurrent.CompletableFuture<List<float[]>> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            // the run's own exception, so the dead-letter reason names the model's failure
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    /** One model run: planes stacked into [runSize, 1, H, W] (zero planes fill a fixed N), split back per plane. */
    private List<float[]> runPlanes(List<float[]> planes) {
        int modelPlane = model.height() * model.width();
        int count = planes.size();
        int runSize = model.fixedBatch() > 0 ? model.fixedBatch() : count;
        float[] stacked = new float[runSize * modelPlane];
        for (int i = 0; i < count; i++) {
            System.arraycopy(planes.get(i), 0, stacked, i * modelPlane, modelPlane);
        }
        float[] rec = model.run(stacked, runSize);
        List<float[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(Arrays.copyOfRange(rec, i * modelPlane, (i + 1) * modelPlane));
        }
        return out;
    }

    /** Stops the batching worker; the model itself is closed by its owner. */
    @Override
    public void close() {
        batcher.close();
    }
}
