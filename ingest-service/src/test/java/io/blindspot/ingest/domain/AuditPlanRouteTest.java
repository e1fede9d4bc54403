package io.blindspot.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.Modes;
import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link AuditPlan} builds its specs directly; until issue 13 it built a spec's JSON tree and fed it through
 * {@link SpecParser}, renaming the messages. That route is kept here ({@link TreeRoute}) as the oracle: both give
 * the same specs, and refuse the same requests with the same message.
 */
class AuditPlanRouteTest {
    private static final List<String> ACCEPTED = List.of(
            // the audit `./blindspot audit --model NAME` posts, and its options
            "{\"model\": \"ae-latent128\"}",
            "{\"model\": \"ae-latent128\", \"threshold\": 0.25}",
            "{\"model\": \"vae\", \"seed\": 4}",
            "{\"model\": \"vae\", \"seed\": 4.0, \"radius\": 20.0}",
            "{\"model\": \"vae\", \"positions\": [[1, 2], [3, 4], [5, 6], [7, 8]]}",
            "{\"model\": \"vae\", \"positions\": null, \"seed\": null, \"dataset\": null}",
            """
            {"model": "vae", "dataset": {"volumes": ["upload:a", "upload:b"], "slices": [128]},
             "intensities": [0.2, 0.4], "sigmas": {"linspace": [0, 1, 3]}, "radius": 10, "threshold": 0.25}""",
            """
            {"model": "vae", "dataset": {"source": "store:x/y.nii.gz", "axis": 1, "slices": {"range": [10, 20, 5]},
             "preprocessing": "equalize-hist"}, "positions": [[1, 1], [2, 2]], "intensities": {"linspace": [0, 1, 5]}}""",
            """
            {"model": "vae", "dataset": {"volumes": ["upload:a"], "slices": [1, 2]}, "seed": 9,
             "sigmas": [0, 0.5], "intensities": [1]}""",
            """
            {"model": "m.1_x", "dataset": {"volumes": ["upload:a", "upload:b"], "slices": [3]},
             "positions": [[1, 1], [2, 2]]}""");

    private static final List<String> REFUSED = List.of(
            "{}", "[1]", "{\"model\": \"AE 128\"}", "{\"model\": 3}",
            "{\"model\": \"ae\", \"mode\": \"normal-rec\"}",
            "{\"model\": \"ae\", \"threshold\": 0}", "{\"model\": \"ae\", \"threshold\": \"high\"}",
            "{\"model\": \"ae\", \"threshold\": 2, \"radius\": 0}",
            "{\"model\": \"ae\", \"intensities\": []}",
            "{\"model\": \"ae\", \"intensities\": [0.5, 80]}",
            "{\"model\": \"ae\", \"intensities\": {\"linspce\": [0, 1, 3]}}",
            "{\"model\": \"ae\", \"intensities\": {\"linspace\": [0, 1]}}",
            "{\"model\": \"ae\", \"intensities\": \"all\"}",
            "{\"model\": \"ae\", \"sigmas\": [-1]}",
            "{\"model\": \"ae\", \"sigmas\": {\"linspace\": [0, 5, 100000]}}",
            "{\"model\": \"ae\", \"radius\": 0}", "{\"model\": \"ae\", \"radius\": 20.5}",
            "{\"model\": \"ae\", \"radius\": \"big\"}",
            "{\"model\": \"ae\", \"seed\": -1}", "{\"model\": \"ae\", \"seed\": 1.5}",
            "{\"model\": \"ae\", \"seed\": 1, \"positions\": [[1, 1], [1, 1], [1, 1], [1, 1]]}",
            "{\"model\": \"ae\", \"positions\": [[1, 1]]}",
            "{\"model\": \"ae\", \"positions\": {\"a\": 1}}",
            "{\"model\": \"ae\", \"positions\": [[1, 1], [1], [1, 1], [1, 1]]}",
            "{\"model\": \"ae\", \"positions\": [[1, 1], [1, -1], [1, 1], [1, 1]]}",
            "{\"model\": \"ae\", \"dataset\": {\"source\": \"nowhere\", \"slices\": [1]}}",
            "{\"model\": \"ae\", \"dataset\": \"sample:ch2bet\"}",
            "{\"model\": \"ae\", \"dataset\": {\"source\": \"sample:ch2bet\"}}",
            "{\"model\": \"ae\", \"dataset\": {\"source\": \"sample:ch2bet\", \"slices\": [1], \"colour\": 1}}",
            "{\"model\": \"ae\", \"dataset\": {\"source\": \"sample:ch2bet\", \"slices\": [1], \"axis\": 3}}",
            "{\"model\": \"ae\", \"dataset\": {\"slices\": [1], \"preprocessing\": \"blur\", \"colour\": 1}}",
            "{\"model\": \"ae\", \"dataset\": {\"volumes\": [\"upload:a\", \"upload:a\"], \"slices\": [1]}}",
            "{\"model\": \"ae\", \"dataset\": {\"volumes\": [\"upload:a\", \"upload:b\"], \"slices\": [1]}, "
                    + "\"positions\": [[1, 1]]}",
            "{\"model\": \"ae\", \"dataset\": {\"source\": \"store:../x\", \"slices\": [1]}}",
            // two faults: the one a spec reads first is named
            "{\"model\": \"ae\", \"dataset\": {\"source\": \"x\", \"slices\": [1]}, \"radius\": 0}",
            "{\"model\": \"ae\", \"radius\": 0, \"intensities\": [2]}",
            "{\"model\": \"ae\", \"intensities\": [2], \"seed\": 1, \"positions\": [[1, 1]]}",
            "{\"model\": \"ae\", \"seed\": 1, \"positions\": [[1, 1]], \"sigmas\": [-1]}",
            "{\"model\": \"ae\", \"positions\": [[1, 1]], \"sigmas\": [-1]}",
            "{\"model\": \"ae\", \"seed\": -1, \"sigmas\": [-1]}");

    private static JsonNode read(String json) {
        return SpecReader.read(json, SpecReader.Format.JSON);
    }

    @Test
    void theDirectPlanEqualsTheTreeRoutesForEveryAcceptedRequest() {
        for (String json : ACCEPTED) {
            AuditPlan direct = AuditPlan.parse(read(json));
            AuditPlan tree = TreeRoute.parse(read(json));
            assertThat(direct).as(json).isEqualTo(tree);
            assertThat(direct.specs().keySet()).as(json).containsExactlyElementsOf(AuditPlan.ROLES);
        }
    }

    @Test
    void bothRefuseTheSameRequestsWithTheSameMessage() {
        for (String json : REFUSED) {
            InvalidSpecException tree = catchThrowableOfType(InvalidSpecException.class,
                    () -> TreeRoute.parse(read(json)));
            assertThat(tree).as(json).isNotNull();
            assertThatThrownBy(() -> AuditPlan.parse(read(json))).as(json)
                    .isInstanceOf(InvalidSpecException.class).hasMessage(tree.getMessage());
        }
    }

    @Test
    void theOneDifferenceAValueThatContainsASpecPathIsNoLongerRewritten() {
        // The tree route renamed spec paths anywhere in a message, also inside the value it echoed.
        String json = "{\"model\": \"ae\", \"dataset\": {\"source\": \"anomaly.seed\", \"slices\": [1]}}";
        assertThatThrownBy(() -> TreeRoute.parse(read(json)))
                .hasMessage("dataset.source must be sample:NAME, upload:ID or store:KEY, got 'seed'");
        assertThatThrownBy(() -> AuditPlan.parse(read(json)))
                .hasMessage("dataset.source must be sample:NAME, upload:ID or store:KEY, got 'anomaly.seed'");
    }

    /** AuditPlan.parse as it was before issue 13: a spec tree per role, through SpecParser, messages renamed. */
    private static final class TreeRoute {
        private static final List<String> FIELDS = List.of("model", "dataset", "positions", "seed", "intensities",
                "sigmas", "radius", "threshold");
        private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

        static AuditPlan parse(JsonNode root) {
            if (root == null || !root.isObject()) {
                throw new InvalidSpecException("audit: expected an object with the fields "
                        + String.join(", ", FIELDS));
            }
            Iterator<String> names = root.fieldNames();
            while (names.hasNext()) {
                String key = names.next();
                if (!FIELDS.contains(key)) {
                    throw new InvalidSpecException("unknown field '" + key + "'; allowed: "
                            + String.join(", ", FIELDS));
                }
            }
            String model = model(field(root, "model"));
            double threshold = threshold(field(root, "threshold"));
            JsonNode dataset = field(root, "dataset");
            JsonNode positions = field(root, "positions");
            JsonNode seed = field(root, "seed");
            if (dataset == null) {
                ObjectNode d = NODES.objectNode();
                d.put("source", AuditPlan.DEFAULT_SOURCE);
                d.put("axis", 2);
                ArrayNode slices = d.putArray("slices");
                AuditPlan.DEFAULT_SLICES.forEach(slices::add);
                dataset = d;
                if (positions == null && seed == null) {
                    ArrayNode p = NODES.arrayNode();
                    AuditPlan.DEFAULT_POSITIONS.forEach(rc -> p.addArray().add(rc.get(0)).add(rc.get(1)));
                    positions = p;
                }
            }
            Map<String, ExperimentSpec> specs = new LinkedHashMap<>();
            for (String role : AuditPlan.ROLES) {
                ObjectNode spec = NODES.objectNode();
                spec.put("name", "audit-" + model + "-" + role);
                spec.set("dataset", dataset.deepCopy());
                ObjectNode anomaly = spec.putObject("anomaly");
                anomaly.put("type", "disk");
                anomaly.set("radius", orDefault(field(root, "radius"), NODES.numberNode(AuditPlan.DEFAULT_RADIUS)));
                anomaly.set("intensities", orDefault(field(root, "intensities"), linspace(0, 1, 100)));
                if (positions != null) {
                    anomaly.set("positions", positions.deepCopy());
                }
                if (seed != null) {
                    anomaly.set("seed", seed.deepCopy());
                }
                ObjectNode reconstruction = spec.putObject("reconstruction");
                if (AuditPlan.REFERENCE.equals(role)) {
                    reconstruction.put("mode", Modes.NORMAL_REC);
                    reconstruction.put("reconstructor", "gaussian-blur");
                    reconstruction.set("sigmas", orDefault(field(root, "sigmas"), linspace(0, 5, 100)));
                } else {
                    reconstruction.put("mode", role);
                    reconstruction.put("reconstructor", Models.PREFIX + model);
                }
                spec.putArray("metrics").add("ap");
                try {
                    specs.put(role, SpecParser.parse(spec));
                } catch (InvalidSpecException e) {
                    throw new InvalidSpecException(rename(e.getMessage()));
                }
            }
            return new AuditPlan(model, threshold, "ap", null, java.util.Collections.unmodifiableMap(specs));
        }

        static String rename(String message) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("anomaly: give either positions (one [row, col] per slice) or seed, not both",
                    "give either positions or seed, not both");
            m.put("anomaly.intensities", "intensities");
            m.put("anomaly.positions", "positions");
            m.put("anomaly.radius", "radius");
            m.put("anomaly.seed", "seed");
            m.put("reconstruction.sigmas", "sigmas");
            String out = message;
            for (Map.Entry<String, String> r : m.entrySet()) {
                out = out.replace(r.getKey(), r.getValue());
            }
            return out;
        }

        static String model(JsonNode node) {
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

        static double threshold(JsonNode node) {
            if (node == null) {
                return AuditPlan.DEFAULT_THRESHOLD;
            }
            if (!node.isNumber() || !(node.doubleValue() > 0 && node.doubleValue() <= 1)) {
                throw new InvalidSpecException("threshold: expected an AP in (0, 1], got " + node);
            }
            return node.doubleValue();
        }

        static ObjectNode linspace(double start, double stop, int num) {
            ObjectNode n = NODES.objectNode();
            n.putArray("linspace").add(start).add(stop).add(num);
            return n;
        }

        static JsonNode orDefault(JsonNode node, JsonNode fallback) {
            return node == null ? fallback : node.deepCopy();
        }

        static JsonNode field(JsonNode node, String key) {
            JsonNode value = node.get(key);
            return value == null || value.isNull() ? null : value;
        }
    }
}
