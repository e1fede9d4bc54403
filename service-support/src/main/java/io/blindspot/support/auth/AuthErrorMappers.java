package io.blindspot.support.auth;

import io.blindspot.support.rest.ErrorBody;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every service's answer to a request its security rules refuse: {@link ErrorBody} like any other error, not
 * Quarkus's empty 401/403. The services authenticate lazily ({@code quarkus.http.auth.proactive=false}), so these
 * failures happen inside the REST layer and reach these mappers; the message says what to change and never
 * echoes the token or why its signature failed in detail (that goes to the service's log at DEBUG).
 */
public class AuthErrorMappers {
    static final String CHALLENGE = "Bearer";

    /** No token on an endpoint that needs one. */
    @ServerExceptionMapper(priority = 1)
    public Response unauthorized(UnauthorizedException e) {
        return unauthorized("this request needs a bearer token: send 'Authorization: Bearer <token>' "
                + "(the embedded stack prints one at './blindspot up' and writes it to <data dir>/token)");
    }

    /** A token that does not verify: wrong signing key, wrong issuer, expired or malformed. */
    @ServerExceptionMapper(priority = 1)
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthorized("the bearer token was not accepted (expired, or not signed by this deployment's key "
                + "or issuer): get a fresh token");
    }

    /** A valid token without the role the endpoint needs. */
    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException e) {
        return ErrorBody.response(Response.Status.FORBIDDEN, "the bearer token lacks the role this request needs "
                + "(role 'submit' for experiments, volumes and audits; role 'admin' for models)");
    }

    private static Response unauthorized(String message) {
        return Response.fromResponse(ErrorBody.response(Response.Status.UNAUTHORIZED, message))
                .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).build();
    }
}
