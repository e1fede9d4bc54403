package io.blindspot.ingest.rest;

/** A request body over its limit: answered 413 with a message naming the limit and what to do. */
public class PayloadTooLargeException extends RuntimeException {
    public PayloadTooLargeException(String message) {
        super(message);
    }
}
