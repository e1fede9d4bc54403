package io.blindspot.scoring.rest;

import io.blindspot.contracts.events.Metrics;
import io.blindspot.scoring.domain.BlindSpotRule;
import io.blindspot.scoring.domain.BlindSpots;
import io.blindspot.scoring.domain.Curve;
import io.blindspot.scoring.plot.AuditChart;
import io.blindspot.scoring.plot.CurveChart;
import io.blindspot.scoring.plot.Figure;
import io.blindspot.scoring.plot.MetricScale;
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

    /**
     * The curves of the rule's metric (AP, with the matched columns, unless the rule is on another metric: the
     * match is on AP, so it is not drawn beside a curve of another metric), the blind spots, the threshold
     * (dashed) and the metric's chance level (dotted): AP's is the slices' lesion prevalence, the normalised AP's 0,
     * AUROC's 0.5.
     */
    static Figure figure(Audit audit) {
        BlindSpotRule rule = audit.rule();
        boolean onAp = BlindSpotRule.AP.equals(rule.metric());
        List<CurveChart.Series> series = new ArrayList<>();
        List<List<BlindSpots.Interval>> spots = new ArrayList<>();
        double prevalence = Double.NaN;
        for (Audit.Mode m : audit.modes()) {
            prevalence = Double.isNaN(prevalence) ? m.chance() : prevalence;
            Curve curve = onAp ? m.curve() : m.ruleCurve();
            if (curve == null) {
                continue;
            }
            CurveChart.Matched matched = m.match() == null || !onAp ? null
                    : FigureLabels.matched(audit.reference(), m.curve(), m.match());
            series.add(new CurveChart.Series(m.mode() + " (" + audit.model() + ")", curve, matched));
            spots.add(m.blindSpots());
        }
        List<CurveChart.Level> levels = new ArrayList<>();
        if (rule.relativeToChance()) {
            double t = rule.timesChance() * prevalence;
            levels.add(new CurveChart.Level(t, "threshold " + rule.text() + " = " + Html.num(t), false));
        } else {
            levels.add(new CurveChart.Level(rule.below(), "threshold " + rule.below(), false));
        }
        double chance = chanceLevel(rule.metric(), prevalence);
        levels.add(new CurveChart.Level(chance, "chance " + Html.num(chance)
                + (onAp ? " (lesion prevalence)" : ""), true));
        return Figure.of(AuditChart.chart("Blind-spot audit of " + audit.model(), series, spots,
                MetricScale.of(rule.metric()), levels, audit.histogram()), AuditChart.WIDTH, AuditChart.HEIGHT);
    }

    /**
     * A random score's value of {@code metric}: AP's is the lesion prevalence, the normalised AP's 0 (by
     * construction), AUROC's (pixel or image) 0.5; NaN for the others (the image AP's is the share of anomalous
     * slices in the test set, which the cells do not carry) (best Dice and AUPRO of a random score depend on more than
     * the prevalence: no line is drawn).
     */
    static double chanceLevel(String metric, double prevalence) {
        return switch (metric) {
            case Metrics.AP -> prevalence;
            case Metrics.AP_NORMALISED -> 0.0;
            case Metrics.AUROC, Metrics.AUROC_IMAGE -> 0.5;
            default -> Double.NaN;
        };
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
                    FigureViews.intervals(m.blindSpots()), FigureViews.orNull(m.chance()),
                    FigureViews.orNull(audit.rule().relativeToChance() ? audit.rule().timesChance() * m.chance()
                            : audit.rule().below()),
                    m.ruleCurve() == null || m.ruleCurve() == m.curve() ? null : m.ruleCurve().points(),
                    m.ruleError()));
        }
        BlindSpotRule rule = audit.rule();
        return new FigureViews.Audit(audit.id(), audit.model(), audit.threshold(), rule.metric(),
                rule.timesChance(), rule.text(), audit.status(),
                new FigureViews.AuditExperiments(audit.reference() == null ? null : audit.reference().id(), normal,
                        anomal),
                modes, audit.histogram() == null ? null
                        : FigureViews.Histogram.of(audit.reference() == null ? null : audit.reference().id(),
                                audit.histogram()));
    }
}
