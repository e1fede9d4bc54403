package io.blindspot.inference.domain.onnx;

/** An ONNX file that cannot be loaded or breaks the I/O contract; the message names the mismatch. */
public class ModelContractException extends IllegalArgumentException {

    public ModelContractException(String message) {
        super(message);
    }

    public ModelContractException(String message, Throwable cause) {
        super(message, cause);
    }
}
