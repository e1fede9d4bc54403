package io.blindspot.scoring.rest;

import io.blindspot.scoring.domain.Curve;
import io.blindspot.scoring.domain.GridMatch;
import io.blindspot.scoring.plot.CurveChart;
import io.blindspot.scoring.service.LoadedExperiment;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** The labels the figures put on a match and a sigma: presentation, shared by the figure resources. */
final class FigureLabels {
    private FigureLabels() {
    }

    /**
     * The dashed line of a match, along the curve's grid, labelled "REF σ = 1.26 (matched)" or "REF intensity =
     * 0.45 (matched)"; at the edge of the reference grid "REF σ = 5 (matched), at the edge: above the largest σ
     * tried".
     */
    static CurveChart.Matched matched(LoadedExperiment reference, Curve curve, GridMatch match) {
        String symbol = Curve.SIGMA.equals(match.matchedBy()) ? "σ" : "intensity";
        String edge = match.edge() == null ? "" : ", at the edge: " + match.edge().note();
        return new CurveChart.Matched(reference.name() + " " + symbol + " = " + short3(match.value()) + " (matched)"
                + edge, curve.grid(), match.matched());
    }

    /** Three significant digits for labels: 1.26, 0.455, 0. */
    static String short3(double value) {
        if (value == 0.0 || Double.isNaN(value) || Double.isInfinite(value)) {
            return value == 0.0 ? "0" : Double.toString(value);
        }
        return new BigDecimal(value).round(new MathContext(3, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                .toPlainString();
    }
}
