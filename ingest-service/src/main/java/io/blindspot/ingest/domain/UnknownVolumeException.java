package io.blindspot.ingest.domain;

/** {@code dataset.source} names a sample, upload or object that does not exist. */
public class UnknownVolumeException extends RuntimeException {
    public UnknownVolumeException(String message) {
        super(message);
    }
}
