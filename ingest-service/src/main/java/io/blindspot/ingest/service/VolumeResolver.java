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

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private final long maxVoxels;

    public VolumeResolver(ObjectStore store, IngestConfig config) {
        this.store = store;
        this.samples = new SampleCatalog(VolumeResolver.class.getClassLoader());
        this.cache = new VolumeCache(config.volumeCacheSize());
        this.maxVoxels = config.maxVoxels();
    }

    /** What {@code POST /api/volumes} answers: the new source and what was read; {@code bytes} as sent. */
    public record Uploaded(String source, int[] dims, String datatype, double max, long bytes) {
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
     * Streams the upload to a temporary file (the caller bounds its size), checks it completely from there
     * (decodes and normalises it), then streams it gzip-compressed to the store under {@link ObjectKeys#upload};
     * nothing is stored when it is refused, and the body is never whole in the heap (the decoded volume is).
     *
     * @throws InvalidVolumeException when it is not a usable NIfTI-1 volume
     */
    public Uploaded upload(InputStream body) {
        Path received = null;
        Path compressed = null;
        try {
            received = Files.createTempFile("blindspot-upload-", ".nii");
            long bytes;
            try (body; OutputStream out = Files.newOutputStream(received)) {
                bytes = body.transferTo(out);
            }
            Volume raw;
            try (InputStream in = Files.newInputStream(received)) {
                raw = NiftiReader.read(in, maxVoxels);
            }
            Volume normalised = Normalisation.byVolumeMaximum(raw);
            Path stored = received;
            if (!isGzip(received)) {
                compressed = Files.createTempFile("blindspot-upload-", ".nii.gz");
                try (InputStream in = Files.newInputStream(received);
                     OutputStream gz = new GZIPOutputStream(Files.newOutputStream(compressed), 1 << 16)) {
                    in.transferTo(gz);
                }
                stored = compressed;
            }
            String id = UUID.randomUUID().toString();
            store.putFile(ObjectKeys.upload(id), stored, "application/gzip");
            DatasetSource source = new DatasetSource.Upload(id);
            cache.put(source.text(), normalised);
            return new Uploaded(source.text(), raw.dims(), raw.datatype(), raw.max(), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot buffer the upload in a temporary file", e);
        } finally {
            deleteQuietly(received);
            deleteQuietly(compressed);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file; the OS cleans its temp dir
            }
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
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
                    yield NiftiReader.read(in, maxVoxels);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            case DatasetSource.Upload upload -> readStored(ObjectKeys.upload(upload.id()), "no uploaded volume '"
                    + upload.id() + "'; upload one with POST /api/volumes");
            case DatasetSource.Store key -> readStored(key.key(),
                    "no object '" + key.key() + "' in bucket '" + store.bucket() + "'");
        };
    }

    /**
     * Decodes a stored volume as it streams from the store: whatever object a spec names (a model, a block of
     * reconstructions), the heap holds at most the voxels that blindspot.ingest.max-voxels allows.
     */
    private Volume readStored(String key, String missing) {
        InputStream in;
        try {
            in = store.open(key);
        } catch (ObjectNotFoundException e) {
            throw new UnknownVolumeException(missing);
        }
        try (in) {
            return NiftiReader.read(in, maxVoxels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
