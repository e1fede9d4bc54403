package io.blindspot.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * The few things the benchmark reads from a service's {@code /q/metrics} (Prometheus text format 0.0.4): the
 * heap in use and the Micrometer timers.
 */
final class Prometheus {
    private Prometheus() {
    }

    /**
     * Heap in use: the sum of {@code jvm_memory_used_bytes} over every pool tagged {@code area="heap"} (Eden,
     * Survivor, Old Gen for G1), in bytes; -1 when the text has none.
     */
    static double heapUsedBytes(String text) {
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += value(line);
                found = true;
            }
        }
        return found ? sum : -1;
    }

    /**
     * Old generation in use right after the last full or mixed collection ({@code jvm_gc_live_data_size_bytes}):
     * the live data, unlike the heap in use, which G1 lets grow towards -Xmx before collecting; -1 when absent.
     */
    static double liveDataBytes(String text) {
        for (String line : text.split("\n")) {
            if (line.startsWith("jvm_gc_live_data_size_bytes")) {
                return value(line);
            }
        }
        return -1;
    }

    /** A Micrometer timer summed over its tags: how many times it ran and the seconds it took. */
    record Timer(double count, double seconds) {
        Timer minus(Timer before) {
            return before == null ? this : new Timer(count - before.count, seconds - before.seconds);
        }
    }

    /**
     * Every timer ({@code NAME_seconds_count} with its {@code NAME_seconds_sum}), keyed by NAME and summed over
     * tag sets; the histogram buckets and {@code _seconds_max} are not needed.
     */
    static Map<String, Timer> timers(String text) {
        Map<String, double[]> acc = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            String metric = name(line);
            int slot = metric.endsWith("_seconds_count") ? 0 : metric.endsWith("_seconds_sum") ? 1 : -1;
            if (slot < 0) {
                continue;
            }
            String base = metric.substring(0, metric.lastIndexOf("_seconds_"));
            acc.computeIfAbsent(base, k -> new double[2])[slot] += value(line);
        }
        Map<String, Timer> out = new TreeMap<>();
        acc.forEach((k, v) -> out.put(k, new Timer(v[0], v[1])));
        return out;
    }

    /** The metric name of a sample line: up to the tags or the value. */
    static String name(String line) {
        int end = 0;
        while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
            end++;
        }
        return line.substring(0, end);
    }

    /** The sample value: the first field after the (possibly tagged) name; an optional timestamp follows. */
    static double value(String line) {
        int close = line.lastIndexOf('}');
        String rest = (close >= 0 ? line.substring(close + 1) : line.substring(name(line).length())).strip();
        int space = rest.indexOf(' ');
        String v = space >= 0 ? rest.substring(0, space) : rest;
        return switch (v) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(v);
        };
    }
}
