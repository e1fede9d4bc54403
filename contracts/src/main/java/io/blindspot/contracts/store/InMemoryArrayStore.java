package io.blindspot.contracts.store;

import io.blindspot.contracts.FloatArray;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An {@link ArrayStore} in a map: the stand-in for the object store in the services' tests. */
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
