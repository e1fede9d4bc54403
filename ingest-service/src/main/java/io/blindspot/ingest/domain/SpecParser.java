package io.blindspot.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.blindspot.contracts.events.Aggregations;
import io.blindspot.contracts.events.AnomalyTypes;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.Metrics;
import io.blindspot.contracts.events.Modes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import static io.blindspot.ingest.domain.JsonFields.checkFields;
import static io.blindspot.ingest.domain.JsonFields.field;
import static io.blindspot.ingest.domain.JsonFields.integer;
import static io.blindspot.ingest.domain.JsonFields.number;
import static io.blindspot.ingest.domain.JsonFields.requireObject;
import static io.blindspot.ingest.domain.JsonFields.required;
import static io.blindspot.ingest.domain.JsonFields.show;
import static io.blindspot.ingest.domain.JsonFields.text;

/**
 * Reads a user's experiment spec (a Jackson tree of JSON or YAML) into a resolved {@link ExperimentSpec}: every
 * generated list expanded, every default filled in, every value checked, plus the ingest-only
 * {@code dataset.preprocessing} (resolved to a {@link Preprocessing} name). Any problem is an {@link InvalidSpecException} whose message
 * starts with the path of the field at fault.
 *
 * <pre>
 * {"name": "exp1",                                         optional, default "experiment"
 *  "dataset": {"source": "sample:ch2bet",                  sample:NAME | upload:ID | store:KEY; or
 *              "volumes": ["upload:A", "upload:B"],        several volumes (not both): slices of each
 *              "axis": 2,                                  optional, default 2 (slice z = v[:, :, z])
 *              "slices": [80, 85],                         or {"range": [start, stop(, step)]} or {"linspace": ...}
 *              "preprocessing": "none"},                   optional, default none; or equalize-hist (the paper's
 *                                                          equalised variant, applied to each slice by ingest)
 *  "anomaly": {"type": "disk", "radius": 20,               disk, or a texture: pixel-shuffle, sink, source
 *              "intensities": [0.0, 0.5, 1.0],             or {"linspace": [start, stop, num]}; disk only; each
 *                                                          in [0, 1] (units of the normalised slice)
 *              "positions": [[90, 110], [95, 100]],        one [row, col] per (volume, slice), volume-major,
 *                                                          or "seed": N (default seed 0)
 *              "normal-fraction": 0.5},                    optional, 0 < f <= 0.5: lesion-free copies in the
 *                                                          test set of the metrics auroc-image and ap-image,
 *                                                          which need it ({@link ImageLevelFields})
 *  "reconstruction": {"mode": "normal-rec",                optional, default normal-rec; or anomal-rec
 *                     "reconstructor": "gaussian-blur",      or onnx:NAME, a model registered with the
 *                                                          inference-service (checked at submission)
 *                     "sigmas": [0.0, 1.0, 2.0]},          or {"linspace": ...}; absent for onnx:NAME
 *  "metrics": ["ap", "auroc"],                            optional, default ["ap"]; any of ap, ap-normalised,
 *                                                          auroc, dice-best, aupro-0.3 (once each)
 *  "aggregation": ["slice-mean", "pooled"],                optional, default slice-mean; {@link EvaluationFields}
 *  "evaluation": {"bootstrap": {...}, "image-score": ...}} optional; {@link EvaluationFields}
 * </pre>
 *
 * Field names are matched exactly and unknown ones are refused, so a misspelt optional field is an error rather
 * than a silently ignored default. A JSON {@code null} counts as an absent field. Integers may be written as
 * integral numbers ({@code 20.0}); {@code 20.5} where an integer is needed is an error. Each list holds at most
 * {@value #MAX_VALUES} values.
 *
 * <p>Anomaly types: {@code disk} (experiment 1) paints one variant per intensity and needs {@code intensities}.
 * The textures of experiment 2 ({@code pixel-shuffle}, {@code sink}, {@code source}) re-fill the label from the
 * slice itself: they refuse {@code intensities} (the resolved spec has none, and one variant per slice) and
 * always carry a seed (default 0), which may come WITH positions: the positions place the centres, the seed
 * drives pixel-shuffle's permutation. For a disk, positions and seed stay mutually exclusive.
 *
 * <p>Several volumes ({@code dataset.volumes}, e.g. the test part of a MOOD-style folder) share {@code axis},
 * {@code slices} and {@code preprocessing}; the resolved spec lists them in {@code dataset.volumes} (and keeps
 * {@code dataset.source} only for one volume). Positions then number volumes × slices, volume by volume.
 *
 * <p>Checks that need the volume (slice indices and positions within its shape) are in {@link VolumeChecks}, the
 * typed reads of single fields in {@link JsonFields}. {@link AuditPlan} builds its specs from the parts
 * ({@link #dataset}, {@link #radius}, {@link #intensities}, {@link #positions}, {@link #seed}, {@link #sigmas})
 * with its own field names as paths.
 */
public final class SpecParser {
    public static final String DEFAULT_NAME = "experiment";
    public static final int DEFAULT_AXIS = 2;
    public static final List<String> DEFAULT_METRICS = Metrics.DEFAULT;
    public static final String DEFAULT_MODE = Modes.NORMAL_REC;
    /** Used when the spec gives neither positions nor a seed, and by a texture that gives no seed. */
    public static final long DEFAULT_SEED = 0L;

    /** disk, then the experiment-2 textures ({@link AnomalyTypes#ALL}). */
    public static final List<String> ANOMALY_TYPES = AnomalyTypes.ALL;
    public static final List<String> MODES = List.of(Modes.NORMAL_REC, Modes.ANOMAL_REC);
    public static final List<String> RECONSTRUCTORS = List.of("gaussian-blur");
    /** A model in the inference-service's registry: {@code onnx:NAME}, NAME as the registry accepts it. */
    private static final java.util.regex.Pattern MODEL_RECONSTRUCTOR =
            java.util.regex.Pattern.compile("onnx:[a-z0-9][a-z0-9._-]{0,63}");
    /** A model has no sigma: its one reconstruction is recorded at sigma 0. */
    static final List<Double> MODEL_SIGMAS = List.of(0.0);
    public static final List<String> METRICS = Metrics.ALL;
    public static final Preprocessing DEFAULT_PREPROCESSING = Preprocessing.NONE;
    public static final int MAX_VALUES = 10_000;
    static final int MAX_NAME_LENGTH = 200;

    private static final List<String> TOP_FIELDS = List.of("name", "dataset", "anomaly", "reconstruction", "metrics",
            "aggregation", "evaluation");
    private static final List<String> DATASET_FIELDS = List.of("source", "volumes", "axis", "slices",
            "preprocessing");
    private static final List<String> ANOMALY_FIELDS = List.of("type", "radius", "intensities", "positions", "seed",
            "normal-fraction");
    private static final List<String> RECONSTRUCTION_FIELDS = List.of("mode", "reconstructor", "sigmas");
    private static final String NUMBER_LIST = "a list of numbers or {\"linspace\": [start, stop, num]}";
    private static final String INTEGER_LIST =
            "a list of integers, {\"range\": [start, stop]}, {\"range\": [start, stop, step]} or "
                    + "{\"linspace\": [start, stop, num]}";

    private SpecParser() {
    }

    /** @throws InvalidSpecException naming the first field at fault */
    public static ExperimentSpec parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidSpecException("spec: expected an object with the fields " + String.join(", ", TOP_FIELDS));
        }
        checkFields(root, "", TOP_FIELDS);
        String name = field(root, "name") == null ? DEFAULT_NAME : name(field(root, "name"));
        ExperimentSpec.Dataset dataset = dataset(required(root, "", "dataset"));
        ExperimentSpec.Anomaly anomaly = anomaly(required(root, "", "anomaly"), dataset.volumeCount(),
                dataset.slices().size());
        ExperimentSpec.Reconstruction reconstruction = reconstruction(required(root, "", "reconstruction"));
        List<String> metrics = field(root, "metrics") == null ? DEFAULT_METRICS : metrics(field(root, "metrics"));
        ImageLevelFields.check(anomaly, reconstruction, metrics, Math.max(1, dataset.volumeCount())
                * dataset.slices().size());
        List<String> aggregation = field(root, "aggregation") == null ? null
                : EvaluationFields.aggregation(field(root, "aggregation"));
        ExperimentSpec.Evaluation evaluation = field(root, "evaluation") == null ? null
                : EvaluationFields.evaluation(field(root, "evaluation"), dataset.volumeCount());
        ExperimentSpec spec = new ExperimentSpec(name, dataset, anomaly, reconstruction, metrics, null, aggregation,
                evaluation);
        EvaluationFields.checkCost(spec);
        return spec;
    }

    private static String name(JsonNode node) {
        String name = text(node, "name");
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new InvalidSpecException("name: must be 1 to " + MAX_NAME_LENGTH + " characters, not blank");
        }
        return name;
    }

    /** {@code dataset} with its {@code preprocessing} (read first). */
    static ExperimentSpec.Dataset dataset(JsonNode node) {
        Preprocessing preprocessing = preprocessing(field(node, "preprocessing"));
        return datasetWithoutPreprocessing(node).withPreprocessing(preprocessing.specName());
    }

    private static ExperimentSpec.Dataset datasetWithoutPreprocessing(JsonNode node) {
        requireObject(node, "dataset");
        checkFields(node, "dataset", DATASET_FIELDS);
        JsonNode sourceNode = field(node, "source");
        JsonNode volumesNode = field(node, "volumes");
        if (sourceNode != null && volumesNode != null) {
            throw new InvalidSpecException("dataset: give either source (one volume) or volumes (a list), not both");
        }
        if (sourceNode == null && volumesNode == null) {
            throw new InvalidSpecException("dataset.source: required field is missing (or give dataset.volumes, "
                    + "a list of sources)");
        }
        List<String> volumes = sourceNode != null
                ? List.of(DatasetSource.parse(text(sourceNode, "dataset.source")).text())
                : volumes(volumesNode);
        int axis = DEFAULT_AXIS;
        if (field(node, "axis") != null) {
            long value = integer(field(node, "axis"), "dataset.axis");
            if (value < 0 || value > 2) {
                throw new InvalidSpecException("dataset.axis: must be 0, 1 or 2, got " + value);
            }
            axis = (int) value;
        }
        List<Integer> slices = slices(required(node, "dataset", "slices"));
        return ExperimentSpec.Dataset.ofVolumes(volumes, axis, slices, ExperimentSpec.Dataset.NO_PREPROCESSING);
    }

    /** A non-empty list of distinct sources, each {@code sample:NAME}, {@code upload:ID} or {@code store:KEY}. */
    private static List<String> volumes(JsonNode node) {
        String path = "dataset.volumes";
        if (!node.isArray()) {
            throw new InvalidSpecException(path + ": expected a list of sources (sample:NAME, upload:ID or "
                    + "store:KEY), got " + show(node));
        }
        checkSize(node.size(), path);
        List<String> volumes = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String at = path + "[" + i + "]";
            String source = DatasetSource.parse(text(node.get(i), at), at).text();
            if (volumes.contains(source)) {
                throw new InvalidSpecException(path + ": '" + source + "' is listed twice");
            }
            volumes.add(source);
        }
        return List.copyOf(volumes);
    }

    private static Preprocessing preprocessing(JsonNode node) {
        if (node == null) {
            return DEFAULT_PREPROCESSING;
        }
        String name = text(node, "dataset.preprocessing");
        return Preprocessing.bySpecName(name).orElseThrow(() -> new InvalidSpecException(
                "dataset.preprocessing: unknown preprocessing '" + name + "'; supported: "
                        + String.join(", ", Preprocessing.specNames())));
    }

    private static List<Integer> slices(JsonNode node) {
        String path = "dataset.slices";
        List<Long> values;
        if (node.isArray()) {
            values = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                values.add(integer(node.get(i), path + "[" + i + "]"));
            }
        } else if (node.isObject() && node.size() == 1 && node.has("range")) {
            values = range(node.get("range"), path + ".range");
        } else if (node.isObject() && node.size() == 1 && node.has("linspace")) {
            values = new ArrayList<>();
            double[] generated = linspace(node.get("linspace"), path + ".linspace");
            for (int i = 0; i < generated.length; i++) {
                double v = generated[i];
                if (v != Math.rint(v)) {
                    throw new InvalidSpecException(path + ".linspace: value " + i + " is " + v
                            + ", slices must be integers");
                }
                values.add((long) v);
            }
        } else {
            throw new InvalidSpecException(expected(node, path, INTEGER_LIST, List.of("range", "linspace")));
        }
        checkSize(values.size(), path);
        Set<Long> seen = new HashSet<>();
        List<Integer> slices = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            long v = values.get(i);
            if (v < 0 || v > Integer.MAX_VALUE) {
                throw new InvalidSpecException(path + "[" + i + "]: a slice index must be >= 0, got " + v);
            }
            if (!seen.add(v)) {
                throw new InvalidSpecException(path + ": slice " + v + " is listed twice");
            }
            slices.add((int) v);
        }
        return List.copyOf(slices);
    }

    private static List<Long> range(JsonNode args, String path) {
        if (args == null || !args.isArray() || args.size() < 2 || args.size() > 3) {
            throw new InvalidSpecException(path + ": expected [start, stop] or [start, stop, step] (integers)");
        }
        long start = integer(args.get(0), path + "[0]");
        long stop = integer(args.get(1), path + "[1]");
        long step = args.size() == 3 ? integer(args.get(2), path + "[2]") : 1;
        try {
            return Sequences.range(start, stop, step, MAX_VALUES);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException(path + ": " + e.getMessage());
        }
    }

    private static ExperimentSpec.Anomaly anomaly(JsonNode node, int volumeCount, int sliceCount) {
        requireObject(node, "anomaly");
        checkFields(node, "anomaly", ANOMALY_FIELDS);
        String type = text(required(node, "anomaly", "type"), "anomaly.type");
        if (!ANOMALY_TYPES.contains(type)) {
            throw new InvalidSpecException("anomaly.type: unknown anomaly type '" + type + "'; supported: "
                    + String.join(", ", ANOMALY_TYPES));
        }
        int radius = radius(required(node, "anomaly", "radius"), "anomaly.radius");
        boolean texture = AnomalyTypes.isTexture(type);
        List<Double> intensities = null;
        if (!texture) {
            intensities = intensities(required(node, "anomaly", "intensities"), "anomaly.intensities");
        } else if (field(node, "intensities") != null) {
            throw new InvalidSpecException("anomaly.intensities: a " + type + " anomaly has no intensities (its "
                    + "texture comes from the slice itself, one variant per slice); remove the field");
        }
        JsonNode positionsNode = field(node, "positions");
        JsonNode seedNode = field(node, "seed");
        if (!texture && positionsNode != null && seedNode != null) {
            throw new InvalidSpecException("anomaly: give either positions (one [row, col] per slice) or seed, "
                    + "not both");
        }
        List<List<Integer>> positions = positionsNode == null ? null
                : positions(positionsNode, "anomaly.positions", volumeCount, sliceCount);
        Long seed = null;
        if (seedNode != null) {
            seed = seed(seedNode, "anomaly.seed");
        } else if (positions == null || texture) {
            // A texture always carries its seed: pixel-shuffle permutes with it even where positions are given.
            seed = DEFAULT_SEED;
        }
        Double normalFraction = field(node, "normal-fraction") == null ? null
                : ImageLevelFields.normalFraction(field(node, "normal-fraction"), "anomaly.normal-fraction");
        return new ExperimentSpec.Anomaly(type, radius, intensities, positions, seed, normalFraction);
    }

    /** A disk's radius in pixels, {@code > 0}. */
    static int radius(JsonNode node, String path) {
        long radius = integer(node, path);
        if (radius <= 0 || radius > Integer.MAX_VALUE) {
            throw new InvalidSpecException(path + ": must be a positive number of pixels, got " + radius);
        }
        return (int) radius;
    }

    /** A disk's intensities, each in [0, 1]. */
    static List<Double> intensities(JsonNode node, String path) {
        List<Double> intensities = numbers(node, path);
        // The paper paints the disk into the normalised slice (voxel / volume maximum), whose tissue lies in
        // [0, 1]: 0 is black, 1 the brightest voxel of the volume. Outside that range a lesion is darker
        // than black or brighter than anything the scanner recorded, which no residual study asks about, and
        // a value such as 80 is almost always a raw scanner intensity that was meant to be normalised.
        for (int i = 0; i < intensities.size(); i++) {
            double v = intensities.get(i);
            if (!(v >= 0.0 && v <= 1.0)) {
                throw new InvalidSpecException(path + "[" + i + "]: " + v + " is outside [0, 1]; "
                        + "intensities are in units of the normalised slice (voxel / volume maximum): 0 is "
                        + "black, 1 the brightest voxel");
            }
        }
        return intensities;
    }

    /** A seed, {@code >= 0}. */
    static long seed(JsonNode node, String path) {
        long seed = integer(node, path);
        if (seed < 0) {
            throw new InvalidSpecException(path + ": must be >= 0, got " + seed);
        }
        return seed;
    }

    /** One {@code [row, col]} per (volume, slice), volume by volume. */
    static List<List<Integer>> positions(JsonNode node, String path, int volumeCount, int sliceCount) {
        if (!node.isArray()) {
            throw new InvalidSpecException(path + ": expected a list of [row, col] pairs, one per slice");
        }
        if (volumeCount == 1 && node.size() != sliceCount) {
            throw new InvalidSpecException(path + ": " + node.size() + " positions for " + sliceCount
                    + " slices; give exactly one [row, col] per slice, in the order of dataset.slices");
        }
        if ((long) volumeCount * sliceCount != node.size()) {
            throw new InvalidSpecException(path + ": " + node.size() + " positions for " + volumeCount
                    + " volumes x " + sliceCount + " slices; give exactly one [row, col] per (volume, slice), "
                    + "volume by volume (all of dataset.slices of volumes[0], then of volumes[1], ...), or a seed");
        }
        List<List<Integer>> positions = new ArrayList<>(node.size());
        for (int p = 0; p < node.size(); p++) {
            String at = path + "[" + p + "]";
            JsonNode pair = node.get(p);
            if (!pair.isArray() || pair.size() != 2) {
                throw new InvalidSpecException(at + ": expected a [row, col] pair of integers, got " + show(pair));
            }
            long row = integer(pair.get(0), at + "[0]");
            long col = integer(pair.get(1), at + "[1]");
            if (row < 0 || col < 0 || row > Integer.MAX_VALUE || col > Integer.MAX_VALUE) {
                throw new InvalidSpecException(at + ": row and column must be >= 0, got [" + row + ", " + col
                        + "]");
            }
            positions.add(List.of((int) row, (int) col));
        }
        return List.copyOf(positions);
    }

    private static ExperimentSpec.Reconstruction reconstruction(JsonNode node) {
        requireObject(node, "reconstruction");
        checkFields(node, "reconstruction", RECONSTRUCTION_FIELDS);
        String mode = DEFAULT_MODE;
        if (field(node, "mode") != null) {
            mode = text(field(node, "mode"), "reconstruction.mode");
            if (!MODES.contains(mode)) {
                throw new InvalidSpecException("reconstruction.mode: unknown mode '" + mode + "'; supported: "
                        + String.join(", ", MODES));
            }
        }
        String reconstructor = text(required(node, "reconstruction", "reconstructor"),
                "reconstruction.reconstructor");
        if (MODEL_RECONSTRUCTOR.matcher(reconstructor).matches()) {
            if (field(node, "sigmas") != null) {
                throw new InvalidSpecException("reconstruction.sigmas: a model reconstructor ('" + reconstructor
                        + "') takes no sigma; remove the field");
            }
            return new ExperimentSpec.Reconstruction(mode, reconstructor, MODEL_SIGMAS);
        }
        if (!RECONSTRUCTORS.contains(reconstructor)) {
            throw new InvalidSpecException("reconstruction.reconstructor: unknown reconstructor '" + reconstructor
                    + "'; supported: " + String.join(", ", RECONSTRUCTORS) + ", onnx:<model name>");
        }
        List<Double> sigmas = sigmas(required(node, "reconstruction", "sigmas"), "reconstruction.sigmas");
        return new ExperimentSpec.Reconstruction(mode, reconstructor, sigmas);
    }

    /** gaussian-blur's sigmas, each {@code >= 0}. */
    static List<Double> sigmas(JsonNode node, String path) {
        List<Double> sigmas = numbers(node, path);
        for (int i = 0; i < sigmas.size(); i++) {
            if (sigmas.get(i) < 0) {
                throw new InvalidSpecException(path + "[" + i + "]: sigma must be >= 0, got " + sigmas.get(i));
            }
        }
        return sigmas;
    }

    private static List<String> metrics(JsonNode node) {
        if (!node.isArray()) {
            throw new InvalidSpecException("metrics: expected a list of metric names, e.g. [\"ap\"]");
        }
        if (node.isEmpty()) {
            throw new InvalidSpecException("metrics: must not be empty; supported: " + String.join(", ", METRICS));
        }
        List<String> metrics = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String metric = text(node.get(i), "metrics[" + i + "]");
            if (!METRICS.contains(metric)) {
                throw new InvalidSpecException("metrics[" + i + "]: unknown metric '" + metric + "'; supported: "
                        + String.join(", ", METRICS));
            }
            if (metrics.contains(metric)) {
                throw new InvalidSpecException("metrics: '" + metric + "' is listed twice");
            }
            metrics.add(metric);
        }
        return List.copyOf(metrics);
    }

    /** A non-empty list of finite numbers, written out or as {@code {"linspace": [start, stop, num]}}. */
    private static List<Double> numbers(JsonNode node, String path) {
        List<Double> values = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                values.add(number(node.get(i), path + "[" + i + "]"));
            }
        } else if (node.isObject() && node.size() == 1 && node.has("linspace")) {
            for (double v : linspace(node.get("linspace"), path + ".linspace")) {
                values.add(v);
            }
        } else {
            throw new InvalidSpecException(expected(node, path, NUMBER_LIST, List.of("linspace")));
        }
        checkSize(values.size(), path);
        return List.copyOf(values);
    }

    /** {@code [start, stop, num]} expanded with numpy's semantics ({@link Sequences#linspace}). */
    private static double[] linspace(JsonNode args, String path) {
        if (args == null || !args.isArray() || args.size() != 3) {
            throw new InvalidSpecException(path + ": expected [start, stop, num], e.g. [0, 1, 100]");
        }
        double start = number(args.get(0), path + "[0] (start)");
        double stop = number(args.get(1), path + "[1] (stop)");
        long num = integer(args.get(2), path + "[2] (num)");
        if (num < 0 || num > MAX_VALUES) {
            throw new InvalidSpecException(path + "[2] (num): must be 0 to " + MAX_VALUES + ", got " + num);
        }
        return Sequences.linspace(start, stop, (int) num);
    }

    private static void checkSize(int size, String path) {
        if (size == 0) {
            throw new InvalidSpecException(path + ": must not be empty");
        }
        if (size > MAX_VALUES) {
            throw new InvalidSpecException(path + ": at most " + MAX_VALUES + " values, got " + size);
        }
    }

    /** The message for a value of the wrong shape; an object with a misspelt generator key names that key. */
    private static String expected(JsonNode node, String path, String what, List<String> generators) {
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String key = names.next();
                if (!generators.contains(key)) {
                    return "unknown field '" + path + "." + key + "'; " + path + ": expected " + what;
                }
            }
        }
        return path + ": expected " + what;
    }
}
