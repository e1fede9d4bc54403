package io.blindspot.launcher.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress line of a running experiment. On a terminal it is redrawn in place ({@code \r}); in a log or a
 * pipe a new line is printed at most every {@link #LINE_INTERVAL_NANOS}, so CI logs stay short.
 */
final class Progress {
    static final int WIDTH = 18;
    static final long LINE_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private long lastLine;
    private boolean printedLine;
    /** The last line printed (not redrawn), so an unchanged state is not repeated. */
    private String last = "";

    Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** {@code [#####.............] 1234/4000 results  30%}: the bar and percentage round down. */
    static String bar(long done, long expected) {
        long clamped = Math.max(0, Math.min(done, expected));
        int filled = expected <= 0 ? 0 : (int) (clamped * WIDTH / expected);
        long percent = expected <= 0 ? 0 : clamped * 100 / expected;
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                + String.format(Locale.ROOT, "%d/%d results %3d%%", done, expected, percent);
    }

    void update(long done, long expected) {
        String line = bar(done, expected);
        if (terminal) {
            out.print("\r" + line);
            out.flush();
        } else if ((!printedLine || System.nanoTime() - lastLine >= LINE_INTERVAL_NANOS) && !line.equals(last)) {
            printLine(line);
        }
    }

    /** The final state, always shown, then a new line. */
    void finish(long done, long expected) {
        String line = bar(done, expected);
        if (terminal) {
            out.println("\r" + line);
        } else if (!line.equals(last)) {
            printLine(line);
        }
    }

    private void printLine(String line) {
        out.println(line);
        lastLine = System.nanoTime();
        printedLine = true;
        last = line;
    }

    /** Whether standard output is an interactive terminal (JDK 22+ has {@code Console.isTerminal()}). */
    static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true; // before JDK 22, System.console() is null unless both streams are a terminal
        }
    }
}
