package io.blindspot.scoring.service;

/** What was asked needs values that are not scored yet, e.g. a match against a running experiment (409). */
public class NotReadyException extends RuntimeException {
    public NotReadyException(String message) {
        super(message);
    }
}
