package io.blindspot.inference.rest;

import io.blindspot.inference.domain.onnx.ModelContractException;
import io.blindspot.inference.domain.onnx.ModelRegistry;
import io.blindspot.inference.domain.onnx.TestModels;
import io.blindspot.inference.store.InMemoryModelStore;
import io.blindspot.support.rest.ErrorBody;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The REST adapter's error mapping, on the exceptions the registry really throws. */
class ModelErrorsTest {
    private final ModelRegistry registry = new ModelRegistry(new InMemoryModelStore(), TestModels.CPU, 32);

    @Test
    void eachRegistryFailureHasItsStatus() {
        registry.register("scale2", TestModels.bytes("scale2-8x8.onnx"));
        assertThat(status(() -> registry.register("Bad Name", new byte[1]))).isEqualTo(400);
        assertThat(status(() -> registry.register("scale2", TestModels.bytes("scale2-8x8.onnx")))).isEqualTo(409);
        assertThat(status(() -> registry.register("x", TestModels.bytes("no-reconstruction-output.onnx"))))
                .isEqualTo(422);
        assertThat(status(() -> registry.register("x", new byte[0]))).isEqualTo(422);
        assertThat(status(() -> registry.describe("nope"))).isEqualTo(404);
        assertThat(ModelErrors.status(new IllegalArgumentException("other"))).isEqualTo(400);
        registry.close();
    }

    @Test
    void theBodyCarriesTheMessage() {
        assertThat(ModelErrors.body(new ModelContractException("input 'x' found, expected 'image'")))
                .isEqualTo(new ErrorBody("input 'x' found, expected 'image'"));
        assertThat(ModelErrors.body(new IllegalArgumentException())).isEqualTo(new ErrorBody(
                "IllegalArgumentException"));
    }

    private static int status(Runnable call) {
        return ModelErrors.status(catchThrowableOfType(IllegalArgumentException.class, call::run));
    }
}
