package io.blindspot.inference.store;

import io.blindspot.contracts.store.ObjectNotFoundException;
import io.blindspot.contracts.store.ObjectStore;
import io.blindspot.contracts.store.ObjectStoreException;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link ModelStore} on the shared object store. Listing is not part of the shared {@code ObjectStore}, so this
 * adapter keeps its own MinIO client (same {@code blindspot.s3.*} settings) for that one call.
 */
@ApplicationScoped
public class ObjectStoreModels implements ModelStore {
    private static final String PREFIX = "models/";
    private static final String SUFFIX = ".onnx";

    private final ObjectStore store;
    private final MinioClient lister;

    public ObjectStoreModels(ObjectStore store,
                             @ConfigProperty(name = "blindspot.s3.endpoint") String endpoint,
                             @ConfigProperty(name = "blindspot.s3.access-key") String accessKey,
                             @ConfigProperty(name = "blindspot.s3.secret-key") String secretKey) {
        this.store = store;
        this.lister = MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey).build();
    }

    @Override
    public boolean exists(String name) {
        return store.exists(ModelStore.key(name));
    }

    @Override
    public Optional<byte[]> read(String name) {
        try {
            return Optional.of(store.get(ModelStore.key(name)));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void write(String name, byte[] onnx) {
        store.put(ModelStore.key(name), onnx, "application/octet-stream");
    }

    @Override
    public void write(String name, java.nio.file.Path file) {
        store.putFile(ModelStore.key(name), file, "application/octet-stream");
    }

    @Override
    public List<String> names() {
        List<String> names = new ArrayList<>();
        try {
            for (Result<Item> result : lister.listObjects(ListObjectsArgs.builder().bucket(store.bucket())
                    .prefix(PREFIX).build())) {
                String key = result.get().objectName();
                if (key.endsWith(SUFFIX) && key.indexOf('/', PREFIX.length()) < 0) {
                    names.add(key.substring(PREFIX.length(), key.length() - SUFFIX.length()));
                }
            }
        } catch (Exception e) {
            throw new ObjectStoreException("cannot list " + PREFIX + ": " + e.getMessage(), e);
        }
        names.sort(null);
        return names;
    }
}
