package io.blindspot.inference.service;

import io.blindspot.inference.domain.onnx.ModelInfo;
import io.blindspot.inference.domain.onnx.ModelRegistry;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * The model use cases: register an uploaded file, list and describe the registered models ({@code rest.ModelResource}),
 * and register the models shipped in the image ({@link BundledModels}). The checks, the store and the sessions are
 * {@link ModelRegistry}'s (domain); this class is the one way the adapters reach it.
 */
@Singleton
public class ModelService {
    private final ModelRegistry registry;

    public ModelService(ModelRegistry registry) {
        this.registry = registry;
    }

    /** @throws ModelRegistry.InvalidModelNameException when {@code name} breaks {@link ModelRegistry#NAME_RULE} */
    public void requireValidName(String name) {
        ModelRegistry.requireValidName(name);
    }

    /**
     * Checks and stores a new model from a file (an upload buffered on disk; it is never whole in the heap).
     *
     * @see ModelRegistry#register(String, Path)
     */
    public ModelInfo register(String name, Path file) {
        return registry.register(name, file);
    }

    /** Every registered model, by name; a stored file that no longer loads is listed with its error. */
    public List<ModelInfo> list() {
        return registry.list();
    }

    /** @throws ModelRegistry.UnknownModelException when no such model is registered */
    public ModelInfo describe(String name) {
        return registry.describe(name);
    }

    /**
     * Registers every free {@code NAME.onnx} in {@code dir}; a failure {@code retryLater} accepts ends the pass.
     *
     * @see ModelRegistry#registerBundled(Path, Predicate)
     */
    public List<String> registerBundled(Path dir, Predicate<Throwable> retryLater) {
        return registry.registerBundled(dir, retryLater);
    }
}
