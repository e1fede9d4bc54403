package io.blindspot.scoring.rest;

import io.blindspot.contracts.events.Aggregations;
import io.blindspot.scoring.plot.MetricScale;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import io.blindspot.scoring.domain.Cell;
import io.blindspot.scoring.domain.Curve;
import io.blindspot.scoring.domain.ErrorVsAp;
import io.blindspot.scoring.domain.GridMatch;
import io.blindspot.scoring.plot.CurveChart;
import io.blindspot.scoring.plot.ErrorVsApChart;
import io.blindspot.scoring.plot.Figure;
import io.blindspot.scoring.service.Experiments;
import io.blindspot.scoring.service.InvalidRequestException;
import io.blindspot.scoring.service.LoadedExperiment;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * Figures over several experiments: Figure 1a / 3a (models, AP vs intensity) and Figure 2 (textures, AP vs
 * sigma) with every curve matched to an experiment-1 reference, and Figure 4b (reconstruction error vs AP).
 * Each as PNG, SVG, or JSON (no extension) with the numbers drawn.
 */
@Path("/api/figures")
public class FiguresResource {
    private final Experiments figures;

    public FiguresResource(Experiments figures) {
        this.figures = figures;
    }

    /** What both forms of the curves figure are built from. */
    private record CurvesData(String title, String along, LoadedExperiment reference, List<LoadedExperiment> experiments,
                              List<Curve> curves, List<GridMatch> matches, List<String> matchErrors,
                              FigureQuery query) {
    }

    @GET
    @Path("/curves.{format:png|svg}")
    @Produces({Figure.PNG, Figure.SVG, MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", ref = "Figure")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NoSuchExperiment")
    @APIResponse(responseCode = "409", ref = "NotReady")
    public Response curvesImage(@PathParam("format") String format, @QueryParam("experiments") String ids,
                                @QueryParam("reference") String reference, @QueryParam("title") String title,
                                @QueryParam("sigma-index") Integer sigmaIndex,
                                @Parameter(ref = "Metric") @QueryParam("metric") String metric,
                                @Parameter(ref = "Aggregation") @QueryParam("aggregation") String aggregation) {
        CurvesData data = curvesData(FigureQuery.of(ids, reference, title, sigmaIndex, metric, aggregation));
        List<CurveChart.Series> series = new ArrayList<>();
        for (int i = 0; i < data.experiments().size(); i++) {
            LoadedExperiment e = data.experiments().get(i);
            Curve curve = data.curves().get(i);
            GridMatch m = data.matches().get(i);
            series.add(new CurveChart.Series(e.name(), curve,
                    m == null ? null : FigureLabels.matched(data.reference(), curve, m)));
        }
        List<Cell> cells = new ArrayList<>();
        for (LoadedExperiment e : data.experiments()) {
            cells.addAll(curveCells(e, data.query().sigmaIndex()));
        }
        Figure figure = Figure.of(CurveChart.chart(data.title(), data.along(), series,
                MetricScale.of(data.query().metric(), data.query().aggregation()),
                ExperimentFigureResource.chance(data.query().metric(), data.query().aggregation(), cells)),
                CurveChart.WIDTH, CurveChart.HEIGHT);
        return ExperimentFigureResource.image(figure, format);
    }

    /** The curves and matches of the figure as JSON; a match not possible yet has matchError instead. */
    @GET
    @Path("/curves")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The curves and their matches",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FigureViews.Curves.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NoSuchExperiment")
    @APIResponse(responseCode = "409", ref = "NotReady")
    public FigureViews.Curves curves(@QueryParam("experiments") String ids, @QueryParam("reference") String reference,
                                     @QueryParam("title") String title,
                                     @QueryParam("sigma-index") Integer sigmaIndex,
                                     @Parameter(ref = "Metric") @QueryParam("metric") String metric,
                                     @Parameter(ref = "Aggregation") @QueryParam("aggregation") String aggregation) {
        FigureQuery query = FigureQuery.of(ids, reference, title, sigmaIndex, metric, aggregation);
        CurvesData data = curvesData(query);
        List<FigureViews.CurveEntry> entries = new ArrayList<>();
        for (int i = 0; i < data.experiments().size(); i++) {
            LoadedExperiment e = data.experiments().get(i);
            Curve curve = data.curves().get(i);
            GridMatch m = data.matches().get(i);
            entries.add(new FigureViews.CurveEntry(e.id(), e.name(), e.status(), curve.along(),
                    e.texture() ? null : query.sigma(), curve.points(),
                    m == null ? null : FigureViews.Match.of(e.id(), data.reference().id(), curve, m),
                    data.matchErrors().get(i)));
        }
        return new FigureViews.Curves(data.title(), data.along(),
                data.reference() == null ? null : data.reference().id(),
                query.metric() == null ? Experiments.METRIC : query.metric(),
                query.aggregation() == null ? Aggregations.SLICE_MEAN : query.aggregation(), entries);
    }

    @GET
    @Path("/error-vs-ap.{format:png|svg}")
    @Produces({Figure.PNG, Figure.SVG, MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", ref = "Figure")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NoSuchExperiment")
    public Response errorVsApImage(@PathParam("format") String format, @QueryParam("experiments") String ids,
                                   @QueryParam("title") String title, @QueryParam("sigma-index") Integer sigmaIndex) {
        FigureViews.ErrorVsAp data = errorVsAp(FigureQuery.of(ids, null, title, sigmaIndex));
        List<ErrorVsApChart.Point> points = new ArrayList<>();
        for (FigureViews.ErrorPoint p : data.points()) {
            if (p.meanResidual() != null && p.meanAp() != null) {
                points.add(new ErrorVsApChart.Point(p.reconstructor() == null ? p.name() : p.reconstructor(),
                        p.meanResidual(), p.meanAp()));
            }
        }
        return ExperimentFigureResource.image(Figure.of(ErrorVsApChart.chart(data.title(), points),
                ErrorVsApChart.WIDTH, ErrorVsApChart.HEIGHT), format);
    }

    /**
     * Figure 4b's numbers: per experiment, x = mean over its curve's cells of the cell's mean residual, y = mean
     * AP over the same cells (see {@link ErrorVsAp}).
     */
    @GET
    @Path("/error-vs-ap")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "Per experiment: mean residual and mean AP over its curve's cells",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FigureViews.ErrorVsAp.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NoSuchExperiment")
    public FigureViews.ErrorVsAp errorVsAp(@QueryParam("experiments") String ids, @QueryParam("title") String title,
                                           @QueryParam("sigma-index") Integer sigmaIndex) {
        return errorVsAp(FigureQuery.of(ids, null, title, sigmaIndex));
    }

    private FigureViews.ErrorVsAp errorVsAp(FigureQuery query) {
        List<FigureViews.ErrorPoint> points = new ArrayList<>();
        for (String id : query.experiments()) {
            LoadedExperiment e = figures.load(id);
            figures.curve(e, query.sigmaIndex()); // validates sigma-index
            ErrorVsAp point = ErrorVsAp.of(curveCells(e, query.sigmaIndex()));
            points.add(new FigureViews.ErrorPoint(e.id(), e.name(), e.reconstructor(), e.mode(),
                    FigureViews.orNull(point.meanResidual()), FigureViews.orNull(point.meanAp()), point.cells()));
        }
        return new FigureViews.ErrorVsAp(query.titleOr("Reconstruction error vs AP"),
                "x: mean over the curve's cells of the cell's mean residual |reconstruction - input| (each the mean "
                        + "over slices of a slice's mean); y: mean over the same cells of the mean AP",
                points);
    }

    /**
     * The cells a curve is drawn from: a texture's one row, or a disk experiment's sigma column
     * ({@code sigmaIndex}, default 0; already validated by {@link Experiments#curve}).
     */
    static List<Cell> curveCells(LoadedExperiment e, Integer sigmaIndex) {
        int k = sigmaIndex == null ? 0 : sigmaIndex;
        List<Cell> cells = new ArrayList<>();
        for (Cell c : e.cells()) {
            if (e.texture() ? c.intensityIndex() == 0 : c.sigmaIndex() == k) {
                cells.add(c);
            }
        }
        return cells;
    }

    private CurvesData curvesData(FigureQuery query) {
        List<LoadedExperiment> experiments = new ArrayList<>();
        List<Curve> curves = new ArrayList<>();
        for (String id : query.experiments()) {
            LoadedExperiment e = ExperimentFigureResource.load(figures, id, query.metric(), query.aggregation());
            experiments.add(e);
            curves.add(figures.curve(e, query.sigmaIndex()));
        }
        String along = curves.get(0).along();
        for (int i = 1; i < curves.size(); i++) {
            if (!curves.get(i).along().equals(along)) {
                throw new InvalidRequestException("experiment " + experiments.get(i).id() + " is a curve along "
                        + curves.get(i).along() + ", " + experiments.get(0).id() + " one along " + along
                        + "; one figure draws one kind (models: intensity, textures: sigma)");
            }
        }
        // the reference's grid of the same metric and aggregation: curves are matched like with like
        LoadedExperiment reference = query.reference() == null ? null
                : ExperimentFigureResource.load(figures, query.reference(), query.metric(), query.aggregation());
        List<GridMatch> matches = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < experiments.size(); i++) {
            GridMatch m = null;
            String error = null;
            if (reference != null) {
                try {
                    m = figures.match(experiments.get(i), curves.get(i), reference);
                } catch (GridMatch.IncompleteException notYet) {
                    error = notYet.getMessage();
                }
            }
            matches.add(m);
            errors.add(error);
        }
        String name = MetricScale.of(query.metric(), query.aggregation()).label();
        String heading = query.titleOr(Curve.SIGMA.equals(along) ? name + " vs σ" : name + " vs anomaly intensity");
        return new CurvesData(heading, along, reference, experiments, curves, matches, errors, query);
    }
}
