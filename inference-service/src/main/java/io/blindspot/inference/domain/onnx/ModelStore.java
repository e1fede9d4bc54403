package io.blindspot.inference.domain.onnx;

import java.util.List;
import java.util.Optional;

/**
 * Where uploaded ONNX files live, by model name: {@code models/NAME.onnx} in the object store, so every replica
 * and every restart finds them. The port {@link ModelRegistry} talks to; {@code store.ObjectStoreModels} is the
 * adapter that implements it on the shared object store.
 */
public interface ModelStore {

    /** The object key of a model's file. */
    static String key(String name) {
        return "models/" + name + ".onnx";
    }

    boolean exists(String name);

    /** The file's bytes, empty when nothing is stored under the name. */
    Optional<byte[]> read(String name);

    void write(String name, byte[] onnx);

    /** Writes a model from a file (an upload buffered on disk); adapters stream it. */
    default void write(String name, java.nio.file.Path file) {
        try {
            write(name, java.nio.file.Files.readAllBytes(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The names of every stored model, sorted. */
    List<String> names();
}
