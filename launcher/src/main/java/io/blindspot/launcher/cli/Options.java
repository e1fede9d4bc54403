package io.blindspot.launcher.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments after the command: {@code --name value} or {@code --name=value} options and positional arguments,
 * in any order (a repeated option keeps its last value). Each command then says which options it takes
 * ({@link #allow}) and how many positionals ({@link #positionals}); a mismatch is a usage error (exit 2).
 */
final class Options {
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
                throw new CliException(2, "unknown option " + name + "\n" + Usage.TEXT);
            }
        }
    }

    List<String> positionals(int count) {
        if (positionals.size() != count) {
            throw new CliException(2, (count == 0 ? "unexpected argument " + positionals
                    : "expected " + count + " argument(s), got " + positionals) + "\n" + Usage.TEXT);
        }
        return positionals;
    }

    String get(String name) {
        return values.get(name);
    }
}
