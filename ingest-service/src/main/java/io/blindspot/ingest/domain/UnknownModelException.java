package io.blindspot.ingest.domain;

import java.util.List;

/**
 * A spec or audit names a model ({@code onnx:NAME}) that the inference-service's registry does not hold; refused
 * at submission (422) instead of failing later in inference with every slice dead-lettered.
 */
public class UnknownModelException extends RuntimeException {
    public UnknownModelException(String field, String name, List<String> registered) {
        super(field + ": unknown model '" + name + "'; registered: "
                + (registered.isEmpty() ? "none (register one with POST /api/models on the inference-service)"
                : String.join(", ", registered)));
    }
}
