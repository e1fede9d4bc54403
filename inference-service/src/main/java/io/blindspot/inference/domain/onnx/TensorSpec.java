package io.blindspot.inference.domain.onnx;

import java.util.List;

/**
 * A model input or output as ONNX Runtime reports it.
 *
 * @param type  the element type ({@code FLOAT}, {@code INT64}, ...), or the value kind for non-tensors
 *              ({@code SEQUENCE}, {@code MAP})
 * @param shape one entry per dimension: a {@link Long} when fixed, the symbolic name (or {@code "?"}) when dynamic;
 *              empty for non-tensors
 */
public record TensorSpec(String name, String type, List<Object> shape) {

    /** {@code image: FLOAT [N, 1, 8, 8]}, as error messages show it. */
    @Override
    public String toString() {
        return name + ": " + type + " " + shape;
    }
}
