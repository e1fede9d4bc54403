package io.blindspot.contracts.store;

import io.blindspot.contracts.FloatArray;

/** {@link ArrayStore} on the shared MinIO/S3 {@link ObjectStore}. */
public class ObjectStoreArrays implements ArrayStore {
    private final ObjectStore store;

    public ObjectStoreArrays(ObjectStore store) {
        this.store = store;
    }

    @Override
    public FloatArray get(String key) {
        return store.getArray(key);
    }

    @Override
    public void put(String key, FloatArray array) {
        store.putArray(key, array);
    }
}
