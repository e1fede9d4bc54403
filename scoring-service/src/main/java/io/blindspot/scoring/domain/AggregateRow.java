package io.blindspot.scoring.domain;

import java.util.UUID;

/**
 * A stored cross-slice value ({@code aggregates}): one (aggregation, metric, cell) and, for volume-mean's
 * per-volume values, one volume ({@code volume} = {@link CrossSliceAggregates#ALL_VOLUMES} for the cell's value).
 * Intervals are null where they do not apply ({@link CrossSliceAggregates.Value}).
 */
public record AggregateRow(UUID experimentId, String reconstructor, String mode, String aggregation, String metric,
                           int intensityIndex, int sigmaIndex, int volume, double value, int n, Double std,
                           Double ciLow, Double ciHigh, Double bootLow, Double bootHigh) {
}
