package io.blindspot.inference.domain.onnx;

import java.util.List;
import java.util.Map;

/**
 * What the registry tells about a model.
 *
 * @param inputSize {@code [H, W]}
 * @param error     null for a usable model; for a stored file that no longer loads, why (the other fields empty)
 */
public record ModelInfo(String name, List<TensorSpec> inputs, List<TensorSpec> outputs, List<Integer> inputSize,
                        Map<String, String> metadata, String error) {

    static ModelInfo of(OnnxModel model) {
        return new ModelInfo(model.name(), model.inputs(), model.outputs(),
                List.of(model.height(), model.width()), model.metadata(), null);
    }

    static ModelInfo broken(String name, String error) {
        return new ModelInfo(name, List.of(), List.of(), List.of(), Map.of(), error);
    }
}
