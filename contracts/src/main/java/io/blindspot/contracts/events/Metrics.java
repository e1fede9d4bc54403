package io.blindspot.contracts.events;

import java.util.List;

/**
 * The per-slice metrics an experiment may ask for ({@code "metrics": [...]} in its spec), named as stored in the
 * scoring-service's {@code results.metric}. ingest checks the spec's list against {@link #ALL}; the events from
 * ingest to scoring carry it, so that scoring computes exactly these (definitions: scoring-service README).
 */
public final class Metrics {
    /** Average precision of the residual against the label (scikit-learn's {@code average_precision_score}). */
    public static final String AP = "ap";
    /** (AP − p) / (1 − p), p the slice's lesion prevalence (AP's chance level). */
    public static final String AP_NORMALISED = "ap-normalised";
    /** Pixel ROC AUC (scikit-learn's {@code roc_auc_score}, ties half). */
    public static final String AUROC = "auroc";
    /** The best Dice over every threshold of the residual. */
    public static final String DICE_BEST = "dice-best";
    /** Per-region overlap up to FPR 0.3, normalised by 0.3 (regions: 8-connected components of the label). */
    public static final String AUPRO = "aupro-0.3";

    /** Dice at the threshold 1 % of the normal slices' residuals exceed (the same reconstructor's, pooled). */
    public static final String DICE_AT_NORMAL_Q99 = "dice-at-normal-q99";
    /** Image-level ROC AUC: slices ranked by their slice score, lesion-free copies as the negatives. */
    public static final String AUROC_IMAGE = "auroc-image";
    /** Image-level AP, slices ranked as {@link #AUROC_IMAGE}. */
    public static final String AP_IMAGE = "ap-image";

    /**
     * Every metric a spec may list, in the order scoring writes them. The image-level ones ({@link #AUROC_IMAGE},
     * {@link #AP_IMAGE}) need {@code anomaly.normal-fraction} and normal-rec (ingest checks both);
     * {@link #DICE_AT_NORMAL_Q99} needs normal-rec (its threshold comes from the normal slices' reconstructions).
     */
    public static final List<String> ALL = List.of(AP, AP_NORMALISED, AUROC, DICE_BEST, AUPRO, DICE_AT_NORMAL_Q99,
            AUROC_IMAGE, AP_IMAGE);
    /** The image-level metrics: one value per cell from the slices' slice scores, lesion-free copies included. */
    public static final List<String> IMAGE_LEVEL = List.of(AUROC_IMAGE, AP_IMAGE);
    /** A spec without {@code metrics}, and an event from before events carried them. */
    public static final List<String> DEFAULT = List.of(AP);

    private Metrics() {
    }

    /** The list, or {@link #DEFAULT} when null or empty (an older event). */
    public static List<String> orDefault(List<String> metrics) {
        return metrics == null || metrics.isEmpty() ? DEFAULT : List.copyOf(metrics);
    }

    /**
     * The metrics scoring computes per slice as each reconstruction event arrives, and stores as {@code results}
     * rows: every listed metric except those that need the whole test set ({@link #DICE_AT_NORMAL_Q99}'s threshold
     * pools every normal slice; {@link #AUROC_IMAGE} and {@link #AP_IMAGE} rank slices against each other), which
     * are computed once the per-slice rows are complete. A list of cross-slice metrics only still gets
     * {@link #DEFAULT} per slice: the rows mark each slice's progress.
     */
    public static List<String> perSlice(List<String> metrics) {
        List<String> perSlice = orDefault(metrics).stream().filter(m -> !CROSS_SLICE.contains(m)).toList();
        return perSlice.isEmpty() ? DEFAULT : perSlice;
    }

    /** The metrics computed over the whole test set, not per event ({@link #perSlice}). */
    public static final List<String> CROSS_SLICE = List.of(DICE_AT_NORMAL_Q99, AUROC_IMAGE, AP_IMAGE);

    /** Whether the list asks for an image-level metric (then scoring stores every slice's slice scores). */
    public static boolean anyImageLevel(List<String> metrics) {
        return metrics != null && metrics.stream().anyMatch(IMAGE_LEVEL::contains);
    }

    /** Whether only AP is asked for (scoring's path of before metrics). */
    public static boolean apOnly(List<String> metrics) {
        return metrics == null || metrics.isEmpty() || metrics.equals(DEFAULT);
    }
}
