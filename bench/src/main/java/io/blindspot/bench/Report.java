package io.blindspot.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's final table: one row per figure with its value, the baseline it is compared with, the ratio,
 * the target and whether it is met; printed as text, and written as JSON and as a Markdown table for the README.
 */
public final class Report {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String[] HEADER = {"figure", "value", "baseline", "ratio", "target", "met"};

    private final List<Row> rows = new ArrayList<>();

    /**
     * @param value    the measured number, in {@code unit}
     * @param shown    the value as printed (e.g. "12.4 µs")
     * @param baseline what it is compared with, as printed; "" when nothing
     * @param ratio    baseline / value for times (how many times faster), null when none
     * @param target   e.g. "≥ 100×"; "" when the figure has none
     * @param met      whether the target is met; null without a target
     */
    public record Row(String figure, double value, String unit, String shown, String baseline, Double ratio,
                      String target, Boolean met) {
        String[] cells() {
            return new String[] {figure, shown, baseline, ratio == null ? "" : Report.ratio(ratio), target,
                    met == null ? "" : met ? "yes" : "NO"};
        }
    }

    public Report add(Row row) {
        rows.add(row);
        return this;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Whether every row with a target meets it. */
    public boolean allTargetsMet() {
        return rows.stream().allMatch(r -> r.met() == null || r.met());
    }

    /** The rows as an aligned plain-text table (columns padded to their widest cell). */
    public String text() {
        List<String[]> lines = new ArrayList<>();
        lines.add(HEADER);
        rows.forEach(r -> lines.add(r.cells()));
        int[] width = new int[HEADER.length];
        for (String[] l : lines) {
            for (int c = 0; c < l.length; c++) {
                width[c] = Math.max(width[c], l[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String[] l = lines.get(i);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < l.length; c++) {
                line.append(c == 0 ? "" : "  ").append(pad(l[c], width[c]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (i == 0) {
                int total = 0;
                for (int w : width) {
                    total += w;
                }
                out.append("-".repeat(total + 2 * (width.length - 1))).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The rows as a Markdown table, preceded by the date, the machine and {@code context} (e.g. the load
     * average during the run; empty for none).
     */
    public String markdown(String date, Machine machine, String context) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Benchmark of %s on %s.%s%n%n", date, machine.describe(),
                context.isEmpty() ? "" : " " + context));
        out.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
        out.append("|---|---:|---|---:|---|---|\n");
        for (Row r : rows) {
            String[] c = r.cells();
            for (int i = 0; i < c.length; i++) {
                c[i] = c[i].replace("|", "\\|");
            }
            out.append("| ").append(String.join(" | ", c)).append(" |\n");
        }
        return out.toString();
    }

    /** The rows and the context as JSON; {@code extra} holds the per-part details (grids, heap, timers). */
    public String json(String date, Machine machine, String context, Map<String, Object> extra) {
        ObjectNode root = JSON.createObjectNode();
        root.put("date", date);
        root.put("context", context);
        ObjectNode m = root.putObject("machine");
        m.put("nproc", machine.nproc());
        m.put("cpu", machine.cpu());
        m.put("memory_gib", machine.memoryGib());
        m.put("java", machine.java());
        ArrayNode a = root.putArray("rows");
        for (Row r : rows) {
            ObjectNode o = a.addObject();
            o.put("figure", r.figure());
            o.put("value", r.value());
            o.put("unit", r.unit());
            o.put("shown", r.shown());
            o.put("baseline", r.baseline());
            if (r.ratio() == null) {
                o.putNull("ratio");
            } else {
                o.put("ratio", r.ratio());
            }
            o.put("target", r.target());
            if (r.met() == null) {
                o.putNull("met");
            } else {
                o.put("met", r.met());
            }
        }
        root.set("details", JSON.valueToTree(extra));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A duration in seconds with a unit that keeps 3 significant digits: "7.73 ms", "12.4 µs", "41.2 s". */
    public static String time(double seconds) {
        double abs = Math.abs(seconds);
        if (abs >= 1) {
            return sig(seconds) + " s";
        }
        if (abs >= 1e-3) {
            return sig(seconds * 1e3) + " ms";
        }
        if (abs >= 1e-6) {
            return sig(seconds * 1e6) + " µs";
        }
        return sig(seconds * 1e9) + " ns";
    }

    /** A ratio as "640×", "58.3×", "3.71×". */
    public static String ratio(double r) {
        return sig(r) + "×";
    }

    /** Three significant digits for values below 1000, no decimals above. */
    static String sig(double v) {
        double abs = Math.abs(v);
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
