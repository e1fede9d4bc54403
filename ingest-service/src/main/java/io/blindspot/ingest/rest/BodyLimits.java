package io.blindspot.ingest.rest;

import io.blindspot.ingest.config.IngestConfig;
import io.blindspot.support.http.BodyLimit;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Ingest's request body limits (volumes, and every other body as a spec), enforced with JSON 413s by
 * service-support's {@link BodyLimit}: a declared length over the limit before any byte is read, a chunked body as
 * it passes the limit.
 */
@ApplicationScoped
public class BodyLimits {
    private final IngestConfig config;

    public BodyLimits(IngestConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        router.route().order(BodyLimit.ROUTE_ORDER).handler(BodyLimit.declaredLength(this::limitOf, this::message));
    }

    /** The limit of a path: volumes have theirs, every other body is a spec. */
    long limitOf(String path) {
        return path != null && path.startsWith("/api/volumes") ? config.maxVolumeBytes() : config.maxSpecBytes();
    }

    /** What a 413 says: the limit, and what to change. */
    String message(String path, long length) {
        boolean volume = path != null && path.startsWith("/api/volumes");
        long limit = limitOf(path);
        return (volume ? "the volume" : "the request body") + (length >= 0 ? " (" + length + " bytes)" : "")
                + " is larger than the limit of " + limit + " bytes (" + human(limit) + "); "
                + (volume ? "crop it or send it gzip-compressed (.nii.gz), or raise blindspot.ingest.max-volume-bytes"
                : "a spec is small JSON or YAML (write long lists as linspace or range), or raise "
                + "blindspot.ingest.max-spec-bytes");
    }

    static String human(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        return bytes >= 1 << 10 && bytes % (1 << 10) == 0 ? (bytes >> 10) + " KiB" : bytes + " B";
    }

    /** The body as UTF-8 text, refused with 413 past the spec limit. */
    public String readSpec(InputStream body) {
        if (body == null) {
            return "";
        }
        try (InputStream in = BodyLimit.limited(body, config.maxSpecBytes(), message("/api/experiments", -1))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }

    /** The volume upload, refused with 413 as soon as it passes the volume limit. */
    public InputStream limitedVolume(InputStream body) {
        return BodyLimit.limited(body == null ? InputStream.nullInputStream() : body, config.maxVolumeBytes(),
                message("/api/volumes", -1));
    }
}
