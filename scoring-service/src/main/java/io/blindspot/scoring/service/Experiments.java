package io.blindspot.scoring.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.contracts.events.Aggregations;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.Metrics;
import io.blindspot.scoring.domain.Cell;
import io.blindspot.scoring.domain.Curve;
import io.blindspot.scoring.domain.ExperimentRecord;
import io.blindspot.scoring.domain.GridMatch;
import io.blindspot.scoring.domain.SliceResult;
import io.blindspot.scoring.domain.port.ExperimentStore;
import io.blindspot.scoring.domain.port.ResultStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The read side of experiments, for the API, the figures, the results pages and the audits: the one place that
 * looks an experiment up by id, decodes its stored spec, reads its per-slice values and cells, and turns them into
 * the curves and matches the figures draw (plain-Java {@link Curve} / {@link GridMatch}).
 */
@ApplicationScoped
public class Experiments {
    /** The metric read and plotted when a request names none ({@link ResultRows#AP}). */
    public static final String METRIC = ResultRows.AP;

    private final ExperimentStore experiments;
    private final ResultStore results;
    private final StatusReports statuses;
    private final ObjectMapper mapper;
    /**
     * The image-level metrics' cells. Field-injected so that the constructor (used by tests that never ask for
     * them) stays as it is; null there.
     */
    @Inject
    ImageMetrics imageMetrics;

    public Experiments(ExperimentStore experiments, ResultStore results, StatusReports statuses,
                       ObjectMapper mapper) {
        this.experiments = experiments;
        this.results = results;
        this.statuses = statuses;
        this.mapper = mapper;
    }

    /**
     * The stored row of experiment {@code id}.
     *
     * @throws InvalidRequestException when the id is not a UUID (400)
     * @throws UnknownExperimentException when no experiment has this id (404)
     */
    public ExperimentRecord require(String id) {
        UUID uuid = Ids.experiment(id);
        return experiments.find(uuid).orElseThrow(() -> new UnknownExperimentException(id));
    }

    /** The stored spec, decoded. */
    public ExperimentSpec spec(ExperimentRecord e) {
        try {
            return mapper.readValue(e.specJson(), ExperimentSpec.class);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("stored spec of " + e.id() + " is not an ExperimentSpec", ex);
        }
    }

    /** Status, progress, errors and what it waits for ({@link StatusReports}). */
    public StatusReports.Report status(ExperimentRecord e) {
        return statuses.of(e);
    }

    /** Every per-slice AP, ordered by volume, slice, intensity index, sigma index. */
    public List<SliceResult> sliceResults(ExperimentRecord e) {
        return results.sliceResults(e.id(), METRIC);
    }

    /**
     * Every per-slice value of {@code metric} (checked by {@link #metric}), ordered as {@link #sliceResults}; the
     * record's {@code ap} component then holds that metric's value.
     */
    public List<SliceResult> sliceResults(ExperimentRecord e, String metric) {
        if (Metrics.IMAGE_LEVEL.contains(metric)) {
            throw new InvalidRequestException(metric + " has no per-slice values: it is one value per cell over the "
                    + "test set of slices; see /cells?metric=" + metric);
        }
        return results.sliceResults(e.id(), metric);
    }

    /** The grid so far: one cell per (intensity, sigma) with at least one slice scored. */
    public List<Cell> cells(ExperimentRecord e) {
        return Cell.aggregate(sliceResults(e));
    }

    /** {@link #cells(ExperimentRecord)} of {@code metric} (checked by {@link #metric}): its mean per cell. */
    public List<Cell> cells(ExperimentRecord e, String metric) {
        if (Metrics.IMAGE_LEVEL.contains(metric)) {
            return imageMetrics.cells(e, spec(e), metric, Aggregations.SLICE_MEAN);
        }
        return Cell.aggregate(sliceResults(e, metric));
    }

    /**
     * The metric a request asks for ({@code ?metric=}): {@link #METRIC} when absent or empty.
     *
     * @throws InvalidRequestException (400) when the name is none of {@link Metrics#ALL}, or the experiment's spec
     *                                 did not list it (its values were never computed)
     */
    public String metric(ExperimentRecord e, String requested) {
        if (requested == null || requested.isEmpty()) {
            requested = METRIC;
        }
        if (!Metrics.ALL.contains(requested)) {
            throw new InvalidRequestException("unknown metric '" + requested + "'; allowed: "
                    + String.join(", ", Metrics.ALL));
        }
        List<String> computed = Metrics.orDefault(spec(e).metrics());
        if (!computed.contains(requested)) {
            throw new InvalidRequestException("experiment " + e.id() + " did not compute metric '" + requested
                    + "' (its spec's metrics: " + String.join(", ", computed) + ")");
        }
        return requested;
    }

    /**
     * The aggregation a request asks for ({@code ?aggregation=}): {@link Aggregations#SLICE_MEAN} when absent or
     * empty.
     *
     * @throws InvalidRequestException (400) when the name is none of {@link Aggregations#ALL}, or the experiment's
     *                                 spec did not list it
     */
    public String aggregation(ExperimentRecord e, String requested) {
        if (requested == null || requested.isEmpty()) {
            requested = Aggregations.SLICE_MEAN;
        }
        if (!Aggregations.ALL.contains(requested)) {
            throw new InvalidRequestException("unknown aggregation '" + requested + "'; allowed: "
                    + String.join(", ", Aggregations.ALL));
        }
        List<String> computed = Aggregations.orDefault(spec(e).aggregation());
        if (!computed.contains(requested)) {
            throw new InvalidRequestException("experiment " + e.id() + " did not compute aggregation '" + requested
                    + "' (its spec's aggregation: " + String.join(", ", computed) + ")");
        }
        return requested;
    }

    /**
     * The cells of {@code metric} under {@code aggregation}, both checked ({@link #metric}, {@link #aggregation}).
     * Today only {@link Aggregations#SLICE_MEAN} is computed.
     */
    public List<Cell> cells(ExperimentRecord e, String metric, String aggregation) {
        if (Metrics.IMAGE_LEVEL.contains(metric)) {
            // One value per cell over the image-level test set, from the slice scores (ImageMetrics).
            return imageMetrics.cells(e, spec(e), metric, aggregation);
        }
        if (!Aggregations.SLICE_MEAN.equals(aggregation)) {
            throw new InvalidRequestException("aggregation '" + aggregation + "' is not computed yet");
        }
        return cells(e, metric);
    }

    /**
     * {@link #load(String, String)} under {@code ?aggregation=} as well: its {@code apGrid} then holds that
     * metric's values under that aggregation.
     */
    public LoadedExperiment load(String id, String metric, String aggregation) {
        ExperimentRecord record = require(id);
        String checkedMetric = metric(record, metric);
        String checkedAggregation = aggregation(record, aggregation);
        StatusReports.Report report = statuses.of(record);
        return new LoadedExperiment(record, spec(record), cells(record, checkedMetric, checkedAggregation),
                report.status().label(), report.done());
    }

    /**
     * @throws UnknownExperimentException when no experiment has this id (404)
     * @throws InvalidRequestException when the id is not a UUID (400)
     */
    public LoadedExperiment load(String id) {
        return load(require(id));
    }

    /** Cells, status and progress of a stored experiment. */
    public LoadedExperiment load(ExperimentRecord record) {
        StatusReports.Report report = statuses.of(record);
        return new LoadedExperiment(record, spec(record), cells(record), report.status().label(), report.done());
    }

    /**
     * {@link #load(String)} with the cells of {@code metric} ({@code ?metric=}, checked by {@link #metric}): its
     * {@code apGrid} then holds that metric's means.
     */
    public LoadedExperiment load(String id, String metric) {
        ExperimentRecord record = require(id);
        String checked = metric(record, metric);
        StatusReports.Report report = statuses.of(record);
        return new LoadedExperiment(record, spec(record), cells(record, checked), report.status().label(),
                report.done());
    }

    /** Only the row, status and progress (the results page lists many experiments; cells are not needed). */
    public LoadedExperiment summary(ExperimentRecord record) {
        StatusReports.Report report = statuses.of(record);
        return new LoadedExperiment(record, spec(record), List.of(), report.status().label(), report.done());
    }

    /** Every experiment, newest first, as {@link #summary}. */
    public List<LoadedExperiment> summaries() {
        List<LoadedExperiment> all = new ArrayList<>();
        for (ExperimentRecord r : experiments.list()) {
            all.add(summary(r));
        }
        return all;
    }

    /**
     * The experiment's curve: AP vs sigma for a texture; AP vs intensity at sigma {@code sigmaIndex} (default 0,
     * the one sigma of a model experiment) for a disk. {@code sigmaIndex} is ignored for a texture.
     *
     * @throws InvalidRequestException when the sigma index is outside the experiment's sigmas
     */
    public Curve curve(LoadedExperiment e, Integer sigmaIndex) {
        if (e.texture()) {
            return Curve.alongSigma(e.cells(), e.record().sigmas(), 0);
        }
        int k = sigmaIndex == null ? 0 : sigmaIndex;
        if (k < 0 || k >= e.record().sigmas().length) {
            throw new InvalidRequestException("sigma-index " + k + " is outside the experiment's "
                    + e.record().sigmas().length + " sigmas (0 to " + (e.record().sigmas().length - 1) + ")");
        }
        return Curve.alongIntensity(e.cells(), e.record().intensities(), k);
    }

    /**
     * Matches the curve to the reference's closest sigma column (a curve along intensity) or intensity row (along
     * sigma).
     *
     * @throws InvalidRequestException when the reference is not an intensity × sigma grid or spans another grid
     * @throws GridMatch.IncompleteException when the curve or the reference has a cell without value yet
     */
    public GridMatch match(LoadedExperiment experiment, Curve curve, LoadedExperiment reference) {
        if (reference.texture() || reference.record().intensities().length == 0
                || reference.record().sigmas().length == 0) {
            throw new InvalidRequestException("reference " + reference.id() + " (" + reference.name()
                    + ") is not an intensity × sigma grid (experiment 1)");
        }
        double[][] grid = reference.apGrid();
        try {
            if (Curve.INTENSITY.equals(curve.along())) {
                return GridMatch.closestSigmaColumn(curve.apByIndex(), curve.grid(),
                        reference.record().intensities(), reference.record().sigmas(), grid);
            }
            return GridMatch.closestIntensityRow(curve.apByIndex(), curve.grid(), reference.record().intensities(),
                    reference.record().sigmas(), grid);
        } catch (GridMatch.GridMismatchException e) {
            throw new InvalidRequestException(e.getMessage() + " (experiment " + experiment.id() + ", reference "
                    + reference.id() + ")");
        }
    }
}
