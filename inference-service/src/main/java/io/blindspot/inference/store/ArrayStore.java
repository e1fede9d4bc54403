package io.blindspot.inference.store;

import io.blindspot.contracts.FloatArray;

/** The float32 .npy artefacts this service reads and writes, by object key (a port the domain flow talks to). */
public interface ArrayStore {

    /** @throws io.blindspot.contracts.store.ObjectNotFoundException when nothing is stored under {@code key} */
    FloatArray get(String key);

    void put(String key, FloatArray array);
}
