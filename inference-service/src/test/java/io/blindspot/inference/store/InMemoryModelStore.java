package io.blindspot.inference.store;

import io.blindspot.inference.domain.onnx.ModelStore;
import io.quarkus.test.Mock;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The object store's models/ folder in memory: plain unit tests build one, {@code @QuarkusTest}s get it injected. */
@Mock
@Singleton // not a client proxy: tests read the field directly
public class InMemoryModelStore implements ModelStore {
    public final Map<String, byte[]> files = new ConcurrentHashMap<>();

    @Override
    public boolean exists(String name) {
        return files.containsKey(name);
    }

    @Override
    public Optional<byte[]> read(String name) {
        return Optional.ofNullable(files.get(name));
    }

    @Override
    public void write(String name, byte[] onnx) {
        files.put(name, onnx.clone());
    }

    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>(files.keySet());
        names.sort(null);
        return names;
    }
}
