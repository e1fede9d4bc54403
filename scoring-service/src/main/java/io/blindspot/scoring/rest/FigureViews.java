package io.blindspot.scoring.rest;

import io.blindspot.scoring.domain.BlindSpots;
import io.blindspot.scoring.domain.Curve;
import io.blindspot.scoring.domain.CurvePoint;
import io.blindspot.scoring.domain.GridEdge;
import io.blindspot.scoring.domain.GridMatch;
import io.blindspot.scoring.domain.IntensityHistogram;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON bodies of the figure, audit and page endpoints. Field names are camelCase (matchedBy, apMean, ciLow); a
 * value that does not exist (a band below two slices, a quantile without brain pixels) is null, never NaN.
 */
final class FigureViews {
    private FigureViews() {
    }

    /** A point of a matched reference column/row: its mean AP at the curve's x. */
    record MatchedPoint(double x, double apMean) {
    }

    static final String AT_EDGE = "True when the matched value is the first or the last of the reference's sigmas "
            + "(intensities for a texture), or its only one: the match then only bounds the curve (\"blurrier than "
            + "every sigma here\"), and edge says which way and what grid to run instead";

    /** GET /api/experiments/{id}/match, and each curve's match in /api/figures/curves. */
    record Match(String experiment, String reference, String matchedBy, int index, double value, double sad,
                 @Schema(description = AT_EDGE) boolean atEdge,
                 @Schema(description = "Null unless atEdge", nullable = true) Edge edge,
                 List<CurvePoint> curve, List<MatchedPoint> matched) {
        static Match of(String experiment, String reference, Curve curve, GridMatch m) {
            List<MatchedPoint> matched = new ArrayList<>();
            for (int i = 0; i < curve.grid().length; i++) {
                matched.add(new MatchedPoint(curve.grid()[i], m.matched()[i]));
            }
            return new Match(experiment, reference, m.matchedBy(), m.index(), m.value(), m.sad(), m.atEdge(),
                    Edge.of(m.edge()), curve.points(), matched);
        }
    }

    /** A match at the edge of the reference grid ({@link GridEdge}). */
    @Schema(name = "MatchEdge", description = "A match at the first or last value of the reference grid: the match "
            + "only bounds the curve. suggestedGrid: the reference's values followed, beyond the edge, by as many "
            + "as the grid has steps, at its own step (evenly spaced grid), ratio (geometric grid) or the step at "
            + "the edge (any other), leaving out values a spec refuses (sigma < 0, intensity outside [0, 1])")
    record Edge(
            @Schema(description = "Which value of the grid, in spec order, was matched",
                    enumeration = {GridEdge.FIRST, GridEdge.LAST, GridEdge.ONLY}) String side,
            @Schema(description = "The direction in words, e.g. \"above the largest σ tried\"") String note,
            @Schema(description = "The grid to run instead; null where the edge ends the scale (sigma 0, "
                    + "intensity 0 or 1) or the grid has one value", nullable = true) double[] suggestedGrid,
            @Schema(description = "suggestedGrid as a spec writes it: {\"linspace\": [start, stop, num]} or a list "
                    + "of numbers, for the audit's or experiment 1's sigmas (intensities)", nullable = true)
            String suggestedSpec) {
        static Edge of(GridEdge e) {
            return e == null ? null : new Edge(e.side(), e.note(), e.suggestedGrid(), e.suggestedSpec());
        }
    }

    /**
     * GET /api/experiments/{id}/histogram: bin edges (bins + 1), counts per bin, brain pixels in all, and the
     * quantiles keyed p5, p25, p50, p75, p95.
     */
    record Histogram(String experiment, double[] edges, long[] counts, long pixels, long above,
                     Map<String, Double> quantiles) {
        static Histogram of(String experiment, IntensityHistogram h) {
            return new Histogram(experiment, h.edges(), h.counts(), h.pixels(), h.above(), quantileMap(h));
        }
    }

    static Map<String, Double> quantileMap(IntensityHistogram h) {
        Map<String, Double> q = new LinkedHashMap<>();
        for (int i = 0; i < h.levels().length; i++) {
            q.put("p" + Math.round(h.levels()[i] * 100), orNull(h.quantiles()[i]));
        }
        return q;
    }

    /**
     * One curve of GET /api/figures/curves.
     *
     * @param sigmaIndex the sigma column drawn (null for a texture, whose curve runs along sigma)
     * @param match      null without reference, or while the match cannot be computed (then matchError says why)
     */
    record CurveEntry(String experiment, String name, String status, String along, Integer sigmaIndex,
                      List<CurvePoint> curve, Match match, String matchError) {
    }

    /**
     * GET /api/figures/curves.
     *
     * @param metric      the metric drawn ({@code ?metric=}, default ap): the points' {@code apMean} hold it
     * @param aggregation how cells are formed ({@code ?aggregation=}, default slice-mean)
     */
    record Curves(String title, String along, String reference, String metric, String aggregation,
                  List<CurveEntry> curves) {
    }

    /**
     * A point of Figure 4b.
     *
     * @param meanResidual mean over the curve's cells of the cell's mean residual (x); null without cells
     * @param meanAp       mean over the same cells of the mean AP (y); null without cells
     */
    record ErrorPoint(String experiment, String name, String reconstructor, String mode, Double meanResidual,
                      Double meanAp, int cells) {
    }

    /** GET /api/figures/error-vs-ap. */
    record ErrorVsAp(String title, String definition, List<ErrorPoint> points) {
    }

    /** The three experiments of an audit (null while one is not registered). */
    record AuditExperiments(String reference, String normalRec, String anomalRec) {
    }

    /**
     * A mode of GET /api/audits/{id}.
     *
     * @param chance      AP's chance level along the curve: the mean lesion prevalence of its cells (the slices'
     *                    label pixels / pixels); null when unknown
     * @param threshold   the threshold the blind spots were judged against, on the rule's metric: the fixed value,
     *                    or timesChance × chance; null when unknown
     * @param ruleCurve   the rule's metric against intensity, when the rule is not on AP (null otherwise: the
     *                    blind spots are judged on {@code curve})
     * @param ruleError   why the blind spots could not be judged; null otherwise
     */
    record AuditMode(String mode, String experiment, String status, List<CurvePoint> curve, Integer matchedIndex,
                     Double matchedSigma, Double sad,
                     @Schema(description = AT_EDGE + "; null without match", nullable = true) Boolean atEdge,
                     @Schema(description = "Null unless atEdge", nullable = true) Edge edge,
                     String matchError, List<double[]> blindSpots,
                     @Schema(description = "AP's chance level: the mean lesion prevalence of the curve's cells",
                             nullable = true) Double chance,
                     @Schema(description = "The threshold applied, on the rule's metric", nullable = true)
                     Double threshold,
                     @Schema(description = "The rule's metric against intensity (null when the rule is on AP)",
                             nullable = true) List<CurvePoint> ruleCurve,
                     @Schema(nullable = true) String ruleError) {
    }

    /**
     * GET /api/audits/{id}.
     *
     * @param threshold       the fixed threshold on {@code thresholdMetric} (0 with {@code timesChance})
     * @param thresholdMetric the metric the blind spots are judged on (ap for audits of before issue 14)
     * @param timesChance     blind where AP &lt; timesChance × chance; null for a fixed threshold
     * @param rule            the rule in words: "ap &lt; 0.5", "ap &lt; 5 × chance"
     */
    record Audit(String auditId, String model, double threshold, String thresholdMetric,
                 @Schema(nullable = true) Double timesChance, String rule, String status,
                 AuditExperiments experiments, Map<String, AuditMode> modes, Histogram histogram) {
    }

    /** A blind-spot interval as the pair [low, high]. */
    static List<double[]> intervals(List<BlindSpots.Interval> runs) {
        return runs.stream().map(r -> new double[] {r.low(), r.high()}).toList();
    }

    static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
