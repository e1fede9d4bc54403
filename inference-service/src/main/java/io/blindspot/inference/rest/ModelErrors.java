package io.blindspot.inference.rest;

import io.blindspot.inference.domain.onnx.ModelContractException;
import io.blindspot.inference.domain.onnx.ModelRegistry;

import java.util.Map;

/** Which HTTP status each registry failure gets; the body is always {@code {"error": message}}. */
final class ModelErrors {

    private ModelErrors() {
    }

    /**
     * 400 bad name, 404 unknown model, 409 name taken, 422 a file that does not load or breaks the ONNX
     * contract; any other {@link IllegalArgumentException} 400.
     */
    static int status(IllegalArgumentException e) {
        if (e instanceof ModelRegistry.UnknownModelException) {
            return 404;
        }
        if (e instanceof ModelRegistry.DuplicateModelException) {
            return 409;
        }
        if (e instanceof ModelContractException) {
            return 422;
        }
        return 400;
    }

    static Map<String, String> body(RuntimeException e) {
        return Map.of("error", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
}
