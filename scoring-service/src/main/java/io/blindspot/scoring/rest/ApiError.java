package io.blindspot.scoring.rest;

/**
 * The body of every error the API answers: {@code {"error": "..."}}. Documented once as the {@code ErrorBody}
 * schema of {@code META-INF/openapi.yaml} (the shape the service-support error record will have), which the
 * resources' error responses reference.
 */
public record ApiError(String error) {
}
