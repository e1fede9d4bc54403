package io.blindspot.launcher.cli;

/** A service answered with an error status; {@code message} is its {@code "error"} field when it sent one. */
public final class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
