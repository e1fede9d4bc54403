package io.blindspot.testing;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.store.ArrayStore;
import io.blindspot.contracts.store.ObjectNotFoundException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link ArrayStore} in a map: the stand-in for the object store in the services' tests. A service whose
 * {@code @QuarkusTest}s need it as a bean keeps an empty {@code @Mock @ApplicationScoped} subclass in its own test
 * tree: this jar is no bean archive, and a mock here would replace the store in every module that uses the jar.
 */
public class InMemoryArrayStore implements ArrayStore {
    private final Map<String, FloatArray> objects = new ConcurrentHashMap<>();

    @Override
    public FloatArray get(String key) {
        FloatArray a = objects.get(key);
        if (a == null) {
            throw new ObjectNotFoundException(key);
        }
        return a;
    }

    @Override
    public void put(String key, FloatArray array) {
        objects.put(key, array);
    }

    /** Everything stored, by key (live view). */
    public Map<String, FloatArray> objects() {
        return objects;
    }
}
