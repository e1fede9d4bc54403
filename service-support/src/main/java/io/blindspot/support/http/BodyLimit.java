package io.blindspot.support.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;

/**
 * Request body limits with a JSON answer, for every service that takes uploads. Vert.x's own
 * {@code quarkus.http.limits.max-body-size} answers a bare 413 with no body; it stays as the outer bound (set a
 * little above a service's limits), while {@link #declaredLength} refuses a declared {@code Content-Length} over the
 * limit before any byte is read, and {@link #limited} cuts off a chunked body as it passes the limit. Both answer
 * {@code {"error": ...}} (the first directly, the second through {@link BodyLimitMappers}).
 */
public final class BodyLimit {
    /** Just before Quarkus's own upload-limit route (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT = -2). */
    public static final int ROUTE_ORDER = -3;

    private BodyLimit() {
    }

    /** A body over its limit: a JSON 413 whose message says the limit and what to change. */
    public static final class TooLargeException extends RuntimeException {
        public TooLargeException(String message) {
            super(message);
        }
    }

    /**
     * A route handler refusing a request whose declared length passes {@code limitOfPath} of its path, with 413 and
     * {@code messageOf.apply(declared length)}; the body is not read, so the connection is closed after the
     * answer, as Quarkus's own limit does.
     */
    public static Handler<RoutingContext> declaredLength(ToLongFunction<String> limitOfPath,
                                                         BiFunction<String, Long, String> messageOf) {
        return context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            long length = -1;
            try {
                length = declared == null ? -1 : Long.parseLong(declared.trim());
            } catch (NumberFormatException ignored) {
                // Vert.x refuses a malformed Content-Length itself
            }
            String path = context.request().path();
            if (length > limitOfPath.applyAsLong(path)) {
                context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(new JsonObject().put("error", messageOf.apply(path, length)).encode());
                return;
            }
            context.next();
        };
    }

    /** {@code in}, throwing {@link TooLargeException} with {@code message} as soon as more than {@code limit} bytes come. */
    public static InputStream limited(InputStream in, long limit, String message) {
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
                    throw new TooLargeException(message);
                }
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }
}
