package io.blindspot.ingest.domain;

/**
 * The bytes given as a volume cannot be used: not NIfTI-1, corrupt, truncated, an unsupported layout or data
 * type, or values that cannot be normalised. The message is meant for the user who sent the file.
 */
public class InvalidVolumeException extends RuntimeException {
    public InvalidVolumeException(String message) {
        super(message);
    }

    public InvalidVolumeException(String message, Throwable cause) {
        super(message, cause);
    }
}
