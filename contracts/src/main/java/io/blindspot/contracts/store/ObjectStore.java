package io.blindspot.contracts.store;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.Npy;
import io.minio.BucketExistsArgs;
import io.minio.Checksum;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.DeleteRequest;
import io.minio.messages.DeleteResult;
import io.minio.messages.Item;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The object store every service uses, through the MinIO client only, so MinIO itself (compose, k8s) and
 * S3Proxy (embedded stack) are interchangeable.
 */
public final class ObjectStore {
    private final MinioClient client;
    private final String bucket;

    public ObjectStore(MinioClient client, String bucket) {
        this.client = client;
        this.bucket = bucket;
    }

    public static ObjectStore connect(String endpoint, String accessKey, String secretKey, String bucket) {
        MinioClient client = MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey).build();
        return new ObjectStore(client, bucket);
    }

    public String bucket() {
        return bucket;
    }

    /** Creates the bucket unless it exists (idempotent; every service calls it at start). */
    public void ensureBucket() {
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
                throw new ObjectStoreException("cannot create bucket " + bucket + ": " + code, e);
            }
        } catch (Exception e) {
            throw new ObjectStoreException("cannot create bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes an object. Its integrity checksum is CRC32, which the JDK computes with the CPU's instruction:
     * the client's default, CRC32C, is a table-driven loop in Java that cost the inference-service more CPU than
     * its blurs (16 MB per slice); a 16 MB put took 165–285 ms with it, 140 ms with CRC32 (S3Proxy, this machine).
     */
    public void put(String key, byte[] bytes, String contentType) {
        try {
            client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                    .data(bytes, bytes.length).contentType(contentType).checksum(Checksum.Algorithm.CRC32).build());
        } catch (Exception e) {
            throw new ObjectStoreException("cannot write " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes an object from a file, streamed (uploads: never whole in the heap). The MinIO client sends it in
     * parts of at most 5 MiB... 5 GiB as it sees fit; the checksum is CRC32 as in {@link #put}.
     */
    public void putFile(String key, java.nio.file.Path file, String contentType) {
        try {
            client.uploadObject(io.minio.UploadObjectArgs.builder().bucket(bucket).object(key)
                    .filename(file.toString()).contentType(contentType).checksum(Checksum.Algorithm.CRC32).build());
        } catch (Exception e) {
            throw new ObjectStoreException("cannot write " + key + ": " + e.getMessage(), e);
        }
    }

    /** Reads a whole object; {@link ObjectNotFoundException} when there is none under {@code key}. */
    public byte[] get(String key) {
        try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return in.readAllBytes();
        } catch (ErrorResponseException e) {
            if (isNotFound(e)) {
                throw new ObjectNotFoundException(key);
            }
            throw new ObjectStoreException("cannot read " + key + ": " + e.errorResponse().code(), e);
        } catch (Exception e) {
            throw new ObjectStoreException("cannot read " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * Streams an object, for one that may be large (a volume): the caller reads and closes it, and nothing is held
     * whole in the heap. {@link ObjectNotFoundException} when there is none under {@code key}.
     */
    public InputStream open(String key) {
        try {
            return client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (ErrorResponseException e) {
            if (isNotFound(e)) {
                throw new ObjectNotFoundException(key);
            }
            throw new ObjectStoreException("cannot read " + key + ": " + e.errorResponse().code(), e);
        } catch (Exception e) {
            throw new ObjectStoreException("cannot read " + key + ": " + e.getMessage(), e);
        }
    }

    public boolean exists(String key) {
        try {
            client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return true;
        } catch (ErrorResponseException e) {
            if (isNotFound(e)) {
                return false;
            }
            throw new ObjectStoreException("cannot stat " + key + ": " + e.errorResponse().code(), e);
        } catch (Exception e) {
            throw new ObjectStoreException("cannot stat " + key + ": " + e.getMessage(), e);
        }
    }

    /** Every key that starts with {@code prefix} (recursively), sorted. */
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        try {
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                    .recursive(true).build())) {
                keys.add(result.get().objectName());
            }
        } catch (Exception e) {
            throw new ObjectStoreException("cannot list " + prefix + ": " + e.getMessage(), e);
        }
        keys.sort(null);
        return keys;
    }

    /** Removes one object; nothing happens when there is none under {@code key}. */
    public void delete(String key) {
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw new ObjectStoreException("cannot delete " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes many objects in S3 multi-object requests (at most {@value #DELETE_BATCH} keys each), so a sweep's
     * intermediates cost a few requests instead of one per object. Missing keys are not an error.
     *
     * @return the keys that could not be deleted, each with the store's reason
     */
    public List<String> deleteAll(Collection<String> keys) {
        List<String> failures = new ArrayList<>();
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += DELETE_BATCH) {
            List<DeleteRequest.Object> objects = all.subList(from, Math.min(all.size(), from + DELETE_BATCH))
                    .stream().map(DeleteRequest.Object::new).toList();
            try {
                // The client sends the request while the results are iterated.
                for (Result<DeleteResult.Error> error : client.removeObjects(RemoveObjectsArgs.builder()
                        .bucket(bucket).objects(objects).build())) {
                    DeleteResult.Error e = error.get();
                    failures.add(e.objectName() + ": " + e.message());
                }
            } catch (Exception e) {
                throw new ObjectStoreException("cannot delete " + objects.size() + " objects: " + e.getMessage(), e);
            }
        }
        return failures;
    }

    /** S3's limit of keys per multi-object delete. */
    public static final int DELETE_BATCH = 1000;

    public void putArray(String key, FloatArray array) {
        put(key, Npy.write(array), "application/octet-stream");
    }

    public FloatArray getArray(String key) {
        return Npy.read(get(key));
    }

    private static boolean isNotFound(ErrorResponseException e) {
        String code = e.errorResponse().code();
        return "NoSuchKey".equals(code) || "NoSuchObject".equals(code) || "NoSuchBucket".equals(code);
    }
}
