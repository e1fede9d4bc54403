package io.blindspot.contracts.store;

/** The object store failed (unreachable, refused, corrupt answer). */
public class ObjectStoreException extends RuntimeException {
    public ObjectStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public ObjectStoreException(String message) {
        super(message);
    }
}
