package io.blindspot.ingest.health;

import io.blindspot.contracts.store.ObjectStore;
import io.blindspot.support.health.ObjectStoreReadiness;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the bucket answers: every submission writes its slices (and an upload its volume) there. */
@Readiness
@Singleton
public class ObjectStoreHealthCheck extends ObjectStoreReadiness {
    public ObjectStoreHealthCheck(ObjectStore store) {
        super(store, "health/ingest/");
    }
}
