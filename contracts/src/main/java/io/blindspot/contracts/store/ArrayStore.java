package io.blindspot.contracts.store;

import io.blindspot.contracts.FloatArray;

/**
 * The float32 .npy artefacts of the pipeline by object key: the port a service's domain flow talks to, so that
 * flow is tested without MinIO (test-fixtures' {@code io.blindspot.testing.InMemoryArrayStore}) and runs on it ({@link ObjectStoreArrays}).
 */
public interface ArrayStore {
    /** @throws ObjectNotFoundException when nothing is stored under {@code key} */
    FloatArray get(String key);

    void put(String key, FloatArray array);
}
