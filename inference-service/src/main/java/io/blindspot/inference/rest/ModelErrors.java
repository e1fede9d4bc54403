package io.blindspot.inference.rest;

import io.blindspot.inference.domain.onnx.ModelContractException;
import io.blindspot.inference.domain.onnx.ModelRegistry;
import io.blindspot.support.rest.ErrorBody;
import jakarta.ws.rs.core.Response;

/** Which HTTP status each registry failure gets; the body is service-support's {@link ErrorBody}. */
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

    static ErrorBody body(RuntimeException e) {
        return new ErrorBody(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    /** The answer to a registry failure: its status, its message. */
    static Response response(IllegalArgumentException e) {
        return ErrorBody.response(status(e), body(e).error());
    }
}
