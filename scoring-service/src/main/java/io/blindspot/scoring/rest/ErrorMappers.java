package io.blindspot.scoring.rest;

import io.blindspot.scoring.domain.RepositoryException;
import io.blindspot.scoring.service.InvalidRequestException;
import io.blindspot.scoring.service.UnknownExperimentException;
import io.blindspot.support.rest.ErrorBody;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Scoring's own errors as service-support's {@link ErrorBody} ({@code {"error": "..."}} JSON, never a stack trace;
 * the type is set explicitly so the image endpoints answer their errors in JSON too). Unknown paths, wrong methods
 * and media types, other JAX-RS refusals and anything unexpected are service-support's shared mappers.
 */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response unknownExperiment(UnknownExperimentException e) {
        return ErrorBody.response(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return ErrorBody.response(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response database(RepositoryException e) {
        LOG.error("database failure", e);
        return ErrorBody.response(Response.Status.SERVICE_UNAVAILABLE, "database unavailable, try again later");
    }
}
