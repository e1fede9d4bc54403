package io.blindspot.scoring.rest;

import io.blindspot.scoring.domain.Curve;
import io.blindspot.scoring.domain.GridMatch;
import io.blindspot.scoring.domain.IntensityHistogram;
import io.blindspot.scoring.plot.CurveChart;
import io.blindspot.scoring.plot.Figure;
import io.blindspot.scoring.plot.HeatmapFigure;
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
     * brain intensities. A texture experiment is drawn as one row labelled with its type.
     */
    @GET
    @Path("/{id}/heatmap.{format:png|svg}")
    @Produces({Figure.PNG, Figure.SVG, MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", ref = "Figure")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NoSuchExperiment")
    public Response heatmap(@PathParam("id") String id, @PathParam("format") String format,
            @Parameter(description = "the metric drawn (one of the experiment's spec.metrics); its name is added to "
                    + "the title unless ap. 400 for an unknown metric or one the experiment did not compute",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"ap", "ap-normalised", "auroc",
                            "dice-best", "aupro-0.3", "auroc-image", "ap-image"}, defaultValue = "ap"))
            @QueryParam("metric") String metric) {
        LoadedExperiment e = metric == null || metric.isEmpty() ? figures.load(id) : figures.load(id, metric);
        IntensityHistogram histogram = histograms.of(e);
        double[][] ap = e.apGrid();
        String title = metric == null || metric.isEmpty() || Experiments.METRIC.equals(metric) ? e.name()
                : e.name() + " · " + metric;
        Figure figure = e.texture()
                ? HeatmapFigure.texture(title, e.anomalyType(), e.record().sigmas(), ap[0], histogram)
                : HeatmapFigure.grid(title, e.record().intensities(), e.record().sigmas(), ap, histogram);
        return image(figure, format);
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
     */
    @GET
    @Path("/{id}/curve.{format:png|svg}")
    @Produces({Figure.PNG, Figure.SVG, MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", ref = "Figure")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NoSuchExperiment")
    public Response curve(@PathParam("id") String id, @PathParam("format") String format,
                          @QueryParam("reference") String referenceId,
                          @QueryParam("sigma-index") Integer sigmaIndex) {
        LoadedExperiment e = figures.load(id);
        Curve curve = figures.curve(e, sigmaIndex);
        CurveChart.Matched matched = null;
        if (referenceId != null && !referenceId.isBlank()) {
            LoadedExperiment reference = figures.load(referenceId);
            try {
                matched = FigureLabels.matched(reference, curve, figures.match(e, curve, reference));
            } catch (GridMatch.IncompleteException notYet) {
                matched = null;
            }
        }
        String title = e.name() + (e.texture() ? "" : sigmaTitle(e, curve, sigmaIndex));
        Figure figure = Figure.of(CurveChart.chart(title, curve.along(),
                List.of(new CurveChart.Series(e.name(), curve, matched))), CurveChart.WIDTH, CurveChart.HEIGHT);
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
                                   @QueryParam("sigma-index") Integer sigmaIndex) {
        if (referenceId == null || referenceId.isBlank()) {
            throw new InvalidRequestException("reference=EXPERIMENT_ID (an experiment-1 grid) is required");
        }
        Ids.experiment(id); // both ids are checked before either is looked up: a malformed one is a 400
        Ids.experiment(referenceId);
        LoadedExperiment e = figures.load(id);
        LoadedExperiment reference = figures.load(referenceId);
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
