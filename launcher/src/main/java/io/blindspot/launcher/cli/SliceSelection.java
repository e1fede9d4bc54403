package io.blindspot.launcher.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --slices} option: one index ({@code 128}, the paper's test slice), a Python-style half-open range
 * ({@code 120:140} is 120 to 139, the paper's training slices) or a comma list ({@code 80,85,90}).
 */
public final class SliceSelection {
    /** The paper's test slice: z = 128 of each test volume (axis 2). */
    public static final List<Integer> DEFAULT = List.of(128);

    private SliceSelection() {
    }

    /** @throws CliException (exit 2) for anything else, or an empty range */
    public static List<Integer> parse(String text) {
        if (text == null) {
            return DEFAULT;
        }
        String t = text.strip();
        try {
            if (t.contains(":")) {
                String[] parts = t.split(":", -1);
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                int start = index(parts[0]);
                int stop = index(parts[1]);
                if (stop <= start) {
                    throw new CliException(2, "--slices " + text + " is empty: the stop is exclusive, as in Python "
                            + "(120:140 is 120 to 139)");
                }
                List<Integer> out = new ArrayList<>();
                for (int z = start; z < stop; z++) {
                    out.add(z);
                }
                return List.copyOf(out);
            }
            List<Integer> out = new ArrayList<>();
            for (String part : t.split(",", -1)) {
                int z = index(part);
                if (out.contains(z)) {
                    throw new CliException(2, "--slices lists slice " + z + " twice");
                }
                out.add(z);
            }
            return List.copyOf(out);
        } catch (NumberFormatException e) {
            throw new CliException(2, "--slices must be an index (128), a range START:STOP (120:140, stop "
                    + "exclusive) or a list (80,85,90), got '" + text + "'");
        }
    }

    private static int index(String s) {
        int z = Integer.parseInt(s.strip());
        if (z < 0) {
            throw new NumberFormatException();
        }
        return z;
    }
}
