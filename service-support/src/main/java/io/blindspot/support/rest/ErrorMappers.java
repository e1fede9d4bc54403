package io.blindspot.support.rest;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/**
 * Every service's answers to what its own mappers do not handle, as {@link ErrorBody}: JAX-RS's refusals with a
 * message instead of a bare code (404 no such resource, 405 method not allowed, 415 with the media types the
 * endpoint accepts, any other {@link WebApplicationException} with its status), and a catch-all 500 that logs
 * the stack trace here and answers only the exception's class.
 * <p>
 * Precedence: Quarkus REST takes the mapper of the most specific exception class, and a resource's own
 * {@code @ServerExceptionMapper} before any global one; so a service's mapper of its domain exceptions (ingest's
 * invalid spec, inference's {@code IllegalArgumentException} in its model resource) always wins over the
 * catch-all. For the very classes mapped here, these mappers have a lower priority ({@link #PRIORITY}) than a
 * service's mapper of the same class with the default priority, which therefore wins too.
 */
public class ErrorMappers {
    /** Below {@link Priorities#USER}, the default of a service's own mappers (a larger number is a lower priority). */
    public static final int PRIORITY = Priorities.USER + 1000;

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    private final AcceptedMediaTypes accepted;
    private final String application;

    public ErrorMappers(AcceptedMediaTypes accepted) {
        this.accepted = accepted;
        this.application = ConfigProvider.getConfig().getOptionalValue("quarkus.application.name", String.class)
                .orElse("service");
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response notFound(NotFoundException e, ContainerRequestContext request) {
        return ErrorBody.response(Response.Status.NOT_FOUND, notFoundMessage(call(request)));
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response notAllowed(NotAllowedException e, ContainerRequestContext request) {
        return ErrorBody.response(Response.Status.METHOD_NOT_ALLOWED, notAllowedMessage(call(request)));
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response unsupportedMediaType(NotSupportedException e, ContainerRequestContext request) {
        List<String> types = accepted.of(request.getMethod(), request.getUriInfo().getPath());
        return ErrorBody.response(Response.Status.UNSUPPORTED_MEDIA_TYPE,
                unsupportedMessage(request.getMediaType(), call(request), types));
    }

    /** Any other refusal of JAX-RS (406 accept, 400 an unconvertible parameter, ...): its status and message. */
    @ServerExceptionMapper(priority = PRIORITY)
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        String message = e.getMessage() == null || e.getMessage().isBlank()
                ? Response.Status.fromStatusCode(status) == null ? "HTTP " + status
                : Response.Status.fromStatusCode(status).getReasonPhrase()
                : e.getMessage();
        return ErrorBody.response(status, message);
    }

    /** Whatever no other mapper takes: logged with its stack trace, answered with its class only. */
    @ServerExceptionMapper(priority = PRIORITY)
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return ErrorBody.response(Response.Status.INTERNAL_SERVER_ERROR, internalMessage(e, application));
    }

    /** {@code METHOD /path}, the path relative to the application and without its query. */
    static String call(ContainerRequestContext request) {
        return request.getMethod() + " /" + request.getUriInfo().getPath().replaceFirst("^/", "");
    }

    static String notFoundMessage(String call) {
        return "no such resource: " + call;
    }

    static String notAllowedMessage(String call) {
        return "method not allowed: " + call;
    }

    static String unsupportedMessage(MediaType type, String call, List<String> accepted) {
        String message = "unsupported media type " + (type == null ? "(none)" : "'" + type + "'") + " for " + call;
        if (accepted.isEmpty()) {
            return message;
        }
        return message + "; send the body as " + (accepted.size() == 1 ? accepted.getFirst()
                : String.join(", ", accepted.subList(0, accepted.size() - 1)) + " or " + accepted.getLast());
    }

    static String internalMessage(Throwable e, String application) {
        return "internal error (" + e.getClass().getSimpleName() + "); see the " + application + " log";
    }
}
