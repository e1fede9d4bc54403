package io.blindspot.launcher.cli;

/** Ends a command with a message for the user and an exit code (2: bad input, 1: the run failed). */
public final class CliException extends RuntimeException {
    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
