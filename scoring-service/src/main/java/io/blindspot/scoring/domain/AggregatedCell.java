package io.blindspot.scoring.domain;

/**
 * A cell under one aggregation ({@code ?aggregation=}), with its intervals (95 %): the t-interval over the units
 * (slices for slice-mean, volumes for volume-mean; null for pooled and below two units) and the percentile
 * bootstrap (null without {@code evaluation.bootstrap} or with one unit). {@code cell.apMean()} holds the value,
 * {@code cell.apStd()} the sample standard deviation over the units (null for pooled), {@code cell.n()} the units
 * (slices pooled for pooled).
 */
public record AggregatedCell(String aggregation, Cell cell, Double ciLow, Double ciHigh, Double bootLow,
                             Double bootHigh) {
}
