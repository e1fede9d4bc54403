package io.blindspot.inference.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.blindspot.inference.domain.onnx.ModelInfo;
import io.blindspot.inference.domain.onnx.TensorSpec;

import java.util.List;
import java.util.Map;

/** A model as the API shows it: {@code {"name", "inputs", "outputs", "input_size": [H, W], "metadata"}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelView(String name, List<TensorSpec> inputs, List<TensorSpec> outputs,
                        @JsonProperty("input_size") List<Integer> inputSize, Map<String, String> metadata,
                        String error) {

    static ModelView of(ModelInfo info) {
        return new ModelView(info.name(), info.inputs(), info.outputs(), info.inputSize(), info.metadata(),
                info.error());
    }
}
