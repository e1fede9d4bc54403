package io.blindspot.inference.domain.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One ONNX model that meets {@link OnnxContract}: a single {@link OrtSession}, created once when the model is
 * loaded and shared by every caller ({@code OrtSession.run} is thread-safe). {@link #run} takes model-shaped
 * planes; {@link OnnxReconstructor} fits slices to them.
 */
public final class OnnxModel implements AutoCloseable {
    private final String name;
    private final OrtSession session;
    private final OnnxSessions sessions;
    private final OnnxContract.Signature signature;
    private final Map<String, String> metadata;

    private OnnxModel(String name, OrtSession session, OnnxSessions sessions, OnnxContract.Signature signature,
                      Map<String, String> metadata) {
        this.name = name;
        this.session = session;
        this.sessions = sessions;
        this.signature = signature;
        this.metadata = metadata;
    }

    /**
     * Loads and checks a model.
     *
     * @throws ModelContractException when ONNX Runtime cannot read the bytes or the model breaks the contract
     */
    public static OnnxModel load(String name, byte[] bytes, OnnxSessions sessions) {
        if (bytes == null || bytes.length == 0) {
            throw new ModelContractException("the model file is empty");
        }
        return load(name, () -> sessions.create(bytes), sessions);
    }

    /** Loads and checks a model file, which ONNX Runtime reads from its path (not through the Java heap). */
    public static OnnxModel load(String name, java.nio.file.Path file, OnnxSessions sessions) {
        return load(name, () -> sessions.create(file), sessions);
    }

    private interface SessionSource {
        OrtSession open() throws OrtException;
    }

    private static OnnxModel load(String name, SessionSource source, OnnxSessions sessions) {
        OrtSession session;
        try {
            session = source.open();
        } catch (OrtException e) {
            throw new ModelContractException("not a loadable ONNX model: " + e.getMessage(), e);
        }
        try {
            OnnxContract.Signature signature = OnnxContract.check(session.getInputInfo(), session.getOutputInfo());
            Map<String, String> metadata = new TreeMap<>(session.getMetadata().getCustomMetadata());
            return new OnnxModel(name, session, sessions, signature, java.util.Collections.unmodifiableMap(metadata));
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session);
            if (e instanceof ModelContractException contract) {
                throw contract;
            }
            throw new ModelContractException("cannot read the model's inputs, outputs or metadata: "
                    + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    /** {@code [H, W]} of the model's input. */
    public int[] inputSize() {
        return new int[] {signature.height(), signature.width()};
    }

    public int height() {
        return signature.height();
    }

    public int width() {
        return signature.width();
    }

    /** N when the model fixes its batch dimension, 0 when it is dynamic. */
    public int fixedBatch() {
        return signature.fixedBatch();
    }

    public List<TensorSpec> inputs() {
        return signature.inputs();
    }

    public List<TensorSpec> outputs() {
        return signature.outputs();
    }

    /** The model's {@code metadata_props} (family, input_size, latent, ...), sorted by key. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Runs the model on {@code n} planes.
     *
     * @param planes float32 [n, 1, H, W] in C order (at least n·H·W values; the rest is ignored)
     * @return the {@value OnnxContract#OUTPUT} output, float32 [n, 1, H, W] as n·H·W values
     * @throws IllegalStateException when ONNX Runtime fails or the output does not have the input's shape
     */
    public float[] run(float[] planes, int n) {
        int h = signature.height();
        int w = signature.width();
        long[] shape = {n, 1, h, w};
        int size = Math.multiplyExact(n, h * w);
        try (OnnxTensor input = OnnxTensor.createTensor(sessions.environment(), FloatBuffer.wrap(planes, 0, size),
                shape);
             OrtSession.Result result = session.run(Map.of(OnnxContract.INPUT, input),
                     Set.of(OnnxContract.OUTPUT))) {
            OnnxValue value = result.get(OnnxContract.OUTPUT)
                    .orElseThrow(() -> new IllegalStateException("model '" + name + "' returned no '"
                            + OnnxContract.OUTPUT + "'"));
            if (!(value instanceof OnnxTensor tensor) || tensor.getInfo().type != OnnxJavaType.FLOAT
                    || !Arrays.equals(tensor.getInfo().getShape(), shape)) {
                throw new IllegalStateException("model '" + name + "' returned '" + OnnxContract.OUTPUT + "' as "
                        + value.getInfo() + ", expected FLOAT " + Arrays.toString(shape));
            }
            float[] out = new float[size];
            tensor.getFloatBuffer().get(out);
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("model '" + name + "' failed on a batch of " + n + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        closeQuietly(session);
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException | RuntimeException ignored) {
            // closing only frees native memory; nothing to recover
        }
    }
}
