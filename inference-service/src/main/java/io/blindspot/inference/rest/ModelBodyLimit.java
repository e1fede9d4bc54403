package io.blindspot.inference.rest;

import io.blindspot.inference.config.InferenceConfig;
import io.blindspot.support.http.BodyLimit;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.io.InputStream;

/**
 * The model upload's size limit ({@code blindspot.inference.models.max-bytes}), enforced with JSON 413s by
 * service-support's {@link BodyLimit}: a declared length over the limit before any byte is read, a chunked body as
 * it passes the limit.
 */
@ApplicationScoped
public class ModelBodyLimit {
    private final long limit;

    @Inject
    public ModelBodyLimit(InferenceConfig config) {
        this(config.models().maxBytes());
    }

    ModelBodyLimit(long limit) {
        this.limit = limit;
    }

    void install(@Observes Router router) {
        router.route().order(BodyLimit.ROUTE_ORDER).handler(BodyLimit.declaredLength(path -> limit,
                (path, length) -> message(length)));
    }

    String message(long length) {
        return "the model file" + (length >= 0 ? " (" + length + " bytes)" : "") + " is larger than the limit of "
                + limit + " bytes; export a smaller model or raise blindspot.inference.models.max-bytes";
    }

    /** {@code in}, throwing {@link BodyLimit.TooLargeException} (a JSON 413) as soon as it passes the limit. */
    InputStream limited(InputStream in) {
        return BodyLimit.limited(in, limit, message(-1));
    }
}
