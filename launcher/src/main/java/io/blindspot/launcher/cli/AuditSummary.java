package io.blindspot.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lines {@code blindspot audit} prints from scoring's audit JSON ({@code GET /api/audits/{id}}): per mode, the
 * matched blur sigma and the intensity intervals where AP stays below the threshold. The reader looks fields up
 * by name wherever they sit under the mode (the JSON is the scoring-service's contract, not this CLI's), so a
 * field it cannot find is shown as "see audit.json" rather than failing.
 */
final class AuditSummary {
    static final List<String> MODES = List.of("normal-rec", "anomal-rec");

    private AuditSummary() {
    }

    static List<String> lines(JsonNode audit, double threshold) {
        return lines(audit, "AP < " + threshold);
    }

    /** @param rule what counts as blind, in words: "AP < 0.5", "ap < 5 × chance" */
    static List<String> lines(JsonNode audit, String rule) {
        List<String> lines = new ArrayList<>();
        for (String mode : MODES) {
            JsonNode m = modeNode(audit, mode);
            if (m == null) {
                lines.add(mode + ": not in the audit JSON (see audit.json)");
                continue;
            }
            JsonNode sigma = find(m, List.of("matchedsigma"));
            if (sigma == null && m.path("match").isObject()) {
                sigma = m.path("match").get("sigma");
            }
            JsonNode intervals = find(m, List.of("blindspot", "interval"));
            String matched = sigma == null || !sigma.isNumber() ? "see audit.json"
                    : String.format(Locale.ROOT, "%.4g", sigma.asDouble());
            lines.add(String.format(Locale.ROOT, "%-10s matched blur sigma %s%s; %s for intensities %s", mode,
                    matched, edge(m.get("edge")), rule, intervals(intervals)));
        }
        return lines;
    }

    /**
     * " (at the edge: above the largest σ tried; grid to run instead: {"linspace": [0, 10, 199]})" for a match at
     * the first or last sigma of the reference grid (the mode's {@code edge} object), "" otherwise.
     */
    static String edge(JsonNode edge) {
        if (edge == null || !edge.isObject() || !edge.path("note").isTextual()) {
            return "";
        }
        JsonNode spec = edge.get("suggestedSpec");
        return " (at the edge: " + edge.get("note").asText()
                + (spec == null || !spec.isTextual() ? "" : "; grid to run instead: " + spec.asText()) + ")";
    }

    /** {@code audit.modes[mode]}, {@code audit[mode]}, or the element of any array whose mode or role is it. */
    static JsonNode modeNode(JsonNode audit, String mode) {
        for (String container : List.of("modes", "curves", "models", "results")) {
            JsonNode c = audit.get(container);
            if (c != null && c.isObject() && c.has(mode)) {
                return c.get(mode);
            }
            if (c != null && c.isArray()) {
                for (JsonNode e : c) {
                    if (mode.equals(e.path("mode").asText()) || mode.equals(e.path("role").asText())) {
                        return e;
                    }
                }
            }
        }
        return audit.has(mode) ? audit.get(mode) : null;
    }

    /** Depth-first: the first field whose name, lower-cased without '_' and '-', contains one of {@code keys}. */
    static JsonNode find(JsonNode node, List<String> keys) {
        if (node == null || !node.isObject()) {
            return null;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        List<JsonNode> children = new ArrayList<>();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String name = f.getKey().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
            for (String key : keys) {
                if (name.contains(key)) {
                    return f.getValue();
                }
            }
            children.add(f.getValue());
        }
        for (JsonNode child : children) {
            JsonNode found = find(child, keys);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** {@code [0.18, 0.62], [0.9, 1]}, "none" for an empty list; pairs may be arrays or {from/to}-like objects. */
    static String intervals(JsonNode node) {
        if (node == null || !node.isArray()) {
            return "(see audit.json)";
        }
        if (node.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode i : node) {
            JsonNode lo = null;
            JsonNode hi = null;
            if (i.isArray() && i.size() == 2) {
                lo = i.get(0);
                hi = i.get(1);
            } else if (i.isObject()) {
                lo = first(i, "from", "low", "lo", "start", "min");
                hi = first(i, "to", "high", "hi", "end", "max");
            }
            parts.add(lo == null || hi == null ? i.toString()
                    : String.format(Locale.ROOT, "[%.3g, %.3g]", lo.asDouble(), hi.asDouble()));
        }
        return String.join(", ", parts);
    }

    private static JsonNode first(JsonNode node, String... names) {
        for (String n : names) {
            if (node.has(n)) {
                return node.get(n);
            }
        }
        return null;
    }
}
