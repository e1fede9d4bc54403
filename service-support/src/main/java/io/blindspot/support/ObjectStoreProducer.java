package io.blindspot.support;

import io.blindspot.contracts.store.ArrayStore;
import io.blindspot.contracts.store.ObjectStore;
import io.blindspot.contracts.store.ObjectStoreArrays;
import io.blindspot.contracts.store.ObjectStoreException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * The object store of every service, from {@code blindspot.s3.*} (env {@code BLINDSPOT_S3_ENDPOINT} and so on),
 * and its .npy view. The bucket is created at start (idempotent), so a fresh MinIO needs no setup step.
 */
@ApplicationScoped
public class ObjectStoreProducer {
    private static final Logger LOG = Logger.getLogger(ObjectStoreProducer.class);

    // @Singleton, not @ApplicationScoped: ObjectStore is a final class and cannot be proxied.
    @Produces
    @Singleton
    ObjectStore objectStore(@ConfigProperty(name = "blindspot.s3.endpoint") String endpoint,
                            @ConfigProperty(name = "blindspot.s3.access-key") String accessKey,
                            @ConfigProperty(name = "blindspot.s3.secret-key") String secretKey,
                            @ConfigProperty(name = "blindspot.s3.bucket", defaultValue = "blindspot") String bucket) {
        return ObjectStore.connect(endpoint, accessKey, secretKey, bucket);
    }

    /** What the consumers read and write (their tests replace it with an in-memory one). */
    @Produces
    @Singleton
    ArrayStore arrays(ObjectStore store) {
        return new ObjectStoreArrays(store);
    }

    /**
     * Retries for {@code blindspot.s3.startup-timeout} because the store may start at the same time as the
     * service; after that the service fails to start rather than accept work it cannot store. Tests that run
     * without a store switch it off with {@code blindspot.s3.ensure-bucket=false}.
     */
    void ensureBucket(@Observes StartupEvent event, Instance<ObjectStore> store,
                      @ConfigProperty(name = "blindspot.s3.ensure-bucket", defaultValue = "true") boolean ensure,
                      @ConfigProperty(name = "blindspot.s3.startup-timeout", defaultValue = "30s")
                      Duration timeout) throws InterruptedException {
        if (!ensure) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                store.get().ensureBucket();
                LOG.infof("object store ready, bucket %s", store.get().bucket());
                return;
            } catch (ObjectStoreException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.warnf("object store not reachable yet (%s); retrying", e.getMessage());
                Thread.sleep(1000);
            }
        }
    }
}
