package io.blindspot.ingest.store;

import io.blindspot.contracts.store.ObjectStore;
import io.blindspot.contracts.store.ObjectStoreException;
import io.blindspot.ingest.config.S3Config;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Makes the shared {@link ObjectStore} from {@code blindspot.s3.*} and creates the bucket at start-up. */
@ApplicationScoped
public class ObjectStoreProducer {
    private static final Logger LOG = Logger.getLogger(ObjectStoreProducer.class);

    @Produces
    @Singleton
    ObjectStore objectStore(S3Config config) {
        return ObjectStore.connect(config.endpoint(), config.accessKey(), config.secretKey(), config.bucket());
    }

    /**
     * Retries for {@code blindspot.s3.startup-timeout} because the store may start at the same time as this
     * service; after that the service fails to start rather than accept work it cannot store.
     */
    void ensureBucket(@Observes StartupEvent event, ObjectStore store, S3Config config) throws InterruptedException {
        long deadline = System.nanoTime() + config.startupTimeout().toNanos();
        while (true) {
            try {
                store.ensureBucket();
                LOG.infof("object store %s ready, bucket %s", config.endpoint(), store.bucket());
                return;
            } catch (ObjectStoreException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.warnf("object store %s not reachable yet (%s); retrying", config.endpoint(), e.getMessage());
                Thread.sleep(1000);
            }
        }
    }
}
