package io.blindspot.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.Modes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.blindspot.ingest.domain.JsonFields.checkFields;
import static io.blindspot.ingest.domain.JsonFields.field;

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
 * Each field is read by the same part of {@link SpecParser} as the spec field it fills, with the audit's field
 * name as its path ({@code intensities}, not {@code anomaly.intensities}), so every rule of a spec holds and the
 * messages name the audit's fields. The specs are then built directly. Unknown fields are refused.
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
    /** The paper's grids: {@code linspace(0, 1, 100)} intensities, {@code linspace(0, 5, 100)} sigmas. */
    static final List<Double> DEFAULT_INTENSITIES = boxed(Sequences.linspace(0, 1, 100));
    static final List<Double> DEFAULT_SIGMAS = boxed(Sequences.linspace(0, 5, 100));
    /** The reference's reconstructor: experiment 1's. */
    static final String REFERENCE_RECONSTRUCTOR = "gaussian-blur";

    private static final List<String> FIELDS = List.of("model", "dataset", "positions", "seed", "intensities",
            "sigmas", "radius", "threshold");

    /** @throws InvalidSpecException naming the audit's field at fault */
    public static AuditPlan parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidSpecException("audit: expected an object with the fields " + String.join(", ", FIELDS));
        }
        checkFields(root, "", FIELDS);
        String model = model(field(root, "model"));
        double threshold = threshold(field(root, "threshold"));
        // In the order a spec is read: dataset, anomaly (radius, intensities, positions, seed), then sigmas.
        JsonNode datasetNode = field(root, "dataset");
        ExperimentSpec.Dataset dataset = datasetNode == null
                ? ExperimentSpec.Dataset.ofVolumes(List.of(DEFAULT_SOURCE), SpecParser.DEFAULT_AXIS, DEFAULT_SLICES,
                SpecParser.DEFAULT_PREPROCESSING.specName())
                : SpecParser.dataset(datasetNode);
        ExperimentSpec.Anomaly anomaly = anomaly(root, dataset, datasetNode == null);
        JsonNode sigmasNode = field(root, "sigmas");
        List<Double> sigmas = sigmasNode == null ? DEFAULT_SIGMAS : SpecParser.sigmas(sigmasNode, "sigmas");

        Map<String, ExperimentSpec> specs = new LinkedHashMap<>();
        for (String role : ROLES) {
            ExperimentSpec.Reconstruction reconstruction = REFERENCE.equals(role)
                    ? new ExperimentSpec.Reconstruction(Modes.NORMAL_REC, REFERENCE_RECONSTRUCTOR, sigmas)
                    : new ExperimentSpec.Reconstruction(role, Models.PREFIX + model, SpecParser.MODEL_SIGMAS);
            specs.put(role, new ExperimentSpec("audit-" + model + "-" + role, dataset, anomaly, reconstruction,
                    SpecParser.DEFAULT_METRICS));
        }
        return new AuditPlan(model, threshold, Collections.unmodifiableMap(specs));
    }

    /**
     * The disk all three experiments paint. Without a dataset and without positions or seed, the golden positions;
     * otherwise the given positions, or a seed (default {@link SpecParser#DEFAULT_SEED}).
     */
    private static ExperimentSpec.Anomaly anomaly(JsonNode root, ExperimentSpec.Dataset dataset,
                                                  boolean defaultDataset) {
        JsonNode radiusNode = field(root, "radius");
        int radius = radiusNode == null ? DEFAULT_RADIUS : SpecParser.radius(radiusNode, "radius");
        JsonNode intensitiesNode = field(root, "intensities");
        List<Double> intensities = intensitiesNode == null ? DEFAULT_INTENSITIES
                : SpecParser.intensities(intensitiesNode, "intensities");
        JsonNode positionsNode = field(root, "positions");
        JsonNode seedNode = field(root, "seed");
        if (positionsNode != null && seedNode != null) {
            throw new InvalidSpecException("give either positions or seed, not both");
        }
        List<List<Integer>> positions;
        if (positionsNode != null) {
            positions = SpecParser.positions(positionsNode, "positions", dataset.volumeCount(),
                    dataset.slices().size());
        } else if (defaultDataset && seedNode == null) {
            positions = DEFAULT_POSITIONS;
        } else {
            positions = null;
        }
        Long seed = seedNode != null ? Long.valueOf(SpecParser.seed(seedNode, "seed"))
                : positions == null ? Long.valueOf(SpecParser.DEFAULT_SEED) : null;
        return new ExperimentSpec.Anomaly("disk", radius, intensities, positions, seed);
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

    private static List<Double> boxed(double[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }
}
