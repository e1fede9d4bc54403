package io.blindspot.scoring.rest;

import io.blindspot.scoring.domain.BlindSpotRule;
import io.blindspot.scoring.domain.BlindSpots;
import io.blindspot.scoring.domain.Curve;
import io.blindspot.scoring.domain.CurvePoint;
import io.blindspot.scoring.domain.ExperimentStatus;
import io.blindspot.scoring.domain.GridEdge;
import io.blindspot.scoring.domain.GridMatch;
import io.blindspot.scoring.domain.IntensityHistogram;
import io.blindspot.scoring.service.Audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an audit's page shows ({@code templates/audit.html}): the figure, a summary per mode (experiment, matched
 * sigma, SAD, blind spots), the AP per intensity of both modes with 95% intervals, and the quantiles of the normal
 * brain intensities. Numbers are formatted here ({@link Html#num}: 4 significant digits, "–" for none).
 *
 * @param threshold  the threshold as the header writes it: "AP threshold 0.5" (a plain AP threshold, as before
 *                   issue 14), else "blind where ap-normalised &lt; 0.5" / "blind where ap &lt; 5 × chance"
 * @param rule       the rule as the summary's column writes it: "AP &lt; 0.5", "ap-normalised &lt; 0.5", …
 * @param chance     "AP's chance level (the slices' lesion prevalence): 0.02657"; "" when unknown (rows from
 *                   before the prevalence was stored)
 * @param modes      normal-rec then anomal-rec
 * @param intensities one row per intensity of either mode's curve, ascending
 * @param histogram  null while no slice image is stored
 * @param ruleMetric the metric the blind spots are judged on when it is not AP (its table follows AP's); null
 * @param ruleRows   that metric per intensity, as {@code intensities}; empty when the rule is on AP
 */
public record AuditPage(String title, boolean refresh, String id, String model, String status, String threshold,
                        String rule, String chance, List<Mode> modes, List<IntensityRow> intensities,
                        Histogram histogram, String ruleMetric, List<IntensityRow> ruleRows) {

    /**
     * One mode's summary.
     *
     * @param experimentId null while the mode's experiment is not registered
     * @param matched      the matched sigma; null when there is no match, then {@code matchError} says why
     * @param edge         beside a match at the first or last sigma of the reference grid: "at the edge: above
     *                     the largest σ tried; run σ = {"linspace": [0, 10, 199]} instead"; "" otherwise
     * @param blindSpots   "[low, high], ..." or "none"
     */
    public record Mode(String mode, String experimentId, String experimentName, String status, String matched,
                       String edge, String matchError, String sad, String blindSpots) {
    }

    /** @param values per mode: "mean [low, high]", the mean alone without interval, "–" without value */
    public record IntensityRow(String intensity, List<String> values) {
    }

    /** @param levels the quantile levels in percent; {@code quantiles} the intensity at each */
    public record Histogram(long pixels, List<Long> levels, List<String> quantiles) {
    }

    static AuditPage of(Audit audit) {
        List<Mode> modes = new ArrayList<>();
        for (Audit.Mode m : audit.modes()) {
            modes.add(new Mode(m.mode(), m.experiment() == null ? null : m.experiment().id(),
                    m.experiment() == null ? null : m.experiment().name(),
                    m.experiment() == null ? null : m.experiment().status(),
                    m.match() == null ? null : Html.num(m.match().value()),
                    m.match() == null ? "" : edge(m.match()),
                    m.matchError() == null ? "" : m.matchError(),
                    m.match() == null ? "–" : Html.num(m.match().sad()),
                    m.ruleError() == null ? intervals(m.blindSpots()) : m.ruleError()));
        }
        List<IntensityRow> rows = rows(audit, false);
        BlindSpotRule rule = audit.rule();
        boolean plainAp = BlindSpotRule.AP.equals(rule.metric()) && !rule.relativeToChance();
        double chance = Double.NaN;
        for (Audit.Mode m : audit.modes()) {
            chance = Double.isNaN(chance) ? m.chance() : chance;
        }
        return new AuditPage("Blind-spot audit of " + audit.model(), ExperimentStatus.inProgress(audit.status()),
                audit.id(), audit.model(), audit.status(),
                plainAp ? "AP threshold " + audit.threshold() : "blind where " + rule.text(),
                plainAp ? "AP < " + audit.threshold() : rule.text()
                        + (rule.relativeToChance() && !Double.isNaN(chance)
                        ? " = " + Html.num(rule.timesChance() * chance) : ""),
                Double.isNaN(chance) ? "" : "AP's chance level (the slices' lesion prevalence, a random score's "
                        + "expected AP): " + Html.num(chance),
                modes, rows, histogram(audit.histogram()), BlindSpotRule.AP.equals(rule.metric()) ? null
                        : rule.metric(), BlindSpotRule.AP.equals(rule.metric()) ? List.of() : rows(audit, true));
    }

    /** One row per intensity of either mode's curve (AP's, or the rule's metric's), ascending. */
    private static List<IntensityRow> rows(Audit audit, boolean ruleCurve) {
        Map<Double, Map<String, CurvePoint>> byIntensity = new TreeMap<>();
        for (Audit.Mode m : audit.modes()) {
            Curve curve = ruleCurve ? m.ruleCurve() : m.curve();
            if (curve != null) {
                for (CurvePoint p : curve.points()) {
                    byIntensity.computeIfAbsent(p.x(), x -> new LinkedHashMap<>()).put(m.mode(), p);
                }
            }
        }
        List<IntensityRow> rows = new ArrayList<>();
        for (Map.Entry<Double, Map<String, CurvePoint>> row : byIntensity.entrySet()) {
            List<String> values = new ArrayList<>();
            for (Audit.Mode m : audit.modes()) {
                CurvePoint p = row.getValue().get(m.mode());
                values.add(p == null ? "–" : Html.num(p.apMean())
                        + (p.ciLow() == null ? "" : " [" + Html.num(p.ciLow()) + ", " + Html.num(p.ciHigh()) + "]"));
            }
            rows.add(new IntensityRow(Html.num(row.getKey()), values));
        }
        return rows;
    }

    private static Histogram histogram(IntensityHistogram h) {
        if (h == null) {
            return null;
        }
        List<Long> levels = new ArrayList<>();
        for (double level : h.levels()) {
            levels.add(Math.round(level * 100));
        }
        List<String> quantiles = new ArrayList<>();
        for (double q : h.quantiles()) {
            quantiles.add(Html.num(q));
        }
        return new Histogram(h.pixels(), levels, quantiles);
    }

    /** The note beside a match at the edge of the reference grid; "" inside it. */
    static String edge(GridMatch match) {
        GridEdge edge = match.edge();
        if (edge == null) {
            return "";
        }
        String symbol = Curve.SIGMA.equals(match.matchedBy()) ? "σ" : "intensity";
        return "at the edge: " + edge.note()
                + (edge.suggestedSpec() == null ? "" : "; run " + symbol + " = " + edge.suggestedSpec() + " instead");
    }

    /** "[0.2000, 0.6000], [0.8000, 1.000]", or "none". */
    static String intervals(List<BlindSpots.Interval> runs) {
        if (runs.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        for (BlindSpots.Interval r : runs) {
            parts.add("[" + Html.num(r.low()) + ", " + Html.num(r.high()) + "]");
        }
        return String.join(", ", parts);
    }
}
