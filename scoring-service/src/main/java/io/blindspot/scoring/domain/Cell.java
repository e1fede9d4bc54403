package io.blindspot.scoring.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One (intensity, sigma) cell of the paper's grid: the per-slice APs summarised over slices. A texture
 * experiment (one variant, no intensity) has one row of cells: intensity index 0, intensity null.
 *
 * @param intensity    the disk's intensity; null for a texture
 * @param apMean       mean AP over slices (the paper's grid value)
 * @param apStd        SAMPLE standard deviation over slices (ddof = 1, like {@code numpy.std(ddof=1)});
 *                     null when fewer than two slices are in, since one value has no spread to estimate
 * @param n            number of slices in the cell so far
 * @param meanResidual mean over slices of each slice's mean residual
 */
public record Cell(int intensityIndex, int sigmaIndex, Double intensity, double sigma, double apMean, Double apStd,
                   int n, double meanResidual) {

    private static final Comparator<SliceResult> CELL_THEN_SLICE = Comparator
            .comparingInt(SliceResult::intensityIndex)
            .thenComparingInt(SliceResult::sigmaIndex)
            .thenComparingInt(SliceResult::volume)
            .thenComparingInt(SliceResult::axis)
            .thenComparingInt(SliceResult::slice);

    /**
     * Groups per-slice results into cells ordered by intensity index, then sigma index. Within a cell slices
     * are summed in (volume, axis, slice) order, left to right, then divided by n: the order
     * {@code numpy.mean(axis=0)} uses on a [slices, intensities, sigmas] array whose slices are stacked volume by
     * volume, so grid values match a numpy mean bit for bit (one volume: (axis, slice) order, as before).
     */
    public static List<Cell> aggregate(List<SliceResult> results) {
        List<SliceResult> sorted = new ArrayList<>(results);
        sorted.sort(CELL_THEN_SLICE);
        List<Cell> cells = new ArrayList<>();
        int start = 0;
        while (start < sorted.size()) {
            SliceResult first = sorted.get(start);
            int end = start;
            while (end < sorted.size() && sorted.get(end).intensityIndex() == first.intensityIndex()
                    && sorted.get(end).sigmaIndex() == first.sigmaIndex()) {
                end++;
            }
            cells.add(of(sorted.subList(start, end)));
            start = end;
        }
        return cells;
    }

    private static Cell of(List<SliceResult> slices) {
        SliceResult first = slices.get(0);
        int n = slices.size();
        double apSum = 0.0;
        double residualSum = 0.0;
        for (SliceResult s : slices) {
            apSum += s.ap();
            residualSum += s.meanResidual();
        }
        double apMean = apSum / n;
        return new Cell(first.intensityIndex(), first.sigmaIndex(), first.intensity(), first.sigma(), apMean,
                sampleStd(slices, apMean), n, residualSum / n);
    }

    /** Two passes like numpy: squared deviations from the mean, summed, over n − 1. */
    private static Double sampleStd(List<SliceResult> slices, double mean) {
        int n = slices.size();
        if (n < 2) {
            return null;
        }
        double squares = 0.0;
        for (SliceResult s : slices) {
            double d = s.ap() - mean;
            squares += d * d;
        }
        return Math.sqrt(squares / (n - 1));
    }
}
