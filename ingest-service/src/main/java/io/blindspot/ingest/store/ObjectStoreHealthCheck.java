package io.blindspot.ingest.store;

import io.blindspot.contracts.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the object store answers: every submission writes slices there. */
@Readiness
@ApplicationScoped
public class ObjectStoreHealthCheck implements HealthCheck {
    private final ObjectStore store;

    public ObjectStoreHealthCheck(ObjectStore store) {
        this.store = store;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            store.exists("health/ingest-probe");
            return HealthCheckResponse.named("object-store").up().withData("bucket", store.bucket()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("object-store").down().withData("error", e.getMessage()).build();
        }
    }
}
