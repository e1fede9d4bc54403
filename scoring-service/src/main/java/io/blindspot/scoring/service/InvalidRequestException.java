package io.blindspot.scoring.service;

/** A request the API cannot answer as asked, e.g. an unknown format (400). */
public class InvalidRequestException extends RuntimeException {
    public InvalidRequestException(String message) {
        super(message);
    }
}
