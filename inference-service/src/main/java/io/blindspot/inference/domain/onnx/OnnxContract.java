package io.blindspot.inference.domain.onnx;

import ai.onnxruntime.MapInfo;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Blindspot's ONNX I/O contract, checked on what ONNX Runtime reports for a loaded session (the same contract
 * the training recipe's {@code contract.py} checks on the graph):
 * <ul>
 *   <li>exactly one input, {@value #INPUT}, float32, rank 4 {@code [N, 1, H, W]}: N dynamic (or fixed — then
 *       every run has exactly N planes), 1 channel, H and W fixed positive (the model's input size);</li>
 *   <li>an output {@value #OUTPUT}, float32, rank 4 {@code [N, 1, H, W]} with the input's H and W where the
 *       model declares them (symbolic ones are checked on every run); further outputs are allowed and ignored
 *       (e.g. {@code anomaly_map}).</li>
 * </ul>
 * Each violation is a {@link ModelContractException} whose message names the mismatch.
 */
public final class OnnxContract {
    public static final String INPUT = "image";
    public static final String OUTPUT = "reconstruction";

    private OnnxContract() {
    }

    /**
     * What the contract fixes about a valid model.
     *
     * @param height     H of the input
     * @param width      W of the input
     * @param fixedBatch N when the model fixes it, 0 when dynamic
     */
    public record Signature(int height, int width, int fixedBatch, List<TensorSpec> inputs,
                            List<TensorSpec> outputs) {
    }

    /** Checks a session's inputs and outputs (as {@code OrtSession.getInputInfo()/getOutputInfo()} give them). */
    public static Signature check(Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs) {
        List<TensorSpec> inputSpecs = describeAll(inputs);
        List<TensorSpec> outputSpecs = describeAll(outputs);
        if (inputs.size() != 1) {
            throw new ModelContractException("inputs " + names(inputSpecs) + " found, expected exactly one input '"
                    + INPUT + "'");
        }
        NodeInfo input = inputs.values().iterator().next();
        if (!INPUT.equals(input.getName())) {
            throw new ModelContractException("input '" + input.getName() + "' found, expected '" + INPUT + "'");
        }
        TensorInfo in = floatTensor("input", input);
        long[] shape = in.getShape();
        if (shape[1] != 1) {
            throw new ModelContractException("input '" + INPUT + "' has " + dim(shape[1]) + " channels, expected 1 ("
                    + inputSpecs.get(0) + ")");
        }
        if (shape[2] <= 0 || shape[3] <= 0) {
            throw new ModelContractException("input '" + INPUT + "' must have a fixed H and W, has "
                    + inputSpecs.get(0).shape());
        }
        int height = Math.toIntExact(shape[2]);
        int width = Math.toIntExact(shape[3]);
        int fixedBatch = shape[0] > 0 ? Math.toIntExact(shape[0]) : 0;

        NodeInfo output = outputs.get(OUTPUT);
        if (output == null) {
            throw new ModelContractException("output '" + OUTPUT + "' missing; outputs: " + outputSpecs);
        }
        long[] out = floatTensor("output", output).getShape();
        // Dimensions ONNX Runtime reports as -1 are symbolic; run() checks the real ones.
        boolean agrees = (out[0] < 0 || shape[0] < 0 || out[0] == shape[0]) && (out[1] < 0 || out[1] == 1)
                && (out[2] < 0 || out[2] == height) && (out[3] < 0 || out[3] == width);
        if (!agrees) {
            throw new ModelContractException("output '" + OUTPUT + "' has shape " + describe(output).shape()
                    + ", expected [N, 1, " + height + ", " + width + "] like input '" + INPUT + "'");
        }
        return new Signature(height, width, fixedBatch, inputSpecs, outputSpecs);
    }

    /** The node as a float32 rank-4 tensor, or the contract violation. */
    private static TensorInfo floatTensor(String role, NodeInfo node) {
        String name = node.getName();
        if (!(node.getInfo() instanceof TensorInfo tensor)) {
            throw new ModelContractException(role + " '" + name + "' is a " + kind(node.getInfo())
                    + ", expected a FLOAT tensor");
        }
        if (tensor.type != OnnxJavaType.FLOAT) {
            throw new ModelContractException(role + " '" + name + "' type " + tensor.type + ", expected FLOAT");
        }
        if (tensor.getShape().length != 4) {
            throw new ModelContractException(role + " '" + name + "' has rank " + tensor.getShape().length + " "
                    + describe(node).shape() + ", expected rank 4 [N, 1, H, W]");
        }
        return tensor;
    }

    static List<TensorSpec> describeAll(Map<String, NodeInfo> nodes) {
        List<TensorSpec> specs = new ArrayList<>(nodes.size());
        nodes.values().forEach(n -> specs.add(describe(n)));
        return List.copyOf(specs);
    }

    static TensorSpec describe(NodeInfo node) {
        ValueInfo info = node.getInfo();
        if (!(info instanceof TensorInfo tensor)) {
            return new TensorSpec(node.getName(), kind(info), List.of());
        }
        long[] shape = tensor.getShape();
        String[] names = tensor.getDimensionNames();
        List<Object> dims = new ArrayList<>(shape.length);
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] >= 0) {
                dims.add(shape[i]);
            } else {
                String symbol = names != null && i < names.length ? names[i] : null;
                dims.add(symbol == null || symbol.isEmpty() ? "?" : symbol);
            }
        }
        return new TensorSpec(node.getName(), tensor.type.name(), List.copyOf(dims));
    }

    private static String kind(ValueInfo info) {
        if (info instanceof SequenceInfo) {
            return "SEQUENCE";
        }
        if (info instanceof MapInfo) {
            return "MAP";
        }
        return info == null ? "UNKNOWN" : info.getClass().getSimpleName();
    }

    private static String dim(long d) {
        return d < 0 ? "a dynamic number of" : Long.toString(d);
    }

    private static List<String> names(List<TensorSpec> specs) {
        return specs.stream().map(TensorSpec::name).toList();
    }
}
