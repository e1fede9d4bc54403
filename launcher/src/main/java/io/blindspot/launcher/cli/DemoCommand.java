package io.blindspot.launcher.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code blindspot demo}: on the stack under {@code --data} (started for the demo when none runs there), the
 * golden case compared with the golden values, then the paper's experiment 1. Exit 1 when the golden case does
 * not match.
 */
final class DemoCommand implements Command {
    /** The demo accepts the pipeline's grid when it is this close to the golden values (see golden/README.md). */
    static final double GOLDEN_TOLERANCE = 1e-9;
    private final CliContext context;

    DemoCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public int run(Options o) throws Exception {
        o.allow("--data", "--out");
        o.positionals(0);
        Path data = context.dataDir(o);
        Path outDir = context.outDir(o);
        LocalStack stack = LocalStack.attachOrStart(context, data);
        try {
            PrintStream out = context.out();
            ExperimentRunner runner = new ExperimentRunner(stack.client(), out, Progress.stdoutIsTerminal());

            out.println();
            out.println("== 1/2  the golden case: experiment 1 on 4 slices, 6 intensities x 5 sigmas ==");
            ExperimentRunner.Outcome small = runner.run(context.repoRoot().resolve("presets/exp1-small.json"),
                    outDir);
            context.printOutcome(small);
            double diff = small.grid().maxAbsDifference(Golden.load().apMean());
            boolean matches = diff <= GOLDEN_TOLERANCE;
            out.printf(Locale.ROOT, "max |AP - golden AP| over the %d cells: %.2e  -> %s (golden: scikit-image, "
                            + "scipy, scikit-learn; tolerance %.0e)%n",
                    small.grid().intensities().length * small.grid().sigmas().length, diff,
                    matches ? "MATCHES" : "DOES NOT MATCH", GOLDEN_TOLERANCE);

            out.println();
            out.println("== 2/2  the paper's experiment 1: 100 intensities x 100 sigmas on the same 4 slices ==");
            ExperimentRunner.Outcome paper = runner.run(context.repoRoot().resolve("presets/exp1.json"), outDir);
            context.printOutcome(paper);
            return matches ? 0 : 1;
        } finally {
            stack.close();
        }
    }
}
