package io.blindspot.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * An experiment as accepted by the ingest-service: the user's spec with every list resolved
 * ({@code {"linspace": [...]}} expanded) and every default filled in. Names are the spec's own.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentSpec(String name, Dataset dataset, Anomaly anomaly, Reconstruction reconstruction,
                             List<String> metrics, AuditRef audit, List<String> aggregation,
                             Evaluation evaluation) {

    public ExperimentSpec(String name, Dataset dataset, Anomaly anomaly, Reconstruction reconstruction,
                          List<String> metrics) {
        this(name, dataset, anomaly, reconstruction, metrics, null);
    }

    public ExperimentSpec(String name, Dataset dataset, Anomaly anomaly, Reconstruction reconstruction,
                          List<String> metrics, AuditRef audit) {
        this(name, dataset, anomaly, reconstruction, metrics, audit, null, null);
    }

    /**
     * How cross-slice values are formed (beyond the paper): the percentile bootstrap of every aggregation and the
     * slice score of the image-level metrics. Null = no bootstrap, the default slice score.
     *
     * @param bootstrap  the percentile bootstrap interval beside the t-interval; null = none
     * @param imageScore the slice score {@code auroc-image} and {@code ap-image} rank slices by: {@code mean},
     *                   {@code max} or {@code top-k} (the mean of the slice's k largest residuals)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Evaluation(Bootstrap bootstrap, @JsonProperty("image-score") String imageScore) {
    }

    /**
     * @param resamples resamples drawn (1,000 by default)
     * @param seed      the resampling's seed
     * @param unit      what is resampled: {@code slice} or {@code volume}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Bootstrap(Integer resamples, Long seed, String unit) {
    }

    /**
     * Marks an experiment as one of the three a blind-spot audit submits together (beyond the paper); null for
     * an ordinary experiment.
     *
     * @param id        the audit's id (a UUID), shared by its three experiments
     * @param role      {@link #REFERENCE} (experiment 1 on the same data: the grid curves are matched to),
     *                  {@code normal-rec} or {@code anomal-rec} (experiment 3 with the model)
     * @param model     the audited model's registered name
     * @param threshold       the value below which an intensity counts as inside the blind spot, on
     *                        {@code thresholdMetric} (AP, 0.5 by default); 0 and unused with {@code timesChance}
     * @param thresholdMetric the metric the threshold is on (issue 14): any per-slice metric of
     *                        {@link Metrics#ALL}; null (older audits, a plain number) = {@code ap}
     * @param timesChance     blind where AP &lt; timesChance × the cell's chance level (its slices' mean lesion
     *                        prevalence, AP's expected value for a random score); null = a fixed threshold
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AuditRef(String id, String role, String model, double threshold,
                           @JsonProperty("threshold-metric") String thresholdMetric,
                           @JsonProperty("times-chance") Double timesChance) {
        public static final String REFERENCE = "reference";

        /** A fixed threshold on AP (the audits of before issue 14). */
        public AuditRef(String id, String role, String model, double threshold) {
            this(id, role, model, threshold, null, null);
        }

        /** The metric the blind spot is judged on: {@code thresholdMetric}, or {@code ap}. */
        public String metricOrAp() {
            return thresholdMetric == null ? Metrics.AP : thresholdMetric;
        }
    }

    /**
     * The slices an experiment uses: {@code slices} along {@code axis} of every volume in {@code volumes}.
     *
     * @param source        {@code sample:NAME}, {@code upload:ID} or {@code store:KEY}: the one volume of a
     *                      one-volume dataset; null when there are several (then only {@code volumes} names them)
     * @param axis          the volume axis slices are taken along (slice z of axis 2 is {@code volume[:, :, z]})
     * @param preprocessing what ingest applied to each normalised slice before synth saw it: {@code none}, or
     *                      {@code equalize-hist} (the paper's equalised experiment 1); absent in older events = none
     * @param volumes       every volume's source, in order (a slice's {@link SliceRef#volume()} indexes this list);
     *                      for a one-volume dataset {@code [source]}, also when an older event has no such field
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dataset(String source, int axis, List<Integer> slices, String preprocessing, List<String> volumes) {
        public static final String NO_PREPROCESSING = "none";

        public Dataset {
            preprocessing = preprocessing == null ? NO_PREPROCESSING : preprocessing;
            if (volumes == null || volumes.isEmpty()) {
                volumes = source == null ? List.of() : List.of(source);
            } else {
                volumes = List.copyOf(volumes);
                if (volumes.size() == 1 && source == null) {
                    source = volumes.get(0);
                } else if (volumes.size() > 1) {
                    source = null;
                }
            }
        }

        public Dataset(String source, int axis, List<Integer> slices, String preprocessing) {
            this(source, axis, slices, preprocessing, null);
        }

        public Dataset(String source, int axis, List<Integer> slices) {
            this(source, axis, slices, NO_PREPROCESSING);
        }

        /** A dataset of several volumes (one volume gives the same as the one-volume constructors). */
        public static Dataset ofVolumes(List<String> volumes, int axis, List<Integer> slices, String preprocessing) {
            return new Dataset(null, axis, slices, preprocessing, volumes);
        }

        public Dataset withPreprocessing(String name) {
            return new Dataset(source, axis, slices, name, volumes);
        }

        /** Number of volumes: slices are taken from each. */
        public int volumeCount() {
            return volumes.size();
        }
    }

    /**
     * @param type        one of {@link AnomalyTypes#ALL}
     * @param intensities the disk's intensities; null for a texture (its one variant has no intensity)
     * @param positions   one [row, col] centre per (volume, slice), volume-major: all of {@code dataset.slices} of
     *                    volume 0, then of volume 1, ...; null when seeded
     * @param seed        draws each slice's centre uniformly over its brain pixels; null when a disk's positions
     *                    are given. A texture always has one (default 0): it also seeds pixel-shuffle's permutation
     * @param normalFraction the share of lesion-free slices in the test set of the image-level metrics (beyond the
     *                    paper); null = none
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Anomaly(String type, int radius, List<Double> intensities, List<List<Integer>> positions,
                          Long seed, @JsonProperty("normal-fraction") Double normalFraction) {

        public Anomaly(String type, int radius, List<Double> intensities, List<List<Integer>> positions, Long seed) {
            this(type, radius, intensities, positions, seed, null);
        }

        /** The largest {@link #normalFraction}: at most one lesion-free copy per slice ({@link #lesionFreeCount}). */
        public static final double MAX_NORMAL_FRACTION = 0.5;

        /**
         * How many lesion-free copies the image-level test set holds beside its {@code slices} anomalous slices
         * (every (volume, slice) of the spec): n = round(N·f / (1 − f)) (half up), so that n / (N + n) ≈ f; at
         * most N, since each slice has one lesion-free copy (its own normal slice), hence f ≤ 0.5. 0 without
         * {@link #normalFraction}.
         */
        public int lesionFreeCount(int slices) {
            if (normalFraction == null) {
                return 0;
            }
            double f = normalFraction;
            long n = (long) Math.floor(slices * f / (1.0 - f) + 0.5);
            return (int) Math.min(slices, Math.max(0, n));
        }

        /** Anomalous variants per slice: 1 for a texture, else {@code intensities.size()} (0 when null). */
        public int variantCount() {
            return AnomalyTypes.variantCount(type, intensities);
        }
    }

    /** @param mode {@code normal-rec} or {@code anomal-rec} */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Reconstruction(String mode, String reconstructor, List<Double> sigmas) {
    }

    /**
     * Number of per-slice metric values the experiment produces when complete: volumes × slices × variants
     * (intensities, or 1 for a texture) × sigmas × per-slice metrics ({@link Metrics#perSlice}: the cross-slice
     * ones are not per-slice rows).
     */
    public long expectedResults() {
        return (long) Math.max(1, dataset.volumeCount()) * dataset.slices().size() * anomaly.variantCount()
                * reconstruction.sigmas().size() * Metrics.perSlice(metrics).size();
    }

    /** The same experiment as one of an audit's three. */
    public ExperimentSpec withAudit(AuditRef auditRef) {
        return new ExperimentSpec(name, dataset, anomaly, reconstruction, metrics, auditRef, aggregation, evaluation);
    }
}
