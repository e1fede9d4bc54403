package io.blindspot.launcher.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;

/**
 * {@code blindspot audit --model NAME}: the blind-spot report of a registered model, on the stack under
 * {@code --data} (started for the audit when none runs there) or on {@code --ingest}/{@code --scoring}.
 */
final class AuditCommand implements Command {
    private final CliContext context;

    AuditCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public int run(Options o) throws Exception {
        o.allow("--model", "--dataset", "--slices", "--split", "--threshold", "--data", "--ingest", "--scoring",
                "--out");
        o.positionals(0);
        String model = o.get("--model");
        if (model == null || model.isBlank()) {
            throw new CliException(2, "audit needs --model NAME (a model registered with the inference-service)");
        }
        CliContext.checkDatasetOptions(o);
        double threshold = threshold(o.get("--threshold"));
        Path outDir = context.outDir(o);
        LocalStack stack = null;
        BlindspotClient client;
        if (o.get("--ingest") != null || o.get("--scoring") != null) {
            client = context.client(o);
        } else {
            stack = LocalStack.attachOrStart(context, context.dataDir(o));
            client = stack.client();
        }
        try {
            ObjectNode dataset = null;
            if (o.get("--dataset") != null) {
                dataset = FolderDataset.dataset(context.uploadFolder(client, o),
                        SliceSelection.parse(o.get("--slices")));
            }
            AuditRunner.Outcome outcome = new AuditRunner(client, context.out(), Progress.stdoutIsTerminal())
                    .run(AuditRunner.request(model, threshold, dataset), outDir);
            context.out().println("saved:");
            for (Path f : outcome.files()) {
                context.out().println("  " + f.toAbsolutePath().normalize());
            }
            if (!outcome.figureErrors().isEmpty()) {
                throw new CliException(1, "the audit ran, but " + outcome.figureErrors().size() + " report file(s) "
                        + "failed: " + String.join("; ", outcome.figureErrors()));
            }
            return 0;
        } finally {
            if (stack != null) {
                stack.close();
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
}
