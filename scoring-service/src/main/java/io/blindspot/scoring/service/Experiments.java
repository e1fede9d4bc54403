package io.blindspot.scoring.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.contracts.events.Aggregations;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.Metrics;
import io.blindspot.scoring.domain.AggregateRow;
import io.blindspot.scoring.domain.AggregatedCell;
import io.blindspot.scoring.domain.Cell;
import io.blindspot.scoring.domain.ConfidenceBand;
import io.blindspot.scoring.domain.CrossSliceAggregates;
import io.blindspot.scoring.domain.Curve;
import io.blindspot.scoring.domain.ExperimentRecord;
import io.blindspot.scoring.domain.GridMatch;
import io.blindspot.scoring.domain.SliceResult;
import io.blindspot.scoring.domain.port.AggregateStore;
import io.blindspot.scoring.domain.port.ExperimentStore;
import io.blindspot.scoring.domain.port.ResultStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** The aggregation stage's values and trigger (issue 14); null in tests of the read side alone. */
    private final AggregateStore aggregates;
    private final AggregationStage stage;

    public Experiments(ExperimentStore experiments, ResultStore results, StatusReports statuses,
                       ObjectMapper mapper) {
        this(experiments, results, statuses, mapper, null, null);
    }

    @Inject
    public Experiments(ExperimentStore experiments, ResultStore results, StatusReports statuses,
                       ObjectMapper mapper, AggregateStore aggregates, AggregationStage stage) {
        this.experiments = experiments;
        this.results = results;
        this.statuses = statuses;
        this.mapper = mapper;
        this.aggregates = aggregates;
        this.stage = stage;
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
        if (Metrics.DICE_AT_NORMAL_Q99.equals(metric)) {
            // its threshold pools every normal slice: the aggregation stage writes its per-slice rows at the end
            requireAggregated(e, "metric '" + metric + "'");
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
     * Image-level metrics come from the slice scores (ImageMetrics), slice-mean from the per-slice rows, the others
     * from the aggregation stage ({@link #aggregatedCells}).
     */
    public List<Cell> cells(ExperimentRecord e, String metric, String aggregation) {
        if (Metrics.IMAGE_LEVEL.contains(metric)) {
            // One value per cell over the image-level test set, from the slice scores (ImageMetrics).
            return imageMetrics.cells(e, spec(e), metric, aggregation);
        }
        if (Aggregations.SLICE_MEAN.equals(aggregation)) {
            return cells(e, metric);
        }
        return aggregatedCells(e, metric, aggregation).stream().map(AggregatedCell::cell).toList();
    }

    /**
     * The cells of {@code metric} under {@code aggregation} (both checked) with their intervals: slice-mean from the
     * per-slice rows (t-interval over slices; the percentile bootstrap of {@code evaluation.bootstrap} over slices,
     * or over volumes with unit volume, computed here), the others as the aggregation stage stored them
     * ({@link AggregationStage}).
     *
     * @throws InvalidRequestException (400) for {@code aupro-0.3} under a pooled aggregation (it has no pooled form)
     * @throws NotReadyException       (409) while the stage has not stored its values, saying how far the experiment
     *                                 is; or when the stage failed, saying why
     */
    public List<AggregatedCell> aggregatedCells(ExperimentRecord e, String metric, String aggregation) {
        ExperimentSpec spec = spec(e);
        if (Metrics.IMAGE_LEVEL.contains(metric)) {
            // The image-level test set's value per cell (ImageMetrics); no interval.
            return imageMetrics.cells(e, spec, metric, aggregation).stream()
                    .map(c -> new AggregatedCell(aggregation, c, null, null, null, null)).toList();
        }
        if (Aggregations.SLICE_MEAN.equals(aggregation)) {
            return sliceMeanCells(e, spec, metric);
        }
        // the stage's rows first: while it runs this answers 409 without reading the per-slice rows (300,000 on
        // the paper's grid, read on every poll otherwise: CPU and heap the stage itself needs)
        List<AggregateRow> staged = aggregateRows(e, metric, aggregation);
        List<Cell> sliceMean = cells(e, metric);
        Map<Long, Cell> byCell = new HashMap<>();
        for (Cell c : sliceMean) {
            byCell.put(key(c.intensityIndex(), c.sigmaIndex()), c);
        }
        List<AggregatedCell> out = new ArrayList<>();
        for (AggregateRow r : staged) {
            if (r.volume() != CrossSliceAggregates.ALL_VOLUMES) {
                continue;
            }
            Cell reference = byCell.get(key(r.intensityIndex(), r.sigmaIndex()));
            Cell cell = new Cell(r.intensityIndex(), r.sigmaIndex(), intensity(e, r.intensityIndex()),
                    e.sigmas()[r.sigmaIndex()], r.value(), r.std(), r.n(),
                    reference == null ? Double.NaN : reference.meanResidual());
            out.add(new AggregatedCell(aggregation, cell, r.ciLow(), r.ciHigh(), r.bootLow(), r.bootHigh()));
        }
        return out;
    }

    /**
     * Every stored value of {@code metric} under a staged {@code aggregation} (both checked): the cells' values
     * (volume {@link CrossSliceAggregates#ALL_VOLUMES}) and, for volume-mean, each volume's, ordered by intensity
     * index, sigma index, volume.
     *
     * @throws InvalidRequestException for slice-mean (its values are the per-slice rows) or a metric that does not
     *                                 pool
     * @throws NotReadyException       while the stage has not stored its values, or when it failed
     */
    public List<AggregateRow> aggregateRows(ExperimentRecord e, String metric, String aggregation) {
        if (Aggregations.SLICE_MEAN.equals(aggregation)) {
            throw new InvalidRequestException("slice-mean's values are the per-slice rows (no aggregation=)");
        }
        if (!CrossSliceAggregates.POOLABLE.contains(metric) && !Metrics.DICE_AT_NORMAL_Q99.equals(metric)) {
            throw new InvalidRequestException("metric '" + metric + "' has no " + aggregation + " form (a mean over "
                    + "one map's regions does not pool); " + aggregation + " offers: "
                    + String.join(", ", CrossSliceAggregates.POOLABLE));
        }
        requireAggregated(e, "aggregation '" + aggregation + "'");
        return aggregates.rows(e.id(), aggregation, metric);
    }

    /**
     * @throws NotReadyException (409) while the aggregation stage has not stored its values (saying how far the
     *                           experiment is; a complete one is triggered again), or when it failed (saying why)
     */
    private void requireAggregated(ExperimentRecord e, String what) {
        if (aggregates == null) {
            throw new NotReadyException(what + " is not available in this instance");
        }
        Optional<io.blindspot.scoring.domain.port.AggregateStore.Run> run = aggregates.run(e.id());
        if (run.isEmpty()) {
            StatusReports.Report report = statuses.of(e);
            boolean complete = report.done() >= e.expected();
            if (complete && stage != null) {
                stage.trigger(e.id());       // a restart or another replica may have missed the trigger
            }
            throw new NotReadyException(what + " of experiment " + e.id()
                    + " is not computed yet: " + report.done() + " of " + e.expected() + " per-slice values stored"
                    + (complete ? "; the aggregation stage is running" : "; it runs once all are in")
                    + "; try again later");
        }
        if (run.get().error() != null) {
            throw new NotReadyException("the aggregation stage of experiment " + e.id() + " failed: "
                    + run.get().error());
        }
    }

    private List<AggregatedCell> sliceMeanCells(ExperimentRecord e, ExperimentSpec spec, String metric) {
        List<SliceResult> rows = sliceResults(e, metric);
        List<Cell> cells = Cell.aggregate(rows);
        CrossSliceAggregates.Bootstrap bootstrap = AggregationStage.bootstrap(spec);
        Map<Long, List<SliceResult>> perCell = new HashMap<>();
        if (bootstrap.resamples() > 0) {
            for (SliceResult r : rows) {
                perCell.computeIfAbsent(key(r.intensityIndex(), r.sigmaIndex()), k -> new ArrayList<>()).add(r);
            }
        }
        List<AggregatedCell> out = new ArrayList<>(cells.size());
        for (Cell c : cells) {
            ConfidenceBand.Interval ci = ConfidenceBand.of(c.apMean(), c.apStd(), c.n());
            double[] boot = null;
            if (bootstrap.resamples() > 0) {
                boot = CrossSliceAggregates.sliceMeanBootstrap(perCell.get(key(c.intensityIndex(), c.sigmaIndex())),
                        bootstrap);
            }
            out.add(new AggregatedCell(Aggregations.SLICE_MEAN, c, ci == null ? null : ci.low(),
                    ci == null ? null : ci.high(), boot == null ? null : boot[0], boot == null ? null : boot[1]));
        }
        return out;
    }

    private static long key(int intensityIndex, int sigmaIndex) {
        return ((long) intensityIndex << 32) | (sigmaIndex & 0xffffffffL);
    }

    private static Double intensity(ExperimentRecord e, int index) {
        return e.intensities().length == 0 ? null : e.intensities()[index];
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
