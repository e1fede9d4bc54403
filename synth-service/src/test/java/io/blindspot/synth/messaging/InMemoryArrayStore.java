package io.blindspot.synth.messaging;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.store.ObjectNotFoundException;
import io.blindspot.synth.store.ArrayStore;
import io.quarkus.test.Mock;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Replaces the MinIO-backed store in {@code @QuarkusTest}s. */
@Mock
@ApplicationScoped
public class InMemoryArrayStore implements ArrayStore {
    final Map<String, FloatArray> objects = new ConcurrentHashMap<>();

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
}
