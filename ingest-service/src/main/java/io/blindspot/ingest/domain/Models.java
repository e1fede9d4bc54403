package io.blindspot.ingest.domain;

import io.blindspot.contracts.events.ExperimentSpec;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The models a submission needs, checked against the registry before anything is written. The registry itself
 * is the inference-service's ({@code models/NAME.onnx} in the object store); ingest only reads it.
 */
public final class Models {
    /** A model name as the inference-service's registry accepts it. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    /** Reconstructor family of registered models: {@code onnx:NAME}. */
    public static final String PREFIX = "onnx:";

    /** What the registry answers: whether a name is registered, and every registered name (for messages). */
    public interface Registry {
        boolean exists(String name);

        List<String> names();
    }

    private Models() {
    }

    /** NAME of an {@code onnx:NAME} reconstructor; empty for any other reconstructor (gaussian-blur). */
    public static Optional<String> modelOf(String reconstructor) {
        return reconstructor != null && reconstructor.startsWith(PREFIX)
                ? Optional.of(reconstructor.substring(PREFIX.length())) : Optional.empty();
    }

    /** @throws UnknownModelException when the spec's reconstructor is a model the registry does not hold */
    public static void requireRegistered(ExperimentSpec spec, Registry registry) {
        modelOf(spec.reconstruction().reconstructor())
                .ifPresent(name -> requireRegistered("reconstruction.reconstructor", name, registry));
    }

    /** @throws UnknownModelException naming {@code field} and the registered models */
    public static void requireRegistered(String field, String name, Registry registry) {
        if (!registry.exists(name)) {
            throw new UnknownModelException(field, name, registry.names());
        }
    }
}
