package io.blindspot.ingest.domain;

/**
 * An experiment spec that cannot be run: malformed JSON/YAML, an unknown or misspelt field, a missing or
 * out-of-range value. The message names the field path (e.g. {@code anomaly.intensities}) and says what was
 * expected.
 */
public class InvalidSpecException extends RuntimeException {
    public InvalidSpecException(String message) {
        super(message);
    }
}
