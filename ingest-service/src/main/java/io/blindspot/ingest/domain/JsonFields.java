package io.blindspot.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.List;

/**
 * Typed reads of a Jackson tree's fields for {@link SpecParser} and {@link AuditPlan}. Every problem is an
 * {@link InvalidSpecException} whose message starts with the path handed in; a JSON {@code null} counts as an
 * absent field.
 */
final class JsonFields {
    private JsonFields() {
    }

    /** The field's value, or null when it is absent or JSON null. */
    static JsonNode field(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }

    /** The field's value; {@code path} is the path of {@code node} ("" at the top). */
    static JsonNode required(JsonNode node, String path, String key) {
        JsonNode value = field(node, key);
        if (value == null) {
            throw new InvalidSpecException(join(path, key) + ": required field is missing");
        }
        return value;
    }

    static void requireObject(JsonNode node, String path) {
        if (!node.isObject()) {
            throw new InvalidSpecException(path + ": expected an object, got " + show(node));
        }
    }

    /** Refuses the first field not in {@code allowed}, naming it with its path. */
    static void checkFields(JsonNode node, String path, List<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!allowed.contains(key)) {
                throw new InvalidSpecException("unknown field '" + join(path, key) + "'; allowed"
                        + (path.isEmpty() ? "" : " in " + path) + ": " + String.join(", ", allowed));
            }
        }
    }

    /** A finite number. */
    static double number(JsonNode node, String path) {
        if (node == null || !node.isNumber()) {
            throw new InvalidSpecException(path + ": expected a number, got " + show(node));
        }
        double v = node.doubleValue();
        if (!Double.isFinite(v)) {
            throw new InvalidSpecException(path + ": must be finite, got " + v);
        }
        return v;
    }

    /** An integer, also when written as an integral number such as {@code 20.0}. */
    static long integer(JsonNode node, String path) {
        if (node == null || !node.isNumber()) {
            throw new InvalidSpecException(path + ": expected an integer, got " + show(node));
        }
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw new InvalidSpecException(path + ": integer out of range: " + show(node));
            }
            return node.longValue();
        }
        double v = node.doubleValue();
        if (!Double.isFinite(v) || v != Math.rint(v) || Math.abs(v) > 0x1p53) {
            throw new InvalidSpecException(path + ": expected an integer, got " + show(node));
        }
        return (long) v;
    }

    static String text(JsonNode node, String path) {
        if (node == null || !node.isTextual()) {
            throw new InvalidSpecException(path + ": expected a string, got " + show(node));
        }
        return node.textValue();
    }

    /** A value as JSON, cut short so that a message stays readable. */
    static String show(JsonNode node) {
        String text = String.valueOf(node);
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
