package io.blindspot.launcher;

import io.blindspot.launcher.cli.Cli;

/** Entry point of the {@code blindspot} command (see {@link Cli}). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = new Cli(System.out, System.err, Cli.locateRepoRoot()).run(args);
        System.out.flush();
        System.exit(code);
    }
}
