package io.blindspot.scoring.rest;

import io.blindspot.contracts.events.Aggregations;
import io.blindspot.scoring.domain.Cell;
import io.blindspot.scoring.domain.Curve;
import io.blindspot.scoring.domain.GridMatch;
import io.blindspot.scoring.domain.IntensityHistogram;
import io.blindspot.scoring.plot.CurveChart;
import io.blindspot.scoring.plot.Figure;
import io.blindspot.scoring.plot.HeatmapFigure;
import io.blindspot.scoring.plot.MetricScale;
import io.blindspot.scoring.service.BrainHistograms;
import io.blindspot.scoring.service.Experiments;
import io.blindspot.scoring.service.Ids;
import io.blindspot.scoring.service.InvalidRequestException;
import io.blindspot.scoring.service.LoadedExperiment;
import io.blindspot.scoring.service.NotReadyException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;

/**
 * The figures of one experiment, as PNG or SVG: the paper's heatmap with the brain-intensity histogram beside it,
 * the AP curve with its 95% band (optionally matched to an experiment-1 reference), and the numbers behind them.
 */
@Path("/api/experiments")
public class ExperimentFigureResource {
    private final Experiments figures;
    private final BrainHistograms histograms;

    public ExperimentFigureResource(Experiments figures, BrainHistograms histograms) {
        this.figures = figures;
        this.histograms = histograms;
    }

    /**
     * The paper's heatmap (cells still running are light grey) and, beside it, the histogram of the slices'
     * brain intensities. A texture experiment is drawn as one row labelled with its type. Any metric and
     * aggregation of the spec: the colour bar names them and spans the metric's range ({@link MetricScale}).
     */
    @GET
    @Path("/{id}/heatmap.{format:png|svg}")
    @Produces({Figure.PNG, Figure.SVG, MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", ref = "Figure")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NoSuchExperiment")
    @APIResponse(responseCode = "409", ref = "NotReady")
    public Response heatmap(@PathParam("id") String id, @PathParam("format") String format,
            @Parameter(ref = "Metric") @QueryParam("metric") String metric,
            @Parameter(ref = "Aggregation") @QueryParam("aggregation") String aggregation) {
        LoadedExperiment e = load(figures, id, metric, aggregation);
        IntensityHistogram histogram = histograms.of(e);
        double[][] ap = e.apGrid();
        String title = e.name() + qualifier(metric, aggregation);
        MetricScale scale = MetricScale.of(metric, aggregation);
        Figure figure = e.texture()
                ? HeatmapFigure.texture(title, e.anomalyType(), e.record().sigmas(), ap[0], histogram, scale)
                : HeatmapFigure.grid(title, e.record().intensities(), e.record().sigmas(), ap, histogram, scale);
        return image(figure, format);
    }

    /**
     * The experiment with the cells of {@code ?metric=} under {@code ?aggregation=} (both checked against its
     * spec: 400 otherwise; 409 while a cross-slice aggregation is not stored yet). The slice mean of AP, the
     * default, is read as before any metric existed; the slice mean is always available (it is the per-slice
     * rows' mean), whatever the spec's aggregation list.
     */
    static LoadedExperiment load(Experiments figures, String id, String metric, String aggregation) {
        boolean sliceMean = aggregation == null || aggregation.isEmpty()
                || Aggregations.SLICE_MEAN.equals(aggregation);
        if (sliceMean) {
            return metric == null || metric.isEmpty() ? figures.load(id) : figures.load(id, metric);
        }
        return figures.load(id, metric, aggregation);
    }

    /** " · auroc", " · auroc · pooled": what a figure's title adds to the experiment's name (nothing for AP). */
    static String qualifier(String metric, String aggregation) {
        String q = metric == null || metric.isEmpty() || Experiments.METRIC.equals(metric) ? "" : " · " + metric;
        return aggregation == null || aggregation.isEmpty() || Aggregations.SLICE_MEAN.equals(aggregation) ? q
                : q + " · " + aggregation;
    }

    /**
     * The chance level of {@code metric} along a curve, drawn as a dotted line: AP's is the mean prevalence of the
     * curve's cells under slice-mean (a random score's expected AP per slice; pooled, it would be total label
     * over total pixels, which the cells do not carry: no line), the normalised AP's 0, AUROC's 0.5; none for
     * the others.
     */
    static List<CurveChart.Level> chance(String metric, String aggregation, List<Cell> cells) {
        String m = metric == null || metric.isEmpty() ? Experiments.METRIC : metric;
        boolean sliceMean = aggregation == null || aggregation.isEmpty()
                || Aggregations.SLICE_MEAN.equals(aggregation);
        double prevalence = Double.NaN;
        if (sliceMean) {
            double sum = 0;
            int n = 0;
            for (Cell c : cells) {
                if (c.prevalence() != null) {
                    sum += c.prevalence();
                    n++;
                }
            }
            prevalence = n == 0 ? Double.NaN : sum / n;
        }
        double level = AuditResource.chanceLevel(m, prevalence);
        if (Double.isNaN(level)) {
            return List.of();
        }
        return List.of(new CurveChart.Level(level, "chance " + Html.num(level)
                + (Experiments.METRIC.equals(m) ? " (lesion prevalence)" : ""), true));
    }

    /** The histogram of the slices' brain intensities (pixels > 0) with its quantiles. */
    @GET
    @Path("/{id}/histogram")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The histogram of the slices' brain intensities",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FigureViews.Histogram.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NoSuchExperiment")
    @APIResponse(responseCode = "409", ref = "NotReady")
    public FigureViews.Histogram histogram(@PathParam("id") String id) {
        LoadedExperiment e = figures.load(id);
        IntensityHistogram histogram = histograms.of(e);
        if (histogram == null) {
            throw new NotReadyException("no slice image of experiment " + id + " is stored yet");
        }
        return FigureViews.Histogram.of(e.id(), histogram);
    }

    /**
     * The experiment's curve with its 95% band: AP vs intensity (a disk experiment; at sigma {@code sigma-index},
     * default 0) or AP vs sigma (a texture). With {@code reference}, the matched experiment-1 column or row is
     * drawn dashed; a match that cannot be made yet (a running experiment) is left out rather than failing.
     * {@code ?metric=} / {@code ?aggregation=} draw that metric (the reference's grid of the same) with its
     * chance level dotted.
     */
    @GET
    @Path("/{id}/curve.{format:png|svg}")
    @Produces({Figure.PNG, Figure.SVG, MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", ref = "Figure")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NoSuchExperiment")
    @APIResponse(responseCode = "409", ref = "NotReady")
    public Response curve(@PathParam("id") String id, @PathParam("format") String format,
                          @QueryParam("reference") String referenceId,
                          @QueryParam("sigma-index") Integer sigmaIndex,
                          @Parameter(ref = "Metric") @QueryParam("metric") String metric,
                          @Parameter(ref = "Aggregation") @QueryParam("aggregation") String aggregation) {
        LoadedExperiment e = load(figures, id, metric, aggregation);
        Curve curve = figures.curve(e, sigmaIndex);
        CurveChart.Matched matched = null;
        if (referenceId != null && !referenceId.isBlank()) {
            // the reference's grid of the same metric and aggregation: a curve is matched like with like
            LoadedExperiment reference = load(figures, referenceId, metric, aggregation);
            try {
                matched = FigureLabels.matched(reference, curve, figures.match(e, curve, reference));
            } catch (GridMatch.IncompleteException notYet) {
                matched = null;
            }
        }
        String title = e.name() + (e.texture() ? "" : sigmaTitle(e, curve, sigmaIndex)) + qualifier(metric, aggregation);
        Figure figure = Figure.of(CurveChart.chart(title, curve.along(),
                List.of(new CurveChart.Series(e.name(), curve, matched)), MetricScale.of(metric, aggregation),
                chance(metric, aggregation, FiguresResource.curveCells(e, sigmaIndex))), CurveChart.WIDTH,
                CurveChart.HEIGHT);
        return image(figure, format);
    }

    /**
     * The closest experiment-1 sigma column (a curve along intensity) or intensity row (a texture's curve along
     * sigma), by sum of absolute differences. 409 while either experiment is incomplete.
     */
    @GET
    @Path("/{id}/match")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The closest experiment-1 sigma column or intensity row",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FigureViews.Match.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NoSuchExperiment")
    @APIResponse(responseCode = "409", ref = "NotReady")
    public FigureViews.Match match(@PathParam("id") String id, @QueryParam("reference") String referenceId,
                                   @QueryParam("sigma-index") Integer sigmaIndex,
                                   @Parameter(ref = "Metric") @QueryParam("metric") String metric,
                                   @Parameter(ref = "Aggregation") @QueryParam("aggregation") String aggregation) {
        if (referenceId == null || referenceId.isBlank()) {
            throw new InvalidRequestException("reference=EXPERIMENT_ID (an experiment-1 grid) is required");
        }
        Ids.experiment(id); // both ids are checked before either is looked up: a malformed one is a 400
        Ids.experiment(referenceId);
        LoadedExperiment e = load(figures, id, metric, aggregation);
        LoadedExperiment reference = load(figures, referenceId, metric, aggregation);
        Curve curve = figures.curve(e, sigmaIndex);
        GridMatch m = figures.match(e, curve, reference);
        return FigureViews.Match.of(e.id(), reference.id(), curve, m);
    }

    /** " (σ = 0.5)" when the experiment has several sigmas, so the chosen column is named. */
    private static String sigmaTitle(LoadedExperiment e, Curve curve, Integer sigmaIndex) {
        double[] sigmas = e.record().sigmas();
        if (sigmas.length <= 1) {
            return "";
        }
        int k = sigmaIndex == null ? 0 : sigmaIndex;
        return " (σ = " + FigureLabels.short3(sigmas[k]) + ")";
    }

    static Response image(Figure figure, String format) {
        return Response.ok(figure.encode(format), Figure.mediaType(format))
                // Figures of a running experiment change; the page reloads them.
                .header("Cache-Control", "no-cache")
                .build();
    }
}
