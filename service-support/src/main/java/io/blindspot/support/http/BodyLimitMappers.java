package io.blindspot.support.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;

/** A body cut off at its limit while read ({@link BodyLimit#limited}): a JSON 413 like every other error. */
public class BodyLimitMappers {
    @ServerExceptionMapper
    public Response tooLarge(BodyLimit.TooLargeException e) {
        return Response.status(413).type(MediaType.APPLICATION_JSON).entity(Map.of("error", e.getMessage())).build();
    }
}
