package io.blindspot.scoring.rest;

import io.blindspot.scoring.domain.BlindSpots;
import io.blindspot.scoring.domain.CurvePoint;
import io.blindspot.scoring.plot.AuditChart;
import io.blindspot.scoring.plot.CurveChart;
import io.blindspot.scoring.plot.Figure;
import io.blindspot.scoring.service.Audit;
import io.blindspot.scoring.service.Audits;
import io.blindspot.scoring.service.Ids;
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
import java.util.TreeMap;

/**
 * The blind-spot report of an audit (beyond the paper): the numbers as JSON, the figure, and one HTML page with
 * both. An audit is the three experiments whose spec carries its id (reference, normal-rec, anomal-rec).
 */
@Path("/api/audits")
public class AuditResource {
    private final Audits audits;

    public AuditResource(Audits audits) {
        this.audits = audits;
    }

    @GET
    @Path("/{auditId}")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The audit's blind-spot report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FigureViews.Audit.class)))
    @APIResponse(responseCode = "400", description = "A malformed audit id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such audit",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiError.class)))
    public FigureViews.Audit audit(@PathParam("auditId") String auditId) {
        return view(audits.load(Ids.audit(auditId)));
    }

    /** Both modes' curves with bands, matched sigma columns dashed, blind spots shaded; histogram below. */
    @GET
    @Path("/{auditId}/figure.{format:png|svg}")
    @Produces({Figure.PNG, Figure.SVG, MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", description = "The figure (the format of the path's extension)", content = {
            @Content(mediaType = Figure.PNG, schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = Figure.SVG, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(responseCode = "400", description = "A malformed audit id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such audit",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiError.class)))
    public Response figure(@PathParam("auditId") String auditId, @PathParam("format") String format) {
        return ExperimentFigureResource.image(figure(audits.load(Ids.audit(auditId))), format);
    }

    /** One self-contained page: the figure, the numbers in tables, and a link to the JSON. */
    @GET
    @Path("/{auditId}/page")
    @Produces(Html.MEDIA_TYPE)
    @APIResponse(responseCode = "200", description = "The audit's report as one page",
            content = @Content(mediaType = Html.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "A malformed audit id",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such audit",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiError.class)))
    public Response page(@PathParam("auditId") String auditId) {
        return Response.ok(page(audits.load(Ids.audit(auditId))), Html.MEDIA_TYPE).build();
    }

    static Figure figure(Audit audit) {
        List<CurveChart.Series> series = new ArrayList<>();
        List<List<BlindSpots.Interval>> spots = new ArrayList<>();
        for (Audit.Mode m : audit.modes()) {
            if (m.curve() == null) {
                continue;
            }
            CurveChart.Matched matched = m.match() == null ? null
                    : FigureLabels.matched(audit.reference(), m.curve(), m.match());
            series.add(new CurveChart.Series(m.mode() + " (" + audit.model() + ")", m.curve(), matched));
            spots.add(m.blindSpots());
        }
        return Figure.of(AuditChart.chart("Blind-spot audit of " + audit.model(), series, spots, audit.threshold(),
                audit.histogram()), AuditChart.WIDTH, AuditChart.HEIGHT);
    }

    static FigureViews.Audit view(Audit audit) {
        Map<String, FigureViews.AuditMode> modes = new LinkedHashMap<>();
        String normal = null;
        String anomal = null;
        for (Audit.Mode m : audit.modes()) {
            String id = m.experiment() == null ? null : m.experiment().id();
            if (Audits.MODES.get(0).equals(m.mode())) {
                normal = id;
            } else {
                anomal = id;
            }
            modes.put(m.mode(), new FigureViews.AuditMode(m.mode(), id,
                    m.experiment() == null ? null : m.experiment().status(),
                    m.curve() == null ? List.of() : m.curve().points(),
                    m.match() == null ? null : m.match().index(), m.match() == null ? null : m.match().value(),
                    m.match() == null ? null : m.match().sad(), m.matchError(), FigureViews.intervals(m.blindSpots())));
        }
        return new FigureViews.Audit(audit.id(), audit.model(), audit.threshold(), audit.status(),
                new FigureViews.AuditExperiments(audit.reference() == null ? null : audit.reference().id(), normal,
                        anomal),
                modes, audit.histogram() == null ? null
                        : FigureViews.Histogram.of(audit.reference() == null ? null : audit.reference().id(),
                                audit.histogram()));
    }

    static String page(Audit audit) {
        String e = Html.escape(audit.id());
        StringBuilder b = new StringBuilder();
        b.append("<h1>Blind-spot audit of ").append(Html.escape(audit.model())).append("</h1>\n");
        b.append("<p>Audit <code>").append(e).append("</code> · status ").append(Html.status(audit.status()))
                .append(" · AP threshold ").append(audit.threshold())
                .append(" · <a href=\"../").append(e).append("\">numbers as JSON</a>")
                .append(" · <a href=\"../../../results\">all results</a></p>\n");
        b.append("<p><img class=\"figure\" src=\"figure.svg\" alt=\"AP against intensity in both modes\"></p>\n");

        b.append("<h2>Summary</h2>\n<table>\n<tr><th>mode</th><th>experiment</th><th>status</th>"
                + "<th>matched σ (experiment 1)</th><th>SAD</th><th>blind spot: intensities with AP &lt; ")
                .append(audit.threshold()).append("</th></tr>\n");
        for (Audit.Mode m : audit.modes()) {
            b.append("<tr><td>").append(Html.escape(m.mode())).append("</td><td>");
            if (m.experiment() == null) {
                b.append("<span class=\"muted\">not registered yet</span></td><td>–");
            } else {
                b.append("<a href=\"../../../results/").append(Html.escape(m.experiment().id())).append("\">")
                        .append(Html.escape(m.experiment().name())).append("</a></td><td>")
                        .append(Html.status(m.experiment().status()));
            }
            b.append("</td><td class=\"num\">")
                    .append(m.match() == null ? "<span class=\"muted\">" + Html.escape(m.matchError()) + "</span>"
                            : Html.num(m.match().value()))
                    .append("</td><td class=\"num\">").append(m.match() == null ? "–" : Html.num(m.match().sad()))
                    .append("</td><td>").append(intervals(m.blindSpots())).append("</td></tr>\n");
        }
        b.append("</table>\n");

        b.append("<h2>AP per intensity (mean over slices, 95% interval)</h2>\n<table>\n<tr><th>intensity</th>");
        for (Audit.Mode m : audit.modes()) {
            b.append("<th>").append(Html.escape(m.mode())).append("</th>");
        }
        b.append("</tr>\n");
        Map<Double, Map<String, CurvePoint>> rows = new TreeMap<>();
        for (Audit.Mode m : audit.modes()) {
            if (m.curve() != null) {
                for (CurvePoint p : m.curve().points()) {
                    rows.computeIfAbsent(p.x(), x -> new LinkedHashMap<>()).put(m.mode(), p);
                }
            }
        }
        for (Map.Entry<Double, Map<String, CurvePoint>> row : rows.entrySet()) {
            b.append("<tr><td class=\"num\">").append(Html.num(row.getKey())).append("</td>");
            for (Audit.Mode m : audit.modes()) {
                CurvePoint p = row.getValue().get(m.mode());
                b.append("<td class=\"num\">").append(p == null ? "–" : Html.num(p.apMean())
                        + (p.ciLow() == null ? "" : " [" + Html.num(p.ciLow()) + ", " + Html.num(p.ciHigh()) + "]"))
                        .append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");

        b.append("<h2>Normal brain intensities</h2>\n");
        if (audit.histogram() == null) {
            b.append("<p class=\"muted\">no slice image stored yet</p>\n");
        } else {
            b.append("<table>\n<tr><th>brain pixels</th>");
            for (double level : audit.histogram().levels()) {
                b.append("<th>").append(Math.round(level * 100)).append("%</th>");
            }
            b.append("</tr>\n<tr><td class=\"num\">").append(audit.histogram().pixels()).append("</td>");
            for (double q : audit.histogram().quantiles()) {
                b.append("<td class=\"num\">").append(Html.num(q)).append("</td>");
            }
            b.append("</tr>\n</table>\n");
        }
        return Html.page("Blind-spot audit of " + audit.model(), io.blindspot.scoring.domain.ExperimentStatus.inProgress(audit.status()), b.toString());
    }

    private static String intervals(List<BlindSpots.Interval> runs) {
        if (runs.isEmpty()) {
            return "none";
        }
        StringBuilder s = new StringBuilder();
        for (BlindSpots.Interval r : runs) {
            s.append(s.isEmpty() ? "" : ", ").append('[').append(Html.num(r.low())).append(", ")
                    .append(Html.num(r.high())).append(']');
        }
        return s.toString();
    }
}
