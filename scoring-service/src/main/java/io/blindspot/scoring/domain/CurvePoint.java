package io.blindspot.scoring.domain;

/**
 * One point of an AP curve: a cell of the grid seen along one parameter.
 *
 * @param x      the parameter the curve runs along: intensity (experiments 1 and 3) or sigma (experiment 2)
 * @param index  the cell's index along that parameter, in the experiment's spec order
 * @param apMean mean AP over the cell's slices
 * @param apStd  sample standard deviation over slices (ddof = 1); null below two slices
 * @param n      number of slices in the cell
 * @param ciLow  low edge of the 95% confidence interval ({@link ConfidenceBand}); null below two slices
 * @param ciHigh high edge of the 95% confidence interval; null below two slices
 */
public record CurvePoint(double x, int index, double apMean, Double apStd, int n, Double ciLow, Double ciHigh) {

    /** The point of a cell, with its confidence interval. */
    public static CurvePoint of(double x, int index, double apMean, Double apStd, int n) {
        ConfidenceBand.Interval ci = ConfidenceBand.of(apMean, apStd, n);
        return new CurvePoint(x, index, apMean, apStd, n, ci == null ? null : ci.low(), ci == null ? null : ci.high());
    }
}
