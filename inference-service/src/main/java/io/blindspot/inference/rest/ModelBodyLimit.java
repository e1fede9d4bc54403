package io.blindspot.inference.rest;

import io.blindspot.inference.config.InferenceConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;

/**
 * The model upload's size limit ({@code blindspot.inference.models.max-bytes}) with a JSON answer. Vert.x's own
 * {@code quarkus.http.limits.max-body-size} answers a bare 413; it stays as the outer bound, set a little above.
 * A declared {@code Content-Length} over the limit is refused here before any byte is read; a chunked body is
 * cut off by {@link #limited} as it passes the limit.
 */
@ApplicationScoped
public class ModelBodyLimit {
    /** Just before Quarkus's own upload-limit route (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT = -2). */
    static final int ROUTE_ORDER = -3;

    /** A body over the limit: 413. */
    public static final class TooLargeException extends RuntimeException {
        TooLargeException(String message) {
            super(message);
        }
    }

    private final long limit;

    @Inject
    public ModelBodyLimit(InferenceConfig config) {
        this(config.models().maxBytes());
    }

    ModelBodyLimit(long limit) {
        this.limit = limit;
    }

    void install(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(this::checkDeclaredLength);
    }

    private void checkDeclaredLength(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long length = -1;
        try {
            length = declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException ignored) {
            // Vert.x refuses a malformed Content-Length itself
        }
        if (length > limit) {
            // The body is not read: close the connection after answering, as Quarkus's own limit does.
            context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(new JsonObject().put("error", message(length)).encode());
            return;
        }
        context.next();
    }

    String message(long length) {
        return "the model file" + (length >= 0 ? " (" + length + " bytes)" : "") + " is larger than the limit of "
                + limit + " bytes; export a smaller model or raise blindspot.inference.models.max-bytes";
    }

    /** {@code in}, throwing {@link TooLargeException} as soon as it passes the limit. */
    InputStream limited(InputStream in) {
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
                    throw new TooLargeException(message(-1));
                }
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
