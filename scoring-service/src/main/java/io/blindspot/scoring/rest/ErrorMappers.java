package io.blindspot.scoring.rest;

import io.blindspot.scoring.domain.RepositoryException;
import io.blindspot.scoring.service.InvalidRequestException;
import io.blindspot.scoring.service.UnknownExperimentException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error as {@code {"error": "..."}} JSON, never a stack trace. The content type is set explicitly so the
 * heatmap endpoint (image/png) answers its 404 in JSON too.
 */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response unknownExperiment(UnknownExperimentException e) {
        return json(Response.Status.NOT_FOUND.getStatusCode(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return json(Response.Status.BAD_REQUEST.getStatusCode(), e.getMessage());
    }

    /** Unknown paths (404), wrong methods (405) and the like keep their status. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        String message = e.getMessage() == null ? Response.Status.fromStatusCode(status).getReasonPhrase()
                : e.getMessage();
        return json(status, message);
    }

    @ServerExceptionMapper
    public Response database(RepositoryException e) {
        LOG.error("database failure", e);
        return json(Response.Status.SERVICE_UNAVAILABLE.getStatusCode(),
                "database unavailable, try again later");
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return json(500, "internal error (" + e.getClass().getSimpleName() + "); see the service log");
    }

    private static Response json(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(message)).build();
    }
}
