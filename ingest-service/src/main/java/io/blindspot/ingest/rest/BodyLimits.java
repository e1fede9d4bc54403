package io.blindspot.ingest.rest;

import io.blindspot.ingest.config.IngestConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Request body limits with a JSON answer. Vert.x's own {@code quarkus.http.limits.max-body-size} answers a bare
 * 413 with no body; it stays as the outer bound (set a little above these), while a declared
 * {@code Content-Length} over this service's limit is refused here first, before any byte is read, with
 * {@code {"error": ...}}, and a chunked body is cut off by {@link #read}/{@link #limited} when it passes the limit.
 */
@ApplicationScoped
public class BodyLimits {
    /** Just before Quarkus's own upload-limit route (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT = -2). */
    static final int ROUTE_ORDER = -3;

    private final IngestConfig config;

    public BodyLimits(IngestConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(this::checkDeclaredLength);
    }

    /** The limit of a path: volumes have theirs, every other body is a spec. */
    long limitOf(String path) {
        return path != null && path.startsWith("/api/volumes") ? config.maxVolumeBytes() : config.maxSpecBytes();
    }

    private void checkDeclaredLength(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long limit = limitOf(context.request().path());
        long length;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            length = -1; // Vert.x refuses a malformed Content-Length itself
        }
        if (length > limit) {
            String json = new JsonObject().put("error", message(context.request().path(), length)).encode();
            // The body is not read: close the connection after answering, as Quarkus's own limit does.
            context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(json);
            return;
        }
        context.next();
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
        try (InputStream in = limited(body, config.maxSpecBytes(), message("/api/experiments", -1))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }

    /** The volume upload, refused with 413 as soon as it passes the volume limit. */
    public InputStream limitedVolume(InputStream body) {
        return limited(body == null ? InputStream.nullInputStream() : body, config.maxVolumeBytes(),
                message("/api/volumes", -1));
    }

    /** {@code in}, throwing {@link PayloadTooLargeException} as soon as more than {@code limit} bytes come. */
    static InputStream limited(InputStream in, long limit, String tooLarge) {
        return new InputStream() {
            private long count;

            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = in.read(buf, off, len);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            private void count(int n) {
                count += n;
                if (count > limit) {
                    throw new PayloadTooLargeException(tooLarge);
                }
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
