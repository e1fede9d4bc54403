package io.blindspot.support.health;

import io.blindspot.contracts.store.ObjectStore;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Readiness {@value #NAME}: the service's bucket answers a listing of {@code probePrefix}. A listing, not a stat of
 * one key, because a stat of a missing key and of a missing bucket both read as "not there" (the store reports
 * NoSuchBucket as not-found), while a listing fails when the bucket is gone. The prefix holds no objects, so the
 * probe is one request whatever the bucket holds. Unreachable store, refused credentials or missing bucket: DOWN
 * with the store's message, and Kubernetes stops sending traffic until it is back.
 *
 * <p>Each service subclasses it as a {@code @Readiness @Singleton} bean (the annotations must sit on the bean
 * class for SmallRye Health to find it; {@code @Singleton} because this class has no no-args constructor for a
 * client proxy).
 */
public abstract class ObjectStoreReadiness implements HealthCheck {
    public static final String NAME = "object-store";

    private final ObjectStore store;
    private final String probePrefix;

    /** @param probePrefix a prefix of the bucket under which nothing is stored, e.g. {@code health/ingest/} */
    protected ObjectStoreReadiness(ObjectStore store, String probePrefix) {
        this.store = store;
        this.probePrefix = probePrefix;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            store.list(probePrefix);
            return HealthCheckResponse.named(NAME).up().withData("bucket", store.bucket()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named(NAME).down().withData("bucket", store.bucket())
                    .withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
