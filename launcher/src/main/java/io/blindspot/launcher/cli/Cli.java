package io.blindspot.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.launcher.stack.EmbeddedStack;
import io.blindspot.launcher.stack.StackKeys;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code blindspot} command line: {@code up}, {@code run SPEC}, {@code demo}, {@code audit}, {@code figures}.
 * Exit codes: 0 success, 1 a run or the stack failed, 2 bad usage or a rejected spec.
 */
public final class Cli {
    /** The demo accepts the pipeline's grid when it is this close to the golden values (see golden/README.md). */
    public static final double GOLDEN_TOLERANCE = 1e-9;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE = """
            usage: blindspot <command> [options]
              up   [--data DIR]                      start the stack and keep it running until Ctrl-C
              run  SPEC.json|SPEC.yaml [--data DIR | --ingest URL --scoring URL] [--out DIR]
                   [--dataset DIR [--slices 128 | 120:140 | 80,85] [--split test|train|all]]
                                                     run one experiment on a running stack, save CSVs and
                                                     figures; --dataset runs it on a MOOD-style folder of .nii /
                                                     .nii.gz volumes (sorted; the first int(0.6 n) train, the rest
                                                     test), slice 128 of axis 2 by default, positions -> seed
              audit --model NAME [--dataset DIR [--slices S] [--split P]] [--threshold 0.5]
                   [--data DIR | --ingest URL --scoring URL] [--out DIR]
                                                     the blind-spot report of a registered model: experiment 3 in
                                                     both modes matched to experiment 1, on the bundled brain or
                                                     a folder; starts the stack when none runs; saves
                                                     OUT/audit-NAME/{audit.json,page.html,figure.png,figure.svg}
              figures --experiments ID,ID [--reference ID] --out FILE[.png|.svg]
                   [--data DIR | --scoring URL]      the curves of several experiments in one figure
              demo [--data DIR] [--out DIR]          start the stack, run the golden case and the paper's
                                                     experiment 1, compare with the golden values, stop
            defaults: --data <repo>/.blindspot, --out out/, --split test
            token: run, audit and figures send BLINDSPOT_TOKEN, else the token file of the --data stack
                   (DIR/token, written and printed by 'up')""";

    private final PrintStream out;
    private final PrintStream err;
    private final Path repoRoot;

    public Cli(PrintStream out, PrintStream err, Path repoRoot) {
        this.out = out;
        this.err = err;
        this.repoRoot = repoRoot;
    }

    public int run(String[] args) {
        if (args.length == 0 || Set.of("-h", "--help", "help").contains(args[0])) {
            out.println(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            Options o = Options.parse(args, 1);
            return switch (args[0]) {
                case "up" -> up(o);
                case "run" -> runSpec(o);
                case "demo" -> demo(o);
                case "audit" -> audit(o);
                case "figures" -> figures(o);
                default -> throw new CliException(2, "unknown command " + args[0] + "\n" + USAGE);
            };
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

    private int up(Options o) throws Exception {
        o.allow("--data");
        o.positionals(0);
        Path data = dataDir(o);
        EmbeddedStack stack = startStack(data);
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

    private int runSpec(Options o) throws Exception {
        o.allow("--data", "--ingest", "--scoring", "--out", "--dataset", "--slices", "--split");
        List<String> spec = o.positionals(1);
        if (o.get("--dataset") == null && (o.get("--slices") != null || o.get("--split") != null)) {
            throw new CliException(2, "--slices and --split go with --dataset DIR");
        }
        BlindspotClient client = client(o);
        ExperimentRunner runner = new ExperimentRunner(client, out, Progress.stdoutIsTerminal());
        ExperimentRunner.Outcome outcome;
        if (o.get("--dataset") == null) {
            outcome = runner.run(Path.of(spec.getFirst()), outDir(o));
        } else {
            Path specFile = Path.of(spec.getFirst());
            if (!specFile.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
                throw new CliException(2, "--dataset needs a JSON spec (the CLI rewrites its dataset): " + specFile);
            }
            if (!Files.isRegularFile(specFile)) {
                throw new CliException(2, "no such spec file: " + specFile);
            }
            JsonNode parsed;
            try {
                parsed = JSON.readTree(specFile.toFile());
            } catch (IOException e) {
                throw new CliException(2, "the spec " + specFile + " is not valid JSON: " + e.getMessage());
            }
            List<String> volumes = uploadFolder(client, o);
            byte[] body = JSON.writeValueAsBytes(FolderDataset.rewrite(parsed, volumes,
                    SliceSelection.parse(o.get("--slices"))));
            outcome = runner.run(body, "application/json", outDir(o));
        }
        printOutcome(outcome);
        runner.failOnFigureErrors();
        return 0;
    }

    /** Lists {@code --dataset DIR}, keeps {@code --split}'s part and uploads it; the volumes' sources. */
    private List<String> uploadFolder(BlindspotClient client, Options o) throws IOException {
        Path dir = Path.of(o.get("--dataset")).toAbsolutePath().normalize();
        List<Path> all = MoodFolder.volumes(dir);
        MoodFolder.Split split = MoodFolder.Split.parse(o.get("--split") == null ? "test" : o.get("--split"));
        List<Path> chosen = MoodFolder.select(all, split);
        if (chosen.isEmpty()) {
            throw new CliException(2, dir + " holds " + all.size() + " volume(s): its " + split.name()
                    .toLowerCase(Locale.ROOT) + " part (first int(0.6 n) train, the rest test) is empty");
        }
        out.printf(Locale.ROOT, "%s: %d volumes, %d train (int(0.6 n)), %d test; using %s: %d volume(s)%n", dir,
                all.size(), MoodFolder.trainCount(all.size()), all.size() - MoodFolder.trainCount(all.size()),
                split.name().toLowerCase(Locale.ROOT), chosen.size());
        return FolderDataset.upload(client, chosen, out);
    }

    private int audit(Options o) throws Exception {
        o.allow("--model", "--dataset", "--slices", "--split", "--threshold", "--data", "--ingest", "--scoring",
                "--out");
        o.positionals(0);
        String model = o.get("--model");
        if (model == null || model.isBlank()) {
            throw new CliException(2, "audit needs --model NAME (a model registered with the inference-service)");
        }
        if (o.get("--dataset") == null && (o.get("--slices") != null || o.get("--split") != null)) {
            throw new CliException(2, "--slices and --split go with --dataset DIR");
        }
        double threshold = threshold(o.get("--threshold"));
        Path outDir = outDir(o);
        EmbeddedStack started = null;
        BlindspotClient client;
        if (o.get("--ingest") != null || o.get("--scoring") != null) {
            client = client(o);
        } else {
            Path data = dataDir(o);
            Map<String, String> endpoints = runningStack(data);
            if (endpoints != null) {
                out.println("Using the stack already running from " + data.resolve("stack.json"));
            } else {
                started = startStack(data);
                endpoints = started.endpoints();
            }
            client = new BlindspotClient(endpoints.get("ingest"), endpoints.get("scoring"), token(data, started));
        }
        try {
            com.fasterxml.jackson.databind.node.ObjectNode dataset = null;
            if (o.get("--dataset") != null) {
                dataset = FolderDataset.dataset(uploadFolder(client, o), SliceSelection.parse(o.get("--slices")));
            }
            AuditRunner.Outcome outcome = new AuditRunner(client, out, Progress.stdoutIsTerminal())
                    .run(AuditRunner.request(model, threshold, dataset), outDir);
            out.println("saved:");
            for (Path f : outcome.files()) {
                out.println("  " + f.toAbsolutePath().normalize());
            }
            if (!outcome.figureErrors().isEmpty()) {
                throw new CliException(1, "the audit ran, but " + outcome.figureErrors().size() + " report file(s) "
                        + "failed: " + String.join("; ", outcome.figureErrors()));
            }
            return 0;
        } finally {
            if (started != null) {
                out.println("stopping the stack...");
                started.close();
            }
        }
    }

    /** {@code --threshold}: an AP in (0, 1], default 0.5. */
    static double threshold(String text) {
        if (text == null) {
            return 0.5;
        }
        try {
            double t = Double.parseDouble(text);
            if (t > 0 && t <= 1) {
                return t;
            }
        } catch (NumberFormatException bad) {
            // the message below says what is expected
        }
        throw new CliException(2, "--threshold must be an AP in (0, 1], got '" + text + "'");
    }

    private int figures(Options o) throws Exception {
        o.allow("--experiments", "--reference", "--out", "--data", "--scoring", "--ingest");
        o.positionals(0);
        String experiments = o.get("--experiments");
        String target = o.get("--out");
        if (experiments == null || target == null) {
            throw new CliException(2, "figures needs --experiments ID,ID and --out FILE");
        }
        String scoring = o.get("--scoring");
        BlindspotClient client = scoring != null
                ? new BlindspotClient(o.get("--ingest") == null ? scoring : o.get("--ingest"), scoring) : client(o);
        ExperimentRunner runner = new ExperimentRunner(client, out, false);
        String query = figureQuery(experiments, o.get("--reference"));
        Path file = Path.of(target).toAbsolutePath().normalize();
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<Path> targets = name.endsWith(".png") || name.endsWith(".svg") ? List.of(file)
                : List.of(file.resolveSibling(file.getFileName() + ".png"),
                file.resolveSibling(file.getFileName() + ".svg"));
        int saved = 0;
        for (Path t : targets) {
            String format = t.getFileName().toString().endsWith(".svg") ? "svg" : "png";
            if (runner.saveFigure(t, "/api/figures/curves." + format + query).isPresent()) {
                out.println("saved " + t);
                saved++;
            }
        }
        return saved == targets.size() ? 0 : 1;
    }

    /** {@code ?experiments=A,B&reference=R}, each id URL-encoded. */
    static String figureQuery(String experiments, String reference) {
        List<String> ids = new ArrayList<>();
        for (String id : experiments.split(",")) {
            if (!id.isBlank()) {
                ids.add(java.net.URLEncoder.encode(id.strip(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        if (ids.isEmpty()) {
            throw new CliException(2, "--experiments lists no id");
        }
        String query = "?experiments=" + String.join(",", ids);
        if (reference != null && !reference.isBlank()) {
            query += "&reference=" + java.net.URLEncoder.encode(reference.strip(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
        return query;
    }

    private int demo(Options o) throws Exception {
        o.allow("--data", "--out");
        o.positionals(0);
        Path data = dataDir(o);
        Path outDir = outDir(o);
        EmbeddedStack started = null;
        Map<String, String> endpoints = runningStack(data);
        if (endpoints != null) {
            out.println("Using the stack already running from " + data.resolve("stack.json"));
        } else {
            started = startStack(data);
            endpoints = started.endpoints();
        }
        try {
            BlindspotClient client = new BlindspotClient(endpoints.get("ingest"), endpoints.get("scoring"),
                    token(data, started));
            ExperimentRunner runner = new ExperimentRunner(client, out, Progress.stdoutIsTerminal());

            out.println();
            out.println("== 1/2  the golden case: experiment 1 on 4 slices, 6 intensities x 5 sigmas ==");
            ExperimentRunner.Outcome small = runner.run(repoRoot.resolve("presets/exp1-small.json"), outDir);
            printOutcome(small);
            double diff = small.grid().maxAbsDifference(Golden.load().apMean());
            boolean matches = diff <= GOLDEN_TOLERANCE;
            out.printf(Locale.ROOT, "max |AP - golden AP| over the %d cells: %.2e  -> %s (golden: scikit-image, "
                            + "scipy, scikit-learn; tolerance %.0e)%n",
                    small.grid().intensities().length * small.grid().sigmas().length, diff,
                    matches ? "MATCHES" : "DOES NOT MATCH", GOLDEN_TOLERANCE);

            out.println();
            out.println("== 2/2  the paper's experiment 1: 100 intensities x 100 sigmas on the same 4 slices ==");
            ExperimentRunner.Outcome paper = runner.run(repoRoot.resolve("presets/exp1.json"), outDir);
            printOutcome(paper);
            return matches ? 0 : 1;
        } finally {
            if (started != null) {
                out.println("stopping the stack...");
                started.close();
            }
        }
    }

    private void printOutcome(ExperimentRunner.Outcome outcome) {
        out.println();
        out.println("mean AP of " + outcome.name() + " (rows: intensity, highest on top; columns: sigma)");
        out.print(outcome.grid().render());
        out.println("saved:");
        for (Path f : outcome.files()) {
            out.println("  " + f.toAbsolutePath().normalize());
        }
    }

    private EmbeddedStack startStack(Path data) throws Exception {
        if (runningStack(data) != null) {
            throw new CliException(1, "a stack is already running on " + data + " (see " + data.resolve("stack.json")
                    + "); stop it first or use another --data directory");
        }
        Files.createDirectories(data.resolve("logs"));
        // Before the first logger is made: Kafka, S3Proxy and PostgreSQL log to a file, not over the CLI's output.
        if (System.getProperty("org.slf4j.simpleLogger.logFile") == null) {
            System.setProperty("org.slf4j.simpleLogger.logFile", data.resolve("logs/stack.log").toString());
        }
        out.println("Starting Kafka, S3Proxy, PostgreSQL and the four services (data: " + data + ", logs: "
                + data.resolve("logs") + ") ...");
        long t0 = System.nanoTime();
        EmbeddedStack stack = EmbeddedStack.start(data, repoRoot);
        out.printf(Locale.ROOT, "Stack ready in %.1f s:%n", (System.nanoTime() - t0) / 1e9);
        stack.endpoints().forEach((k, v) -> out.printf(Locale.ROOT, "  %-9s %s%n", k, v));
        return stack;
    }

    /** The endpoints in {@code data/stack.json} when that stack answers, else null (no stack, or a stale file). */
    static Map<String, String> runningStack(Path data) {
        Path file = data.resolve("stack.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Map<String, String> endpoints = readStackFile(file);
        String ingest = endpoints.get("ingest");
        if (ingest == null) {
            return null;
        }
        try {
            HttpResponse<Void> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(ingest + "/q/health/ready")).timeout(Duration.ofSeconds(3))
                            .build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200 ? endpoints : null;
        } catch (IOException notRunning) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Map<String, String> readStackFile(Path file) {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            Map<String, String> m = new HashMap<>();
            node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private BlindspotClient client(Options o) {
        String ingest = o.get("--ingest");
        String scoring = o.get("--scoring");
        if (ingest != null || scoring != null) {
            if (ingest == null || scoring == null) {
                throw new CliException(2, "--ingest and --scoring go together");
            }
            return new BlindspotClient(ingest, scoring);
        }
        Path data = dataDir(o);
        Path file = data.resolve("stack.json");
        if (!Files.isRegularFile(file)) {
            throw new CliException(1, "no running stack: " + file + " does not exist. Start one with "
                    + "'./blindspot up' (or give --ingest URL --scoring URL)");
        }
        Map<String, String> endpoints = readStackFile(file);
        return new BlindspotClient(endpoints.get("ingest"), endpoints.get("scoring"), BlindspotClient.token(data));
    }

    /** The token of a stack this command started (certainly valid there), else BLINDSPOT_TOKEN or data/token. */
    private static String token(Path data, EmbeddedStack started) {
        return started != null ? started.token() : BlindspotClient.token(data);
    }

    private Path dataDir(Options o) {
        String d = o.get("--data");
        return (d == null ? repoRoot.resolve(".blindspot") : Path.of(d)).toAbsolutePath().normalize();
    }

    private Path outDir(Options o) {
        String d = o.get("--out");
        return Path.of(d == null ? "out" : d).toAbsolutePath().normalize();
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

    /** {@code --name value} options and positional arguments, in any order. */
    static final class Options {
        private final Map<String, String> values = new HashMap<>();
        private final List<String> positionals = new ArrayList<>();

        static Options parse(String[] args, int from) {
            Options o = new Options();
            for (int i = from; i < args.length; i++) {
                String a = args[i];
                if (a.startsWith("--")) {
                    String name = a;
                    String value;
                    int eq = a.indexOf('=');
                    if (eq > 0) {
                        name = a.substring(0, eq);
                        value = a.substring(eq + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        throw new CliException(2, a + " needs a value");
                    }
                    o.values.put(name, value);
                } else {
                    o.positionals.add(a);
                }
            }
            return o;
        }

        void allow(String... names) {
            Set<String> allowed = Set.of(names);
            for (String name : values.keySet()) {
                if (!allowed.contains(name)) {
                    throw new CliException(2, "unknown option " + name + "\n" + USAGE);
                }
            }
        }

        List<String> positionals(int count) {
            if (positionals.size() != count) {
                throw new CliException(2, (count == 0 ? "unexpected argument " + positionals
                        : "expected " + count + " argument(s), got " + positionals) + "\n" + USAGE);
            }
            return positionals;
        }

        String get(String name) {
            return values.get(name);
        }
    }
}
