package io.blindspot.scoring.rest;

import io.blindspot.scoring.service.Experiments;
import io.blindspot.scoring.service.LoadedExperiment;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The results pages: every experiment with its progress and its figure, the audits, and one page per experiment.
 * Plain HTML ({@link Pages}' templates over {@link ResultsPage} and {@link ExperimentPage}) from this service's own
 * endpoints; a page reloads itself every 5 s while anything on it is running. Links are relative, so the pages also
 * work behind a proxy that mounts the service under a prefix.
 */
@Path("/")
public class ResultsPageResource {
    private final Experiments figures;

    public ResultsPageResource(Experiments figures) {
        this.figures = figures;
    }

    @GET
    @Produces(Html.MEDIA_TYPE)
    @APIResponse(responseCode = "200", description = "The results page (as /results)",
            content = @Content(mediaType = Html.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    public Response index() {
        return results();
    }

    /** Every experiment (newest first) with progress, links and a thumbnail of its figure; then the audits. */
    @GET
    @Path("results")
    @Produces(Html.MEDIA_TYPE)
    @APIResponse(responseCode = "200", description = "Every experiment with its progress and figure, then the audits",
            content = @Content(mediaType = Html.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    public Response results() {
        return Response.ok(Pages.results(ResultsPage.of(figures.summaries())).render(), Html.MEDIA_TYPE).build();
    }

    /**
     * One experiment: its figure large, the histogram and curve beside it when it is a grid, and the links; with
     * {@code ?metric=} / {@code ?aggregation=} the figures and numbers of that metric and aggregation, and a
     * selector of the spec's metrics and aggregations (when it lists more than one).
     */
    @GET
    @Path("results/{id}")
    @Produces(Html.MEDIA_TYPE)
    @APIResponse(responseCode = "200", description = "One experiment's page",
            content = @Content(mediaType = Html.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NoSuchExperiment")
    @APIResponse(responseCode = "409", ref = "NotReady")
    public Response experiment(@PathParam("id") String id,
                               @Parameter(ref = "Metric") @QueryParam("metric") String metric,
                               @Parameter(ref = "Aggregation") @QueryParam("aggregation") String aggregation) {
        LoadedExperiment e = ExperimentFigureResource.load(figures, id, metric, aggregation);
        return Response.ok(Pages.experiment(ExperimentPage.of(e, metric, aggregation)).render(), Html.MEDIA_TYPE)
                .build();
    }

    /** The page of the default metric and aggregation (AP, slice-mean). */
    public Response experiment(String id) {
        return experiment(id, null, null);
    }
}
