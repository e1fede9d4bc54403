package io.blindspot.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.Modes;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A blind-spot audit request (beyond the paper) read into the three experiments it submits together:
 * <ul>
 *   <li>{@code reference}: experiment 1 on the audit's data (disk, gaussian-blur, normal-rec, the sigmas): the grid
 *       the model's curves are matched to;</li>
 *   <li>{@code normal-rec} and {@code anomal-rec}: experiment 3 with reconstructor {@code onnx:MODEL} in each mode,
 *       on the same slices, positions and intensities.</li>
 * </ul>
 *
 * <pre>
 * {"model": "ae-latent128",                      required: a model registered with the inference-service
 *  "dataset": {"source": ..., "slices": ...},    optional, a spec's dataset; default: the bundled brain
 *                                                (sample:ch2bet, slices 80, 85, 90, 95 of axis 2)
 *  "positions": [[r, c], ...],                   optional, one per (volume, slice); default: the golden
 *                                                positions with the default dataset, else drawn with "seed"
 *  "seed": 0,                                    optional (not with positions), default 0
 *  "intensities": {"linspace": [0, 1, 100]},     optional, as in a spec (the default shown)
 *  "sigmas": {"linspace": [0, 5, 100]},          optional, the reference grid's sigmas (the default shown)
 *  "radius": 20,                                 optional (default shown)
 *  "threshold": 0.5}                             optional: AP below it counts as inside the blind spot, (0, 1]
 * </pre>
 *
 * Each spec goes through {@link SpecParser}, so every rule of a spec holds; its messages are renamed to the
 * audit's fields ({@code anomaly.intensities} → {@code intensities}). Unknown fields are refused.
 *
 * @param specs the three specs by role, in submission order (reference, normal-rec, anomal-rec), without their
 *              {@link ExperimentSpec.AuditRef} (the service adds it with the audit's id)
 */
public record AuditPlan(String model, double threshold, Map<String, ExperimentSpec> specs) {
    public static final String REFERENCE = ExperimentSpec.AuditRef.REFERENCE;
    public static final List<String> ROLES = List.of(REFERENCE, Modes.NORMAL_REC, Modes.ANOMAL_REC);
    public static final double DEFAULT_THRESHOLD = 0.5;
    public static final int DEFAULT_RADIUS = 20;
    /** The golden case's slices of the bundled brain and their disk centres (presets/exp1-small.json). */
    public static final String DEFAULT_SOURCE = "sample:ch2bet";
    public static final List<Integer> DEFAULT_SLICES = List.of(80, 85, 90, 95);
    public static final List<List<Integer>> DEFAULT_POSITIONS =
            List.of(List.of(136, 49), List.of(99, 52), List.of(70, 55), List.of(36, 138));

    private static final List<String> FIELDS = List.of("model", "dataset", "positions", "seed", "intensities",
            "sigmas", "radius", "threshold");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Spec paths and the audit fields they come from, longest first so that a prefix never shadows. */
    private static final Map<String, String> RENAMED = renamed();

    /** @throws InvalidSpecException naming the audit's field at fault */
    public static AuditPlan parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidSpecException("audit: expected an object with the fields " + String.join(", ", FIELDS));
        }
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!FIELDS.contains(key)) {
                throw new InvalidSpecException("unknown field '" + key + "'; allowed: " + String.join(", ", FIELDS));
            }
        }
        String model = model(field(root, "model"));
        double threshold = threshold(field(root, "threshold"));
        JsonNode dataset = field(root, "dataset");
        JsonNode positions = field(root, "positions");
        JsonNode seed = field(root, "seed");
        if (dataset == null) {
            ObjectNode d = NODES.objectNode();
            d.put("source", DEFAULT_SOURCE);
            d.put("axis", 2);
            ArrayNode slices = d.putArray("slices");
            DEFAULT_SLICES.forEach(slices::add);
            dataset = d;
            if (positions == null && seed == null) {
                ArrayNode p = NODES.arrayNode();
                DEFAULT_POSITIONS.forEach(rc -> p.addArray().add(rc.get(0)).add(rc.get(1)));
                positions = p;
            }
        }
        Map<String, ExperimentSpec> specs = new LinkedHashMap<>();
        for (String role : ROLES) {
            ObjectNode spec = NODES.objectNode();
            spec.put("name", "audit-" + model + "-" + role);
            spec.set("dataset", dataset.deepCopy());
            ObjectNode anomaly = spec.putObject("anomaly");
            anomaly.put("type", "disk");
            anomaly.set("radius", orDefault(field(root, "radius"), NODES.numberNode(DEFAULT_RADIUS)));
            anomaly.set("intensities", orDefault(field(root, "intensities"), linspace(0, 1, 100)));
            if (positions != null) {
                anomaly.set("positions", positions.deepCopy());
            }
            if (seed != null) {
                anomaly.set("seed", seed.deepCopy());
            }
            ObjectNode reconstruction = spec.putObject("reconstruction");
            if (REFERENCE.equals(role)) {
                reconstruction.put("mode", Modes.NORMAL_REC);
                reconstruction.put("reconstructor", "gaussian-blur");
                reconstruction.set("sigmas", orDefault(field(root, "sigmas"), linspace(0, 5, 100)));
            } else {
                reconstruction.put("mode", role);
                reconstruction.put("reconstructor", Models.PREFIX + model);
            }
            spec.putArray("metrics").add("ap");
            specs.put(role, parseRenamed(spec));
        }
        return new AuditPlan(model, threshold, Collections.unmodifiableMap(specs));
    }

    private static ExperimentSpec parseRenamed(ObjectNode spec) {
        try {
            return SpecParser.parse(spec);
        } catch (InvalidSpecException e) {
            throw new InvalidSpecException(rename(e.getMessage()));
        }
    }

    /** A spec message with the spec's field paths replaced by the audit's. */
    static String rename(String message) {
        String out = message;
        for (Map.Entry<String, String> r : RENAMED.entrySet()) {
            out = out.replace(r.getKey(), r.getValue());
        }
        return out;
    }

    private static Map<String, String> renamed() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("anomaly: give either positions (one [row, col] per slice) or seed, not both",
                "give either positions or seed, not both");
        m.put("anomaly.intensities", "intensities");
        m.put("anomaly.positions", "positions");
        m.put("anomaly.radius", "radius");
        m.put("anomaly.seed", "seed");
        m.put("reconstruction.sigmas", "sigmas");
        return m;
    }

    private static String model(JsonNode node) {
        if (node == null) {
            throw new InvalidSpecException("model: required field is missing (the name of a model registered "
                    + "with the inference-service, e.g. \"ae-latent128\")");
        }
        if (!node.isTextual() || !Models.NAME.matcher(node.textValue()).matches()) {
            throw new InvalidSpecException("model: expected a model name matching " + Models.NAME.pattern()
                    + ", got " + node);
        }
        return node.textValue();
    }

    private static double threshold(JsonNode node) {
        if (node == null) {
            return DEFAULT_THRESHOLD;
        }
        if (!node.isNumber() || !(node.doubleValue() > 0 && node.doubleValue() <= 1)) {
            throw new InvalidSpecException("threshold: expected an AP in (0, 1], got " + node);
        }
        return node.doubleValue();
    }

    private static ObjectNode linspace(double start, double stop, int num) {
        ObjectNode n = NODES.objectNode();
        n.putArray("linspace").add(start).add(stop).add(num);
        return n;
    }

    private static JsonNode orDefault(JsonNode node, JsonNode fallback) {
        return node == null ? fallback : node.deepCopy();
    }

    private static JsonNode field(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value;
    }
}
