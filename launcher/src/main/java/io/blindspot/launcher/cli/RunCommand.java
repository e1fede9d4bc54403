package io.blindspot.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code blindspot run SPEC [--dataset DIR ...]}: one experiment on a running stack; with {@code --dataset} the
 * folder's volumes are uploaded and the (JSON) spec rewritten to use them.
 */
final class RunCommand implements Command {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final CliContext context;

    RunCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public int run(Options o) throws Exception {
        o.allow("--data", "--ingest", "--scoring", "--out", "--dataset", "--slices", "--split");
        List<String> spec = o.positionals(1);
        CliContext.checkDatasetOptions(o);
        BlindspotClient client = context.client(o);
        ExperimentRunner runner = new ExperimentRunner(client, context.out(), Progress.stdoutIsTerminal());
        ExperimentRunner.Outcome outcome;
        if (o.get("--dataset") == null) {
            outcome = runner.run(Path.of(spec.getFirst()), context.outDir(o));
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
            List<String> volumes = context.uploadFolder(client, o);
            byte[] body = JSON.writeValueAsBytes(FolderDataset.rewrite(parsed, volumes,
                    SliceSelection.parse(o.get("--slices"))));
            outcome = runner.run(body, "application/json", context.outDir(o));
        }
        context.printOutcome(outcome);
        runner.failOnFigureErrors();
        return 0;
    }
}
