package io.blindspot.ingest.service;

import io.blindspot.contracts.ObjectKeys;
import io.blindspot.contracts.store.ObjectNotFoundException;
import io.blindspot.contracts.store.ObjectStore;
import io.blindspot.ingest.config.IngestConfig;
import io.blindspot.ingest.domain.DatasetSource;
import io.blindspot.ingest.domain.InvalidVolumeException;
import io.blindspot.ingest.domain.NiftiReader;
import io.blindspot.ingest.domain.Normalisation;
import io.blindspot.ingest.domain.SampleCatalog;
import io.blindspot.ingest.domain.UnknownVolumeException;
import io.blindspot.ingest.domain.Volume;
import io.blindspot.ingest.domain.VolumeCache;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Finds the volume a {@code dataset.source} names, decodes and normalises it, and keeps the last few in a
 * {@link VolumeCache}. Samples and uploads never change once they exist, so they are cached; a {@code store:KEY}
 * may be overwritten by anyone with bucket access, so it is read anew every time.
 */
@ApplicationScoped
public class VolumeResolver {
    private final ObjectStore store;
    private final SampleCatalog samples;
    private final VolumeCache cache;

    public VolumeResolver(ObjectStore store, IngestConfig config) {
        this.store = store;
        this.samples = new SampleCatalog(VolumeResolver.class.getClassLoader());
        this.cache = new VolumeCache(config.volumeCacheSize());
    }

    /** What {@code POST /api/volumes} answers: the new source and what was read. */
    public record Uploaded(String source, int[] dims, String datatype, double max) {
    }

    public List<String> sampleNames() {
        return samples.names();
    }

    /**
     * The normalised volume of {@code source}.
     *
     * @throws UnknownVolumeException when it does not exist
     * @throws InvalidVolumeException when it cannot be read or normalised (message prefixed with the source)
     */
    public Volume normalised(DatasetSource source) {
        if (source instanceof DatasetSource.Store) {
            return load(source);
        }
        return cache.get(source.text(), () -> load(source));
    }

    /**
     * Checks the bytes completely (decodes and normalises them), then stores them gzip-compressed under
     * {@link ObjectKeys#upload}; nothing is stored when they are refused.
     *
     * @throws InvalidVolumeException when they are not a usable NIfTI-1 volume
     */
    public Uploaded upload(byte[] bytes) {
        Volume raw = NiftiReader.read(bytes);
        Volume normalised = Normalisation.byVolumeMaximum(raw);
        String id = UUID.randomUUID().toString();
        store.put(ObjectKeys.upload(id), isGzip(bytes) ? bytes : gzip(bytes), "application/gzip");
        DatasetSource source = new DatasetSource.Upload(id);
        cache.put(source.text(), normalised);
        return new Uploaded(source.text(), raw.dims(), raw.datatype(), raw.max());
    }

    private Volume load(DatasetSource source) {
        try {
            return Normalisation.byVolumeMaximum(decode(source));
        } catch (InvalidVolumeException e) {
            throw new InvalidVolumeException("dataset.source '" + source.text() + "': " + e.getMessage(), e);
        }
    }

    private Volume decode(DatasetSource source) {
        return switch (source) {
            case DatasetSource.Sample sample -> {
                InputStream in = samples.open(sample.name()).orElseThrow(() -> new UnknownVolumeException(
                        "unknown sample '" + sample.name() + "'; available: " + String.join(", ", samples.names())));
                try (in) {
                    yield NiftiReader.read(in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            case DatasetSource.Upload upload -> NiftiReader.read(fetch(ObjectKeys.upload(upload.id()),
                    "no uploaded volume '" + upload.id() + "'; upload one with POST /api/volumes"));
            case DatasetSource.Store key -> NiftiReader.read(fetch(key.key(),
                    "no object '" + key.key() + "' in bucket '" + store.bucket() + "'"));
        };
    }

    private byte[] fetch(String key, String missing) {
        try {
            return store.get(key);
        } catch (ObjectNotFoundException e) {
            throw new UnknownVolumeException(missing);
        }
    }

    private static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }

    /** Uploads are stored as .nii.gz whatever was sent, so that the key's suffix tells the truth. */
    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
