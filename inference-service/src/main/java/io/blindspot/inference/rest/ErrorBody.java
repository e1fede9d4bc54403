package io.blindspot.inference.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The OpenAPI schema of every error this service answers ({@link ModelErrors#body}, the auth and body-limit
 * mappers): {@code {"error": "<what is wrong>"}}. Only documentation.
 */
@Schema(name = "Error")
record ErrorBody(@Schema(description = "What is wrong", required = true) String error) {
}
