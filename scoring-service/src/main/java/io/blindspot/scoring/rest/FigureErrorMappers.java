package io.blindspot.scoring.rest;

import io.blindspot.scoring.domain.GridMatch;
import io.blindspot.scoring.service.NotReadyException;
import io.blindspot.scoring.service.UnknownAuditException;
import io.blindspot.support.rest.ErrorBody;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The errors of the figure, audit and page endpoints as {@code {"error": "..."}} JSON (the other errors are in
 * {@link ErrorMappers}). The type is set explicitly: an image endpoint answers its errors in JSON too.
 */
public class FigureErrorMappers {

    @ServerExceptionMapper
    public Response unknownAudit(UnknownAuditException e) {
        return json(Response.Status.NOT_FOUND, e.getMessage());
    }

    /** A match needs complete curves: 409, try again when the experiment is done. */
    @ServerExceptionMapper
    public Response notReady(NotReadyException e) {
        return json(Response.Status.CONFLICT, e.getMessage());
    }

    @ServerExceptionMapper
    public Response incomplete(GridMatch.IncompleteException e) {
        return json(Response.Status.CONFLICT, e.getMessage() + "; try again when the experiment is done");
    }

    @ServerExceptionMapper
    public Response gridMismatch(GridMatch.GridMismatchException e) {
        return json(Response.Status.BAD_REQUEST, e.getMessage());
    }

    private static Response json(Response.Status status, String message) {
        return ErrorBody.response(status, message);
    }
}
