package io.blindspot.scoring.domain.port;

import io.blindspot.contracts.FloatArray;

import java.util.Collection;
import java.util.List;

/**
 * The intermediate artefacts in the object store (store.ObjectStoreArtefacts): the variants and reconstructions
 * scoring reads, and deletes once scored.
 */
public interface ArtefactStore {
    /** Keys per multi-object delete request (S3's limit). */
    int DELETE_BATCH = 1000;

    /** @throws io.blindspot.contracts.store.ObjectNotFoundException when nothing is stored under {@code key} */
    FloatArray get(String key);

    /** Deletes the keys (absent ones count as deleted); returns a description of each that could not be. */
    List<String> deleteAll(Collection<String> keys);
}
