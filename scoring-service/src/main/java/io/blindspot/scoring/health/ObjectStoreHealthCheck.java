package io.blindspot.scoring.health;

import io.blindspot.contracts.store.ObjectStore;
import io.blindspot.support.health.ObjectStoreReadiness;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the bucket answers: every reconstruction event is scored from the variants and reconstructions
 * stored there.
 */
@Readiness
@Singleton
public class ObjectStoreHealthCheck extends ObjectStoreReadiness {
    public ObjectStoreHealthCheck(ObjectStore store) {
        super(store, "health/scoring/");
    }
}
