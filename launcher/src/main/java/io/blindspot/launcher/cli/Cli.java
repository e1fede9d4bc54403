package io.blindspot.launcher.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The {@code blindspot} command line: {@code up}, {@code run SPEC}, {@code demo}, {@code audit}, {@code figures},
 * one {@link Command} class each. This class picks the command, parses its {@link Options} and turns what it
 * throws into a message and an exit code: 0 success, 1 a run or the stack failed, 2 bad usage or a rejected spec.
 */
public final class Cli {
    private final PrintStream err;
    private final CliContext context;

    public Cli(PrintStream out, PrintStream err, Path repoRoot) {
        this(out, err, repoRoot, System.getenv());
    }

    /** With {@code env} in place of the process environment (where BLINDSPOT_TOKEN is read). */
    public Cli(PrintStream out, PrintStream err, Path repoRoot, Map<String, String> env) {
        this.err = err;
        this.context = new CliContext(out, repoRoot, env.get(BlindspotClient.TOKEN_VARIABLE));
    }

    public int run(String[] args) {
        if (args.length == 0 || Set.of("-h", "--help", "help").contains(args[0])) {
            context.out().println(Usage.TEXT);
            return args.length == 0 ? 2 : 0;
        }
        try {
            Options o = Options.parse(args, 1);
            Command command = switch (args[0]) {
                case "up" -> new UpCommand(context);
                case "run" -> new RunCommand(context);
                case "demo" -> new DemoCommand(context);
                case "audit" -> new AuditCommand(context);
                case "figures" -> new FiguresCommand(context);
                default -> throw new CliException(2, "unknown command " + args[0] + "\n" + Usage.TEXT);
            };
            return command.run(o);
        } catch (CliException e) {
            err.println("error: " + e.getMessage());
            return e.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return 1;
        } catch (Exception e) {
            err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }

    /**
     * The repository root: {@code -Dblindspot.repo.root} (the blindspot script sets it), else the first directory
     * from the working directory upwards that holds {@code presets/}, else the working directory.
     */
    public static Path locateRepoRoot() {
        String property = System.getProperty("blindspot.repo.root");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("presets")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        return cwd;
    }
}
