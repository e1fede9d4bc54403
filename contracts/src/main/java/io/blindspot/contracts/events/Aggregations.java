package io.blindspot.contracts.events;

import java.util.List;

/**
 * How an experiment's per-slice values become one value per (intensity, sigma) cell ({@code "aggregation": [...]}
 * in its spec; {@code ?aggregation=} on scoring's queries). Definitions: scoring-service README.
 */
public final class Aggregations {
    /** The mean over every (volume, slice) of the per-slice values (the paper's). */
    public static final String SLICE_MEAN = "slice-mean";
    /** Each volume's slices pooled into one value, then the mean over volumes. */
    public static final String VOLUME_MEAN = "volume-mean";
    /** Every pixel of every slice and volume at once (MOOD's evaluation). */
    public static final String POOLED = "pooled";
    /** {@link #POOLED} with every residual first rounded to float16, as MOOD's evaluation reads predictions. */
    public static final String POOLED_FLOAT16 = "pooled-float16";

    /** Every aggregation a spec may list. */
    public static final List<String> ALL = List.of(SLICE_MEAN, VOLUME_MEAN, POOLED, POOLED_FLOAT16);
    /** A spec without {@code aggregation}. */
    public static final List<String> DEFAULT = List.of(SLICE_MEAN);

    private Aggregations() {
    }

    /** The list, or {@link #DEFAULT} when null or empty. */
    public static List<String> orDefault(List<String> aggregation) {
        return aggregation == null || aggregation.isEmpty() ? DEFAULT : List.copyOf(aggregation);
    }
}
