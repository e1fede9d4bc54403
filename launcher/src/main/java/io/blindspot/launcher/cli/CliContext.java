package io.blindspot.launcher.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the commands share: where they print, the repository root, {@code BLINDSPOT_TOKEN}, and the options that
 * mean the same in every command ({@code --data}, {@code --out}, {@code --ingest}/{@code --scoring},
 * {@code --dataset}/{@code --slices}/{@code --split}).
 *
 * @param envToken BLINDSPOT_TOKEN, or null
 */
record CliContext(PrintStream out, Path repoRoot, String envToken) {

    /** {@code --data DIR}, default {@code <repo>/.blindspot}. */
    Path dataDir(Options o) {
        String d = o.get("--data");
        return (d == null ? repoRoot.resolve(".blindspot") : Path.of(d)).toAbsolutePath().normalize();
    }

    /** {@code --out DIR}, default {@code out/}. */
    Path outDir(Options o) {
        String d = o.get("--out");
        return Path.of(d == null ? "out" : d).toAbsolutePath().normalize();
    }

    /** A client of {@code --ingest URL --scoring URL}, else of the stack that {@code --data}'s stack.json names. */
    BlindspotClient client(Options o) {
        String ingest = o.get("--ingest");
        String scoring = o.get("--scoring");
        if (ingest != null || scoring != null) {
            if (ingest == null || scoring == null) {
                throw new CliException(2, "--ingest and --scoring go together");
            }
            return new BlindspotClient(ingest, scoring, BlindspotClient.token(envToken, null));
        }
        Path data = dataDir(o);
        Path file = data.resolve("stack.json");
        if (!Files.isRegularFile(file)) {
            throw new CliException(1, "no running stack: " + file + " does not exist. Start one with "
                    + "'./blindspot up' (or give --ingest URL --scoring URL)");
        }
        Map<String, String> endpoints = LocalStack.readStackFile(file);
        return new BlindspotClient(endpoints.get("ingest"), endpoints.get("scoring"),
                BlindspotClient.token(envToken, data));
    }

    /** {@code --slices} and {@code --split} only mean something with {@code --dataset}. */
    static void checkDatasetOptions(Options o) {
        if (o.get("--dataset") == null && (o.get("--slices") != null || o.get("--split") != null)) {
            throw new CliException(2, "--slices and --split go with --dataset DIR");
        }
    }

    /** Lists {@code --dataset DIR}, keeps {@code --split}'s part and uploads it; the volumes' sources. */
    List<String> uploadFolder(BlindspotClient client, Options o) throws IOException {
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

    /** The grid of a finished experiment and the files saved for it. */
    void printOutcome(ExperimentRunner.Outcome outcome) {
        out.println();
        out.println("mean AP of " + outcome.name() + " (rows: intensity, highest on top; columns: sigma)");
        out.print(outcome.grid().render());
        out.println("saved:");
        for (Path f : outcome.files()) {
            out.println("  " + f.toAbsolutePath().normalize());
        }
    }
}
