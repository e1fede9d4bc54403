package io.blindspot.launcher.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code blindspot figures --experiments ID,ID [--reference ID] --out FILE}: the curves of several experiments in
 * one figure, as PNG and/or SVG.
 */
final class FiguresCommand implements Command {
    private final CliContext context;

    FiguresCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public int run(Options o) throws Exception {
        o.allow("--experiments", "--reference", "--out", "--data", "--scoring", "--ingest");
        o.positionals(0);
        String experiments = o.get("--experiments");
        String target = o.get("--out");
        if (experiments == null || target == null) {
            throw new CliException(2, "figures needs --experiments ID,ID and --out FILE");
        }
        // Only the scoring-service draws figures: --scoring alone is enough.
        String scoring = o.get("--scoring");
        BlindspotClient client = scoring != null
                ? new BlindspotClient(o.get("--ingest") == null ? scoring : o.get("--ingest"), scoring,
                BlindspotClient.token(context.envToken(), null)) : context.client(o);
        ExperimentRunner runner = new ExperimentRunner(client, context.out(), false);
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
                context.out().println("saved " + t);
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
                ids.add(URLEncoder.encode(id.strip(), StandardCharsets.UTF_8));
            }
        }
        if (ids.isEmpty()) {
            throw new CliException(2, "--experiments lists no id");
        }
        String query = "?experiments=" + String.join(",", ids);
        if (reference != null && !reference.isBlank()) {
            query += "&reference=" + URLEncoder.encode(reference.strip(), StandardCharsets.UTF_8);
        }
        return query;
    }
}
