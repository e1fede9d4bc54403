package io.blindspot.inference.health;

import io.blindspot.contracts.store.ObjectStore;
import io.blindspot.support.health.ObjectStoreReadiness;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the bucket answers: every anomalies event reads its variants from there and writes its
 * reconstructions back.
 */
@Readiness
@Singleton
public class ObjectStoreHealthCheck extends ObjectStoreReadiness {
    public ObjectStoreHealthCheck(ObjectStore store) {
        super(store, "health/inference/");
    }
}
