package io.blindspot.launcher.cli;

/** One subcommand of {@link Cli}: checks its {@link Options}, does its work, returns the exit code. */
interface Command {
    /** @throws CliException with the exit code and the message for the user (2: bad usage, 1: the run failed) */
    int run(Options options) throws Exception;
}
