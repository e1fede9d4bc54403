package io.blindspot.scoring.domain;

import java.util.Arrays;

/**
 * What an audit calls blind (issue 14): a metric below a fixed value ({@code ap < 0.5}, the audit of before;
 * {@code ap-normalised < 0.5}; {@code auroc < 0.7}), or AP below a multiple of its chance level
 * ({@code ap < 5 × chance}). AP's chance level is the lesion prevalence p (a random score's expected AP): ~0.03
 * for a radius-20 disk in a brain slice, so a fixed "AP &lt; 0.5" calls a model blind where it still ranks the
 * lesion some 15 times better than chance.
 *
 * @param metric      the metric the curve is judged on
 * @param below       the fixed threshold on it; unused with {@code timesChance}
 * @param timesChance the multiple of the chance level (on AP); null for a fixed threshold
 */
public record BlindSpotRule(String metric, double below, Double timesChance) {
    public static final String AP = "ap";

    public BlindSpotRule {
        if (timesChance != null && !AP.equals(metric)) {
            throw new IllegalArgumentException("a multiple of chance applies to ap, not " + metric);
        }
    }

    /** The rule of an audit's stored fields; a null metric is AP (audits of before issue 14). */
    public static BlindSpotRule of(String metric, double threshold, Double timesChance) {
        return new BlindSpotRule(metric == null ? AP : metric, threshold, timesChance);
    }

    /** Whether the threshold moves with the chance level. */
    public boolean relativeToChance() {
        return timesChance != null;
    }

    /**
     * The threshold per intensity: {@code below} everywhere, or {@code timesChance × chance[i]} (NaN where the
     * chance level is unknown: no claim there).
     *
     * @param chance AP's chance level per intensity (the cell's mean prevalence), NaN where unknown
     */
    public double[] thresholds(double[] chance) {
        double[] t = new double[chance.length];
        if (timesChance == null) {
            Arrays.fill(t, below);
        } else {
            for (int i = 0; i < t.length; i++) {
                t[i] = timesChance * chance[i];
            }
        }
        return t;
    }

    /** The rule in words, as the report and the figure show it: "ap < 0.5", "ap < 5 × chance". */
    public String text() {
        return relativeToChance() ? metric + " < " + number(timesChance) + " × chance" : metric + " < " + number(below);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
