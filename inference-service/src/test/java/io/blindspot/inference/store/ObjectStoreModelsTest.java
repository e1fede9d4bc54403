package io.blindspot.inference.store;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The model names read from the object store's recursive listing of {@code models/}. */
class ObjectStoreModelsTest {

    @Test
    void namesAreTheOnnxFilesDirectlyUnderModelsSorted() {
        assertThat(ObjectStoreModels.names(List.of("models/vqvae2.onnx", "models/ae-latent128.onnx",
                "models/notes.txt", "models/old/ae.onnx", "models/ae.onnx.bak"))).containsExactly("ae-latent128",
                "vqvae2");
    }

    @Test
    void anEmptyFolderHasNoNames() {
        assertThat(ObjectStoreModels.names(List.of())).isEmpty();
    }
}
