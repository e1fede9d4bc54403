package io.blindspot.ingest.domain;

/** Kafka did not acknowledge an experiment's events in time; the submission is not accepted. */
public class PublishException extends RuntimeException {
    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
