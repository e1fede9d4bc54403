package io.blindspot.scoring.rest;

/** The body of every error the API answers: {@code {"error": "..."}}. */
public record ApiError(String error) {
}
