package io.blindspot.inference.store;

import io.blindspot.contracts.store.ObjectNotFoundException;
import io.blindspot.contracts.store.ObjectStore;
import io.blindspot.inference.domain.onnx.ModelStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ModelStore} (the domain's port) on the shared object store: {@code models/NAME.onnx}. */
@ApplicationScoped
public class ObjectStoreModels implements ModelStore {
    private static final String PREFIX = "models/";
    private static final String SUFFIX = ".onnx";

    private final ObjectStore store;

    public ObjectStoreModels(ObjectStore store) {
        this.store = store;
    }

    @Override
    public boolean exists(String name) {
        return store.exists(ModelStore.key(name));
    }

    @Override
    public Optional<byte[]> read(String name) {
        try {
            return Optional.of(store.get(ModelStore.key(name)));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void write(String name, byte[] onnx) {
        store.put(ModelStore.key(name), onnx, "application/octet-stream");
    }

    @Override
    public void write(String name, java.nio.file.Path file) {
        store.putFile(ModelStore.key(name), file, "application/octet-stream");
    }

    @Override
    public List<String> names() {
        return names(store.list(PREFIX));
    }

    /**
     * The model names among the keys under {@code models/}: {@code models/NAME.onnx} directly in the folder, not in
     * a sub-folder (the store lists recursively), sorted.
     */
    static List<String> names(List<String> keys) {
        List<String> names = new ArrayList<>();
        for (String key : keys) {
            if (key.startsWith(PREFIX) && key.endsWith(SUFFIX) && key.indexOf('/', PREFIX.length()) < 0) {
                names.add(key.substring(PREFIX.length(), key.length() - SUFFIX.length()));
            }
        }
        names.sort(null);
        return names;
    }
}
