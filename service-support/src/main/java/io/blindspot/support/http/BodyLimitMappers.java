package io.blindspot.support.http;

import io.blindspot.support.rest.ErrorBody;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A body cut off at its limit while read ({@link BodyLimit#limited}): a JSON 413 like every other error. */
public class BodyLimitMappers {
    @ServerExceptionMapper
    public Response tooLarge(BodyLimit.TooLargeException e) {
        return ErrorBody.response(Response.Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage());
    }
}
