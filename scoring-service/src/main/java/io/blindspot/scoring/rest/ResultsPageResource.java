package io.blindspot.scoring.rest;

import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.scoring.domain.ExperimentStatus;
import io.blindspot.scoring.service.Experiments;
import io.blindspot.scoring.service.LoadedExperiment;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The results pages: every experiment with its progress and its figure, the audits, and one page per experiment.
 * Plain HTML from this service's own endpoints; a page reloads itself every 5 s while anything on it is running.
 * Links are relative, so the pages also work behind a proxy that mounts the service under a prefix.
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
        List<LoadedExperiment> all = figures.summaries();
        boolean running = all.stream().anyMatch(e -> ExperimentStatus.inProgress(e.status()));
        StringBuilder b = new StringBuilder("<h1>Blindspot results</h1>\n");
        b.append("<p>").append(all.size()).append(" experiments").append(running ? " · some still running, this "
                + "page reloads every 5 s" : "").append(" · <a href=\"q/swagger-ui\">API</a></p>\n");
        if (all.isEmpty()) {
            b.append("<p class=\"muted\">No experiment yet: submit one with <code>blindspot run presets/exp1-small"
                    + ".json</code> or POST /api/experiments on the ingest-service.</p>\n");
        } else {
            b.append("<table>\n<tr><th>experiment</th><th>status</th><th>progress</th><th>submitted</th>"
                    + "<th>figure</th></tr>\n");
            for (LoadedExperiment e : all) {
                String id = Html.escape(e.id());
                String figure = figurePath(e);
                b.append("<tr><td><a href=\"results/").append(id).append("\"><b>").append(Html.escape(e.name()))
                        .append("</b></a><br><code class=\"muted\">").append(id).append("</code><br>")
                        .append(Html.escape(describe(e))).append("<br>")
                        .append(links(e, "api/experiments/" + id + "/")).append("</td><td>")
                        .append(Html.status(e.status())).append("</td><td class=\"num\">").append(e.done())
                        .append(" / ").append(e.record().expected()).append("</td><td>")
                        .append(Html.escape(e.record().submittedAt().toInstant().toString())).append("</td><td>")
                        .append("<a href=\"").append(figure).append("\"><img class=\"thumb\" src=\"").append(figure)
                        .append("\" alt=\"figure of ").append(Html.escape(e.name())).append("\"></a></td></tr>\n");
            }
            b.append("</table>\n");
        }
        Map<String, List<LoadedExperiment>> audits = new LinkedHashMap<>();
        for (LoadedExperiment e : all) {
            if (e.audit() != null && e.audit().id() != null) {
                audits.computeIfAbsent(e.audit().id(), k -> new ArrayList<>()).add(e);
            }
        }
        if (!audits.isEmpty()) {
            b.append("<h2>Blind-spot audits</h2>\n<table>\n<tr><th>audit</th><th>model</th><th>experiments</th>"
                    + "<th>figure</th></tr>\n");
            for (Map.Entry<String, List<LoadedExperiment>> a : audits.entrySet()) {
                String id = Html.escape(a.getKey());
                ExperimentSpec.AuditRef ref = a.getValue().get(0).audit();
                StringBuilder members = new StringBuilder();
                for (LoadedExperiment e : a.getValue()) {
                    members.append(Html.escape(e.audit().role())).append(": ").append(Html.status(e.status()))
                            .append("<br>");
                }
                b.append("<tr><td><a href=\"api/audits/").append(id).append("/page\">").append(id)
                        .append("</a></td><td>").append(Html.escape(ref.model())).append("</td><td>").append(members)
                        .append("</td><td><a href=\"api/audits/").append(id).append("/page\"><img class=\"thumb\" "
                                + "src=\"api/audits/").append(id).append("/figure.svg\" alt=\"audit figure\"></a>"
                                + "</td></tr>\n");
            }
            b.append("</table>\n");
        }
        return Response.ok(Html.page("Blindspot results", running, b.toString()), Html.MEDIA_TYPE).build();
    }

    /** One experiment: its figure large, the histogram and curve beside it when it is a grid, and the links. */
    @GET
    @Path("results/{id}")
    @Produces(Html.MEDIA_TYPE)
    @APIResponse(responseCode = "200", description = "One experiment's page",
            content = @Content(mediaType = Html.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "A malformed id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such experiment",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiError.class)))
    public Response experiment(@PathParam("id") String id) {
        LoadedExperiment e = figures.load(id);
        String api = "../api/experiments/" + Html.escape(e.id()) + "/";
        StringBuilder b = new StringBuilder("<h1>").append(Html.escape(e.name())).append("</h1>\n");
        b.append("<p><code>").append(Html.escape(e.id())).append("</code> · ").append(Html.status(e.status()))
                .append(" · ").append(e.done()).append(" / ").append(e.record().expected()).append(" values · ")
                .append(Html.escape(describe(e))).append(" · <a href=\"../results\">all results</a></p>\n");
        b.append("<p>").append(links(e, api)).append("</p>\n");
        if (e.heatmapFigure()) {
            b.append("<p><img class=\"figure\" src=\"").append(api).append("heatmap.svg\" alt=\"heatmap\"></p>\n");
        }
        b.append("<p><img class=\"figure\" src=\"").append(api).append("curve.svg\" alt=\"curve\"></p>\n");
        return Response.ok(Html.page(e.name(), ExperimentStatus.inProgress(e.status()), b.toString()),
                Html.MEDIA_TYPE).build();
    }

    /** The thumbnail: the heatmap for an intensity × sigma grid, the curve otherwise. */
    private static String figurePath(LoadedExperiment e) {
        return "api/experiments/" + Html.escape(e.id()) + (e.heatmapFigure() ? "/heatmap.svg" : "/curve.svg");
    }

    private static String links(LoadedExperiment e, String api) {
        StringBuilder s = new StringBuilder();
        if (e.heatmapFigure()) {
            s.append("<a href=\"").append(api).append("heatmap.png\">heatmap.png</a> · ")
                    .append("<a href=\"").append(api).append("heatmap.svg\">heatmap.svg</a> · ");
        }
        s.append("<a href=\"").append(api).append("curve.png\">curve.png</a> · ")
                .append("<a href=\"").append(api).append("curve.svg\">curve.svg</a> · ")
                .append("<a href=\"").append(api).append("cells\">cells</a> · ")
                .append("<a href=\"").append(api).append("cells?format=csv\">csv</a> · ")
                .append("<a href=\"").append(api).append("histogram\">histogram</a>");
        return s.toString();
    }

    /** "disk · normal-rec · gaussian-blur · 6 intensities × 5 σ · 4 slices". */
    private static String describe(LoadedExperiment e) {
        List<String> parts = new ArrayList<>();
        if (e.anomalyType() != null) {
            parts.add(e.anomalyType());
        }
        if (e.mode() != null) {
            parts.add(e.mode());
        }
        if (e.reconstructor() != null) {
            parts.add(e.reconstructor());
        }
        parts.add((e.texture() ? "" : e.record().intensities().length + " intensities × ")
                + e.record().sigmas().length + " σ");
        parts.add(e.record().slices().length + " slices");
        if (e.spec() != null && e.spec().dataset() != null
                && !ExperimentSpec.Dataset.NO_PREPROCESSING.equals(e.spec().dataset().preprocessing())) {
            parts.add(e.spec().dataset().preprocessing());
        }
        return String.join(" · ", parts);
    }
}
