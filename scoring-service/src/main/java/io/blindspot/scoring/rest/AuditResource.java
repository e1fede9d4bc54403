package io.blindspot.scoring.rest;

import io.blindspot.scoring.domain.BlindSpots;
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
    @APIResponse(responseCode = "400", ref = "MalformedAuditId")
    @APIResponse(responseCode = "404", ref = "NoSuchAudit")
    public FigureViews.Audit audit(@PathParam("auditId") String auditId) {
        return view(audits.load(Ids.audit(auditId)));
    }

    /** Both modes' curves with bands, matched sigma columns dashed, blind spots shaded; histogram below. */
    @GET
    @Path("/{auditId}/figure.{format:png|svg}")
    @Produces({Figure.PNG, Figure.SVG, MediaType.APPLICATION_JSON})
    @APIResponse(responseCode = "200", ref = "Figure")
    @APIResponse(responseCode = "400", ref = "MalformedAuditId")
    @APIResponse(responseCode = "404", ref = "NoSuchAudit")
    public Response figure(@PathParam("auditId") String auditId, @PathParam("format") String format) {
        return ExperimentFigureResource.image(figure(audits.load(Ids.audit(auditId))), format);
    }

    /** One self-contained page: the figure, the numbers in tables, and a link to the JSON. */
    @GET
    @Path("/{auditId}/page")
    @Produces(Html.MEDIA_TYPE)
    @APIResponse(responseCode = "200", description = "The audit's report as one page",
            content = @Content(mediaType = Html.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", ref = "MalformedAuditId")
    @APIResponse(responseCode = "404", ref = "NoSuchAudit")
    public Response page(@PathParam("auditId") String auditId) {
        return Response.ok(Pages.audit(AuditPage.of(audits.load(Ids.audit(auditId)))).render(), Html.MEDIA_TYPE)
                .build();
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
                    m.match() == null ? null : m.match().sad(), m.match() == null ? null : m.match().atEdge(),
                    m.match() == null ? null : FigureViews.Edge.of(m.match().edge()), m.matchError(),
                    FigureViews.intervals(m.blindSpots())));
        }
        return new FigureViews.Audit(audit.id(), audit.model(), audit.threshold(), audit.status(),
                new FigureViews.AuditExperiments(audit.reference() == null ? null : audit.reference().id(), normal,
                        anomal),
                modes, audit.histogram() == null ? null
                        : FigureViews.Histogram.of(audit.reference() == null ? null : audit.reference().id(),
                                audit.histogram()));
    }
}
