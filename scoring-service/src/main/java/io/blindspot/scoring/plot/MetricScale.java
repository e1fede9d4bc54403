package io.blindspot.scoring.plot;

import io.blindspot.contracts.events.Metrics;

/**
 * The value axis of a figure for one metric (issue 14): its label (the metric, and the aggregation unless it is the
 * default slice mean) and its range. Every metric lies in [0, 1] except the normalised AP, (AP − p) / (1 − p),
 * which is 0 at chance and negative below it, down to −p / (1 − p) ≥ −1: it is drawn on [−1, 1], so the heatmap's
 * diverging coolwarm map has its grey middle at chance (blue below, red above) instead of clipping everything
 * below chance into one colour. On AP's own [0, 1] the middle is 0.5, as in the paper.
 *
 * @param label the axis or colour-bar label, e.g. "AP", "AUROC (pooled)"
 */
public record MetricScale(String label, double low, double high) {
    /** AP on [0, 1], the paper's figures. */
    public static final MetricScale AP = new MetricScale("AP", 0.0, 1.0);

    /** The scale of {@code metric} under slice-mean. */
    public static MetricScale of(String metric) {
        return of(metric, null);
    }

    /**
     * @param metric      a name of {@link Metrics#ALL} (null: ap)
     * @param aggregation slice-mean (or null), volume-mean, pooled, pooled-float16: named in the label unless
     *                    slice-mean
     */
    public static MetricScale of(String metric, String aggregation) {
        String m = metric == null ? Metrics.AP : metric;
        String name = switch (m) {
            case Metrics.AP -> "AP";
            case Metrics.AP_NORMALISED -> "normalised AP";
            case Metrics.AUROC -> "AUROC";
            case Metrics.DICE_BEST -> "best Dice";
            case Metrics.AUPRO -> "AUPRO (FPR ≤ 0.3)";
            case Metrics.DICE_AT_NORMAL_Q99 -> "Dice at the normal q99";
            case Metrics.AUROC_IMAGE -> "image AUROC";
            case Metrics.AP_IMAGE -> "image AP";
            default -> m;
        };
        String label = aggregation == null || aggregation.isEmpty() || "slice-mean".equals(aggregation) ? name
                : name + " (" + aggregation + ")";
        return Metrics.AP_NORMALISED.equals(m) ? new MetricScale(label, -1.0, 1.0) : new MetricScale(label, 0.0, 1.0);
    }

    /** The colour-bar tick step: 0.1 on [0, 1], 0.2 on [−1, 1]. */
    double tick() {
        return (high - low) > 1.0 ? 0.2 : 0.1;
    }
}
