package io.blindspot.ingest.rest;

/** Every error this service answers: {@code {"error": "<what is wrong>"}}. */
public record ErrorBody(String error) {
}
