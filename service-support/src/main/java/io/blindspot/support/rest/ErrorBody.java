package io.blindspot.support.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of every error a service answers: {@code {"error": "<what is wrong>"}}, with a message that says what
 * to change and never a stack trace. In the OpenAPI documents it is the schema {@code Error}, which
 * {@link ErrorBodyFilter} gives every 4xx/5xx response declared without content.
 */
@Schema(name = ErrorBody.SCHEMA)
public record ErrorBody(@Schema(description = "What is wrong", required = true) String error) {
    /** The component name of this record's schema in the OpenAPI documents. */
    public static final String SCHEMA = "Error";

    /** An answer with {@code status} and this body as JSON (the type set explicitly: image endpoints too). */
    public static Response response(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(message)).build();
    }

    /** {@link #response(int, String)} with a status constant. */
    public static Response response(Response.Status status, String message) {
        return response(status.getStatusCode(), message);
    }
}
