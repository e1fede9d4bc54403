package io.blindspot.ingest.rest;

import io.blindspot.contracts.store.ObjectNotFoundException;
import io.blindspot.contracts.store.ObjectStoreException;
import io.blindspot.ingest.domain.InvalidSpecException;
import io.blindspot.ingest.domain.InvalidVolumeException;
import io.blindspot.ingest.domain.UnknownModelException;
import io.blindspot.ingest.domain.UnknownVolumeException;
import io.blindspot.ingest.domain.PublishException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into {@code {"error": "..."}} with a status saying whose fault it is; never a stack trace.
 * <ul>
 *   <li>400: malformed JSON/YAML or an invalid spec (message names the field);</li>
 *   <li>404: {@code dataset.source} names a sample, upload or object that does not exist;</li>
 *   <li>413: a body over its limit ({@link BodyLimits}, answered by service-support's BodyLimitMappers);</li>
 *   <li>415: a body type other than JSON/YAML for a spec;</li>
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

    /** JAX-RS's own refusals (404 path, 405 method, 415 type, 406 accept), with a message instead of a bare code. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, ContainerRequestContext request) {
        int status = e.getResponse().getStatus();
        String call = request.getMethod() + " /" + request.getUriInfo().getPath().replaceFirst("^/", "");
        String message = switch (status) {
            case 404 -> "no such resource: " + call;
            case 405 -> "method not allowed: " + call;
            case 415 -> {
                MediaType type = request.getMediaType();
                yield "unsupported media type " + (type == null ? "(none)" : "'" + type + "'") + " for " + call
                        + "; send a spec as application/json or application/yaml (also text/yaml, "
                        + "application/x-yaml)";
            }
            default -> e.getMessage() == null || e.getMessage().isBlank()
                    ? e.getResponse().getStatusInfo().getReasonPhrase() : e.getMessage();
        };
        return error(status, message);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return error(Response.Status.INTERNAL_SERVER_ERROR.getStatusCode(),
                "internal error (" + e.getClass().getSimpleName() + "); see the ingest-service log");
    }

    private static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(message)).build();
    }
}
