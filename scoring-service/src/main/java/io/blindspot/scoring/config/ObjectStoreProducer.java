package io.blindspot.scoring.config;

import io.blindspot.contracts.store.ObjectStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes the object store client from {@code blindspot.s3.*} and makes sure the bucket exists at start. */
@ApplicationScoped
public class ObjectStoreProducer {

    // @Singleton, not @ApplicationScoped: ObjectStore is a final class and cannot be proxied.
    @Produces
    @Singleton
    ObjectStore objectStore(@ConfigProperty(name = "blindspot.s3.endpoint") String endpoint,
                            @ConfigProperty(name = "blindspot.s3.access-key") String accessKey,
                            @ConfigProperty(name = "blindspot.s3.secret-key") String secretKey,
                            @ConfigProperty(name = "blindspot.s3.bucket") String bucket) {
        return ObjectStore.connect(endpoint, accessKey, secretKey, bucket);
    }

    void ensureBucket(@Observes StartupEvent event, ObjectStore store) {
        store.ensureBucket();
    }
}
