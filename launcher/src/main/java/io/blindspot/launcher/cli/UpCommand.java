package io.blindspot.launcher.cli;

import io.blindspot.launcher.stack.EmbeddedStack;
import io.blindspot.launcher.stack.StackKeys;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** {@code blindspot up [--data DIR] [--replicas ...]}: starts the stack and keeps it running until Ctrl-C. */
final class UpCommand implements Command {
    private final CliContext context;

    UpCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public int run(Options o) throws Exception {
        o.allow("--data", "--replicas");
        o.positionals(0);
        Map<String, Integer> replicas = replicas(o.get("--replicas"));
        Path data = context.dataDir(o);
        EmbeddedStack stack = LocalStack.start(context, data, replicas);
        PrintStream out = context.out();
        out.println();
        out.println("Bearer token (roles submit and admin, valid " + StackKeys.TOKEN_LIFETIME.toDays()
                + " days; also in " + stack.tokenFile() + ", which run/audit/figures read):");
        out.println("  export BLINDSPOT_TOKEN=" + stack.token());
        out.println("  curl -H \"Authorization: Bearer $BLINDSPOT_TOKEN\" ...   # every POST to /api needs it");
        out.println();
        out.println("Ctrl-C stops the stack (data stays in " + data + ").");
        // The stack's own shutdown hook stops everything when the JVM is interrupted; this one only says so.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> out.println("\nstopping the stack ...")));
        Thread.currentThread().join();
        stack.close();
        return 0;
    }

    /** {@code --replicas synth=2,scoring=2}: a usage error (exit 2) when malformed. */
    static Map<String, Integer> replicas(String text) {
        try {
            return EmbeddedStack.parseReplicas(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(2, e.getMessage());
        }
    }
}
