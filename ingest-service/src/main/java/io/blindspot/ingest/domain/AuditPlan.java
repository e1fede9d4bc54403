package io.blindspot.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.Metrics;
import io.blindspot.contracts.events.Modes;

import java.util.ArrayList;
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
 *  "threshold": 0.5}                             optional: AP below it counts as inside the blind spot, (0, 1];
 *                                                or {"metric": "ap-normalised", "below": 0.5} (any per-slice
 *                                                metric; below in (0, 1], ap-normalised in (-1, 1]),
 *                                                or {"times-chance": 5}: AP below 5 × the chance level (the
 *                                                slices' lesion prevalence) counts as blind
 * </pre>
 *
 * <p>Why a threshold against chance (issue 14): AP's chance level is the lesion prevalence, ~0.03 for a radius-20
 * disk in a ch2bet slice, so "AP &lt; 0.5" calls a model blind where it still ranks the lesion ~15 times better
 * than chance. A threshold on another metric makes the normal-rec and anomal-rec experiments compute that metric
 * too (it is added to their {@code metrics}); the reference stays AP-only (its grid is matched on AP).
 *
 * Each field is read by the same part of {@link SpecParser} as the spec field it fills, with the audit's field
 * name as its path ({@code intensities}, not {@code anomaly.intensities}), so every rule of a spec holds and the
 * messages name the audit's fields. The specs are then built directly. Unknown fields are refused.
 *
 * @param specs the three specs by role, in submission order (reference, normal-rec, anomal-rec), without their
 *              {@link ExperimentSpec.AuditRef} (the service adds it with the audit's id)
 * @param threshold       the value below which an intensity is blind, on {@code thresholdMetric}; 0 with
 *                        {@code timesChance}
 * @param thresholdMetric the metric the threshold is on ({@code ap} for a plain number)
 * @param timesChance     blind where AP &lt; timesChance × chance; null for a fixed threshold
 */
public record AuditPlan(String model, double threshold, String thresholdMetric, Double timesChance,
                        Map<String, ExperimentSpec> specs) {
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
    private static final List<String> THRESHOLD_FIELDS = List.of("metric", "below", "times-chance");

    /** The audit's rule for "blind": {@code metric < below}, or AP &lt; timesChance × chance. */
    record Threshold(String metric, double below, Double timesChance) {
    }

    /** @throws InvalidSpecException naming the audit's field at fault */
    public static AuditPlan parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidSpecException("audit: expected an object with the fields " + String.join(", ", FIELDS));
        }
        checkFields(root, "", FIELDS);
        String model = model(field(root, "model"));
        Threshold threshold = threshold(field(root, "threshold"));
        // In the order a spec is read: dataset, anomaly (radius, intensities, positions, seed), then sigmas.
        JsonNode datasetNode = field(root, "dataset");
        ExperimentSpec.Dataset dataset = datasetNode == null
                ? ExperimentSpec.Dataset.ofVolumes(List.of(DEFAULT_SOURCE), SpecParser.DEFAULT_AXIS, DEFAULT_SLICES,
                SpecParser.DEFAULT_PREPROCESSING.specName())
                : SpecParser.dataset(datasetNode);
        ExperimentSpec.Anomaly anomaly = anomaly(root, dataset, datasetNode == null);
        JsonNode sigmasNode = field(root, "sigmas");
        List<Double> sigmas = sigmasNode == null ? DEFAULT_SIGMAS : SpecParser.sigmas(sigmasNode, "sigmas");

        // The modes compute the threshold's metric beside AP (AP: the curves, the match); the reference AP only.
        List<String> modeMetrics = new ArrayList<>(SpecParser.DEFAULT_METRICS);
        if (!modeMetrics.contains(threshold.metric())) {
            modeMetrics.add(threshold.metric());
        }
        Map<String, ExperimentSpec> specs = new LinkedHashMap<>();
        for (String role : ROLES) {
            ExperimentSpec.Reconstruction reconstruction = REFERENCE.equals(role)
                    ? new ExperimentSpec.Reconstruction(Modes.NORMAL_REC, REFERENCE_RECONSTRUCTOR, sigmas)
                    : new ExperimentSpec.Reconstruction(role, Models.PREFIX + model, SpecParser.MODEL_SIGMAS);
            specs.put(role, new ExperimentSpec("audit-" + model + "-" + role, dataset, anomaly, reconstruction,
                    REFERENCE.equals(role) ? SpecParser.DEFAULT_METRICS : List.copyOf(modeMetrics)));
        }
        return new AuditPlan(model, threshold.below(), threshold.metric(), threshold.timesChance(),
                Collections.unmodifiableMap(specs));
    }

    /** The {@link ExperimentSpec.AuditRef} of one of the audit's experiments. */
    public ExperimentSpec.AuditRef ref(String auditId, String role) {
        return new ExperimentSpec.AuditRef(auditId, role, model, threshold,
                Metrics.AP.equals(thresholdMetric) && timesChance == null ? null : thresholdMetric, timesChance);
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

    /**
     * A plain number: AP below it, in (0, 1] (as before issue 14). An object: {@code {"metric": M, "below": t}}
     * (M any per-slice metric, default ap; t in (0, 1], for ap-normalised in (-1, 1]: it is 0 at chance and
     * negative below) or {@code {"times-chance": k}} (k &gt; 0: AP below k × chance; on AP only, since the
     * normalised AP already measures against chance).
     */
    private static Threshold threshold(JsonNode node) {
        if (node == null) {
            return new Threshold(Metrics.AP, DEFAULT_THRESHOLD, null);
        }
        if (!node.isObject()) {
            // the message of before issue 14 (the object form is documented in the OpenAPI schema and README)
            if (!node.isNumber() || !(node.doubleValue() > 0 && node.doubleValue() <= 1)) {
                throw new InvalidSpecException("threshold: expected an AP in (0, 1], got " + node);
            }
            return new Threshold(Metrics.AP, node.doubleValue(), null);
        }
        checkFields(node, "threshold", THRESHOLD_FIELDS);
        JsonNode metricNode = field(node, "metric");
        String metric = Metrics.AP;
        if (metricNode != null) {
            List<String> perSlice = Metrics.ALL.stream().filter(m -> !Metrics.CROSS_SLICE.contains(m)).toList();
            if (!metricNode.isTextual() || !perSlice.contains(metricNode.textValue())) {
                throw new InvalidSpecException("threshold.metric: expected one of " + String.join(", ", perSlice)
                        + ", got " + metricNode);
            }
            metric = metricNode.textValue();
        }
        JsonNode below = field(node, "below");
        JsonNode times = field(node, "times-chance");
        if ((below == null) == (times == null)) {
            throw new InvalidSpecException("threshold: give either below (a value of the metric) or times-chance "
                    + "(a multiple of AP's chance level), not " + (below == null ? "neither" : "both"));
        }
        if (times != null) {
            if (!Metrics.AP.equals(metric)) {
                throw new InvalidSpecException("threshold.times-chance: a multiple of AP's chance level (the lesion "
                        + "prevalence) applies to metric ap only, got metric " + metric
                        + (Metrics.AP_NORMALISED.equals(metric) ? " (it already measures against chance: use below)"
                        : ""));
            }
            double k = JsonFields.number(times, "threshold.times-chance");
            if (!(k > 0)) {
                throw new InvalidSpecException("threshold.times-chance: expected a number > 0, got " + times);
            }
            return new Threshold(metric, 0.0, k);
        }
        double t = JsonFields.number(below, "threshold.below");
        double low = Metrics.AP_NORMALISED.equals(metric) ? -1 : 0;
        if (!(t > low && t <= 1)) {
            throw new InvalidSpecException("threshold.below: expected a value of " + metric + " in (" + (int) low
                    + ", 1], got " + below);
        }
        return new Threshold(metric, t, null);
    }

    private static List<Double> boxed(double[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }
}
