package io.blindspot.scoring.store;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.store.ObjectStore;
import io.blindspot.scoring.domain.port.ArtefactStore;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;

/** {@link ArtefactStore} on the service's bucket (contracts' {@link ObjectStore}, MinIO's client). */
@Singleton
public class ObjectStoreArtefacts implements ArtefactStore {
    static {
        if (ObjectStore.DELETE_BATCH != DELETE_BATCH) {
            throw new IllegalStateException("ArtefactStore.DELETE_BATCH must be ObjectStore's");
        }
    }

    private final ObjectStore store;

    public ObjectStoreArtefacts(ObjectStore store) {
        this.store = store;
    }

    @Override
    public FloatArray get(String key) {
        return store.getArray(key);
    }

    @Override
    public List<String> deleteAll(Collection<String> keys) {
        return store.deleteAll(keys);
    }
}
