package io.blindspot.support.auth;

/**
 * The roles a bearer token carries in its {@code groups} claim. {@code admin} includes {@code submit}: whoever may
 * register models (code the services run) may also submit work, so an operator needs one token, not two; the
 * endpoints list both roles rather than relying on a role mapping in each deployment.
 */
public final class Roles {
    /** Experiments, volume uploads and audits (ingest-service). */
    public static final String SUBMIT = "submit";
    /** Model registration (inference-service). */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
