package io.blindspot.scoring.domain;

/** The database failed or refused a statement; the REST layer answers 503, consumers dead-letter the event. */
public class RepositoryException extends RuntimeException {
    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
