package io.blindspot.scoring.figures;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.scoring.domain.Cell;
import io.blindspot.scoring.domain.Curve;
import io.blindspot.scoring.domain.GridMatch;
import io.blindspot.scoring.plot.CurveChart;
import io.blindspot.scoring.repository.ExperimentRecord;
import io.blindspot.scoring.repository.ExperimentRepository;
import io.blindspot.scoring.repository.ResultRepository;
import io.blindspot.scoring.rest.InvalidRequestException;
import io.blindspot.scoring.rest.UnknownExperimentException;
import io.blindspot.scoring.status.StatusReports;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.UUID;

/**
 * Loads experiments and turns them into the curves and matches the figures draw: the thin layer between the
 * repositories and the plain-Java {@link Curve} / {@link GridMatch}.
 */
@ApplicationScoped
public class ExperimentFigures {
    /** Only AP is plotted; other metrics stay in /cells and /results. */
    static final String METRIC = "ap";

    private final ExperimentRepository experiments;
    private final ResultRepository results;
    private final StatusReports statuses;
    private final ObjectMapper mapper;

    public ExperimentFigures(ExperimentRepository experiments, ResultRepository results,
                             StatusReports statuses, ObjectMapper mapper) {
        this.experiments = experiments;
        this.results = results;
        this.statuses = statuses;
        this.mapper = mapper;
    }

    /**
     * @throws UnknownExperimentException when no experiment has this id (404)
     * @throws io.blindspot.scoring.rest.InvalidRequestException when the id is not a UUID (400)
     */
    public LoadedExperiment load(String id) {
        UUID uuid = io.blindspot.scoring.rest.Ids.experiment(id);
        return load(experiments.find(uuid).orElseThrow(() -> new UnknownExperimentException(id)));
    }

    /** Cells, status and progress of a stored experiment. */
    public LoadedExperiment load(ExperimentRecord record) {
        StatusReports.Report report = statuses.of(record);
        return new LoadedExperiment(record, spec(record), Cell.aggregate(results.sliceResults(record.id(), METRIC)),
                report.status().label(), report.done());
    }

    /** Only the row, status and progress (the results page lists many experiments; cells are not needed). */
    public LoadedExperiment summary(ExperimentRecord record) {
        StatusReports.Report report = statuses.of(record);
        return new LoadedExperiment(record, spec(record), java.util.List.of(), report.status().label(),
                report.done());
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

    /** The dashed line of a match, along the curve's grid, labelled "REF σ = 1.26" or "REF intensity = 0.45". */
    public static CurveChart.Matched matched(LoadedExperiment reference, Curve curve, GridMatch match) {
        String symbol = Curve.SIGMA.equals(match.matchedBy()) ? "σ" : "intensity";
        return new CurveChart.Matched(reference.name() + " " + symbol + " = " + short3(match.value()) + " (matched)",
                curve.grid(), match.matched());
    }

    /** Three significant digits for labels: 1.26, 0.455, 0. */
    public static String short3(double value) {
        if (value == 0.0 || Double.isNaN(value) || Double.isInfinite(value)) {
            return value == 0.0 ? "0" : Double.toString(value);
        }
        return new BigDecimal(value).round(new MathContext(3, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                .toPlainString();
    }

    private ExperimentSpec spec(ExperimentRecord e) {
        try {
            return mapper.readValue(e.specJson(), ExperimentSpec.class);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("stored spec of " + e.id() + " is not an ExperimentSpec", ex);
        }
    }
}
