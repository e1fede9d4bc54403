package io.blindspot.ingest.rest;

import io.blindspot.contracts.store.ObjectNotFoundException;
import io.blindspot.contracts.store.ObjectStoreException;
import io.blindspot.ingest.domain.InvalidSpecException;
import io.blindspot.ingest.domain.InvalidVolumeException;
import io.blindspot.ingest.domain.UnknownModelException;
import io.blindspot.ingest.domain.UnknownVolumeException;
import io.blindspot.ingest.domain.PublishException;
import io.blindspot.support.rest.ErrorBody;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns ingest's failures into service-support's {@link ErrorBody} with a status saying whose fault it is; never a
 * stack trace. What is not mapped here (unknown path 404, method 405, media type 415, any other failure 500) is
 * answered by service-support's shared {@code io.blindspot.support.rest.ErrorMappers}.
 * <ul>
 *   <li>400: malformed JSON/YAML or an invalid spec (message names the field);</li>
 *   <li>404: {@code dataset.source} names a sample, upload or object that does not exist;</li>
 *   <li>413: a body over its limit ({@link BodyLimits}, answered by service-support's BodyLimitMappers);</li>
 *   <li>415: a body type other than JSON/YAML for a spec (the shared mapper names the types accepted);</li>
 *   <li>422: the volume exists but is not a usable NIfTI-1 file (corrupt, truncated, unsupported), or the model a
 *   spec or audit names is not registered;</li>
 *   <li>503: the object store or Kafka failed; the request may be retried.</li>
 * </ul>
 */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response invalidSpec(InvalidSpecException e) {
        return error(Response.Status.BAD_REQUEST.getStatusCode(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response unknownVolume(UnknownVolumeException e) {
        return error(Response.Status.NOT_FOUND.getStatusCode(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidVolume(InvalidVolumeException e) {
        return error(422, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unknownModel(UnknownModelException e) {
        return error(422, e.getMessage());
    }

    @ServerExceptionMapper
    public Response missingObject(ObjectNotFoundException e) {
        return error(Response.Status.NOT_FOUND.getStatusCode(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response storeFailed(ObjectStoreException e) {
        LOG.warn("object store failed", e);
        return error(Response.Status.SERVICE_UNAVAILABLE.getStatusCode(),
                "object store unavailable: " + e.getMessage());
    }

    @ServerExceptionMapper
    public Response publishFailed(PublishException e) {
        LOG.warn("publishing failed", e);
        return error(Response.Status.SERVICE_UNAVAILABLE.getStatusCode(), e.getMessage());
    }

    private static Response error(int status, String message) {
        return ErrorBody.response(status, message);
    }
}
