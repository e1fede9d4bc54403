package io.blindspot.scoring.service;

/** No experiment under the id asked for (404). */
public class UnknownExperimentException extends RuntimeException {
    public UnknownExperimentException(String id) {
        // Ingest registers experiments through Kafka, so a just-submitted id can be unknown here for a moment.
        super("unknown experiment '" + id + "' (not registered yet, or never submitted)");
    }
}
