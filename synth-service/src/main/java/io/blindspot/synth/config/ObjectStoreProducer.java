package io.blindspot.synth.config;

import io.blindspot.contracts.store.ArrayStore;
import io.blindspot.contracts.store.ObjectStore;
import io.blindspot.contracts.store.ObjectStoreArrays;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes the object store from {@code blindspot.s3.*} and creates the bucket when the service starts. */
@ApplicationScoped
public class ObjectStoreProducer {

    @Produces
    @Singleton
    ObjectStore objectStore(@ConfigProperty(name = "blindspot.s3.endpoint") String endpoint,
                            @ConfigProperty(name = "blindspot.s3.access-key") String accessKey,
                            @ConfigProperty(name = "blindspot.s3.secret-key") String secretKey,
                            @ConfigProperty(name = "blindspot.s3.bucket") String bucket) {
        return ObjectStore.connect(endpoint, accessKey, secretKey, bucket);
    }

    /** The .npy view of the store that the consumer works with (tests replace it with an in-memory one). */
    @Produces
    @Singleton
    ArrayStore arrays(ObjectStore store) {
        return new ObjectStoreArrays(store);
    }

    /**
     * Creating the bucket at start (idempotent) means a fresh MinIO works without a setup step. Tests that run
     * without a store switch it off with {@code blindspot.s3.ensure-bucket=false}.
     */
    void ensureBucket(@Observes StartupEvent event, Instance<ObjectStore> store,
                      @ConfigProperty(name = "blindspot.s3.ensure-bucket", defaultValue = "true") boolean ensure) {
        if (ensure) {
            store.get().ensureBucket();
        }
    }
}
