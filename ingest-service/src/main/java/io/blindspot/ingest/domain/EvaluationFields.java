package io.blindspot.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.blindspot.contracts.events.Aggregations;
import io.blindspot.contracts.events.ExperimentSpec;

import java.util.ArrayList;
import java.util.List;

import static io.blindspot.ingest.domain.JsonFields.checkFields;
import static io.blindspot.ingest.domain.JsonFields.field;
import static io.blindspot.ingest.domain.JsonFields.integer;
import static io.blindspot.ingest.domain.JsonFields.text;

/**
 * The spec's top-level {@code "aggregation"} and {@code "evaluation"} (issue 14), read for {@link SpecParser}:
 *
 * <pre>
 *  "aggregation": ["slice-mean", "volume-mean", "pooled", "pooled-float16"]   optional; default ["slice-mean"]
 *  "evaluation": {"bootstrap": {"resamples": 1000,      optional, 1 to 100,000, default 1,000
 *                               "seed": 0,              optional, default 0
 *                               "unit": "slice"},       optional, slice | volume (needs two volumes), default slice
 *                 "image-score": "mean"}                optional, mean | max | top-k, default mean
 * </pre>
 *
 * Absent fields stay absent in the resolved spec (null: no bootstrap, slice-mean only), so a spec of before issue
 * 14 resolves to the same JSON as before. The pooled bootstrap recomputes a pooled value per resample and cell, so
 * its cost is bounded at submission ({@link #checkCost}).
 */
final class EvaluationFields {
    static final int DEFAULT_RESAMPLES = 1000;
    static final int MAX_RESAMPLES = 100_000;
    static final long DEFAULT_SEED = 0L;
    static final String SLICE = "slice";
    static final String VOLUME = "volume";
    static final List<String> UNITS = List.of(SLICE, VOLUME);
    static final List<String> IMAGE_SCORES = List.of("mean", "max", "top-k");
    static final String DEFAULT_IMAGE_SCORE = "mean";
    /**
     * The most slice draws a pooled bootstrap may cost: resamples × cells × drawn slices (each draw merges one
     * slice's threshold table, ~40,000 rows for a 181 × 217 slice, ~0.1–0.3 ms). 2,000,000 is minutes of one core
     * at worst; the paper's 100 × 100 grid on 30 slices would be 300,000,000 (days), so it is refused at submit.
     */
    static final long MAX_POOLED_BOOTSTRAP_DRAWS = 2_000_000L;

    private static final List<String> EVALUATION_FIELDS = List.of("bootstrap", "image-score");
    private static final List<String> BOOTSTRAP_FIELDS = List.of("resamples", "seed", "unit");

    private EvaluationFields() {
    }

    static List<String> aggregation(JsonNode node) {
        if (!node.isArray()) {
            throw new InvalidSpecException("aggregation: expected a list of aggregation names, e.g. [\"slice-mean\", "
                    + "\"pooled\"]");
        }
        if (node.isEmpty()) {
            throw new InvalidSpecException("aggregation: must not be empty; supported: "
                    + String.join(", ", Aggregations.ALL));
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String name = text(node.get(i), "aggregation[" + i + "]");
            if (!Aggregations.ALL.contains(name)) {
                throw new InvalidSpecException("aggregation[" + i + "]: unknown aggregation '" + name
                        + "'; supported: " + String.join(", ", Aggregations.ALL));
            }
            if (names.contains(name)) {
                throw new InvalidSpecException("aggregation: '" + name + "' is listed twice");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    static ExperimentSpec.Evaluation evaluation(JsonNode node, int volumes) {
        if (!node.isObject()) {
            throw new InvalidSpecException("evaluation: expected an object with the fields "
                    + String.join(", ", EVALUATION_FIELDS));
        }
        checkFields(node, "evaluation", EVALUATION_FIELDS);
        ExperimentSpec.Bootstrap bootstrap = field(node, "bootstrap") == null ? null
                : bootstrap(field(node, "bootstrap"), volumes);
        String imageScore = DEFAULT_IMAGE_SCORE;
        if (field(node, "image-score") != null) {
            imageScore = text(field(node, "image-score"), "evaluation.image-score");
            if (!IMAGE_SCORES.contains(imageScore)) {
                throw new InvalidSpecException("evaluation.image-score: unknown slice score '" + imageScore
                        + "'; supported: " + String.join(", ", IMAGE_SCORES));
            }
        }
        return new ExperimentSpec.Evaluation(bootstrap, imageScore);
    }

    private static ExperimentSpec.Bootstrap bootstrap(JsonNode node, int volumes) {
        String path = "evaluation.bootstrap";
        if (!node.isObject()) {
            throw new InvalidSpecException(path + ": expected an object with the fields "
                    + String.join(", ", BOOTSTRAP_FIELDS));
        }
        checkFields(node, path, BOOTSTRAP_FIELDS);
        long resamples = DEFAULT_RESAMPLES;
        if (field(node, "resamples") != null) {
            resamples = integer(field(node, "resamples"), path + ".resamples");
            if (resamples < 1 || resamples > MAX_RESAMPLES) {
                throw new InvalidSpecException(path + ".resamples: must be 1 to " + MAX_RESAMPLES + ", got "
                        + resamples);
            }
        }
        long seed = field(node, "seed") == null ? DEFAULT_SEED : integer(field(node, "seed"), path + ".seed");
        String unit = SLICE;
        if (field(node, "unit") != null) {
            unit = text(field(node, "unit"), path + ".unit");
            if (!UNITS.contains(unit)) {
                throw new InvalidSpecException(path + ".unit: unknown unit '" + unit + "'; supported: "
                        + String.join(", ", UNITS));
            }
        }
        if (VOLUME.equals(unit) && volumes < 2) {
            throw new InvalidSpecException(path + ".unit: 'volume' resamples volumes and needs at least two in "
                    + "dataset.volumes, got " + volumes);
        }
        return new ExperimentSpec.Bootstrap((int) resamples, seed, unit);
    }

    /**
     * Refuses a pooled bootstrap (aggregation {@code pooled} or {@code pooled-float16} with a bootstrap) whose
     * resamples × cells × slices exceed {@link #MAX_POOLED_BOOTSTRAP_DRAWS}, naming the cost and what to reduce.
     */
    static void checkCost(ExperimentSpec spec) {
        if (spec.evaluation() == null || spec.evaluation().bootstrap() == null || spec.aggregation() == null) {
            return;
        }
        long pooled = spec.aggregation().stream()
                .filter(a -> a.equals(Aggregations.POOLED) || a.equals(Aggregations.POOLED_FLOAT16)).count();
        if (pooled == 0) {
            return;
        }
        long cells = (long) spec.anomaly().variantCount() * spec.reconstruction().sigmas().size();
        long slices = (long) Math.max(1, spec.dataset().volumeCount()) * spec.dataset().slices().size();
        long draws = spec.evaluation().bootstrap().resamples() * cells * slices * pooled;
        if (draws > MAX_POOLED_BOOTSTRAP_DRAWS) {
            throw new InvalidSpecException("evaluation.bootstrap: a pooled bootstrap recomputes every pooled cell per "
                    + "resample: " + spec.evaluation().bootstrap().resamples() + " resamples × " + cells + " cells × "
                    + slices + " slices" + (pooled > 1 ? " × 2 pooled aggregations" : "") + " = " + draws
                    + " slice draws, above the limit of " + MAX_POOLED_BOOTSTRAP_DRAWS
                    + "; use fewer resamples, intensities or sigmas, or drop the pooled aggregations");
        }
    }
}
