package io.blindspot.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

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
        JsonNode threshold = thresholdNode(o.get("--threshold"));
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

    /**
     * {@code --threshold} as the audit request's {@code threshold}: a number is an AP in (0, 1] (default 0.5);
     * {@code METRIC:VALUE} (e.g. {@code ap-normalised:0.5}, {@code auroc:0.7}) is {@code {"metric", "below"}};
     * {@code 5x} or {@code times-chance:5} is {@code {"times-chance": 5}} (blind where AP &lt; 5 × chance). The
     * metric and the value's range are checked by the ingest-service (a refusal names the field).
     */
    static JsonNode thresholdNode(String text) {
        if (text == null || !(text.contains(":") || text.endsWith("x"))) {
            return DoubleNode.valueOf(threshold(text));
        }
        ObjectNode rule = JsonNodeFactory.instance.objectNode();
        try {
            if (text.endsWith("x")) {
                rule.put("times-chance", Double.parseDouble(text.substring(0, text.length() - 1)));
                return rule;
            }
            String metric = text.substring(0, text.indexOf(':'));
            double value = Double.parseDouble(text.substring(text.indexOf(':') + 1));
            if ("times-chance".equals(metric)) {
                rule.put("times-chance", value);
            } else {
                rule.put("metric", metric);
                rule.put("below", value);
            }
            return rule;
        } catch (NumberFormatException bad) {
            throw new CliException(2, "--threshold must be an AP in (0, 1], METRIC:VALUE (e.g. ap-normalised:0.5) "
                    + "or a multiple of chance (e.g. 5x), got '" + text + "'");
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
