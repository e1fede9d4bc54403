package io.blindspot.synth.health;

import io.blindspot.contracts.store.ObjectStore;
import io.blindspot.support.health.ObjectStoreReadiness;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the bucket answers: every slice event is read from there and its variants written back. */
@Readiness
@Singleton
public class ObjectStoreHealthCheck extends ObjectStoreReadiness {
    public ObjectStoreHealthCheck(ObjectStore store) {
        super(store, "health/synth/");
    }
}
