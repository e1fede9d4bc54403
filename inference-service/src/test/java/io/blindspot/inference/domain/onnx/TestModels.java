package io.blindspot.inference.domain.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The tiny ONNX files of src/test/resources/models (made by src/test/onnx/make_test_models.py). */
public final class TestModels {
    /** One CPU sessions factory for all tests: the provider is chosen once, as in the service. */
    public static final OnnxSessions CPU = new OnnxSessions(new ProviderConfig(ProviderConfig.CPU, 0, 1));

    private TestModels() {
    }

    public static byte[] bytes(String file) {
        try (InputStream in = TestModels.class.getResourceAsStream("/models/" + file)) {
            if (in == null) {
                throw new IllegalStateException("test model " + file + " missing; run make_test_models.py");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static OnnxModel load(String file) {
        return OnnxModel.load(file.replace(".onnx", ""), bytes(file), CPU);
    }
}
