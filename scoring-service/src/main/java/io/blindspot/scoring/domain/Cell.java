package io.blindspot.scoring.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One (intensity, sigma) cell of the paper's grid: the per-slice APs summarised over slices. A texture
 * experiment (one variant, no intensity) has one row of cells: intensity index 0, intensity null.
 *
 * <p>Undefined values: a metric can be NaN on a slice (AUROC, AUPRO or best Dice of a slice without lesion pixel
 * or without negative; normalised AP of an all-lesion slice). Such slices are left out of the mean and the
 * standard deviation, as {@code numpy.nanmean} / {@code nanstd(ddof=1)} do, and counted in {@code skipped}:
 * {@code n} is the number of slices USED. A cell whose every slice is NaN has mean NaN, n 0. (The alternative,
 * a NaN mean as soon as one slice is undefined, would blank whole heatmap rows for one odd slice; treating NaN as
 * 0 or 0.5 would invent a value.) AP itself is never NaN (no lesion: 0, sklearn's convention).
 *
 * @param intensity    the disk's intensity; null for a texture
 * @param apMean       mean AP over slices (the paper's grid value); of the metric read, over its defined values
 * @param apStd        SAMPLE standard deviation over slices (ddof = 1, like {@code numpy.std(ddof=1)});
 *                     null when fewer than two slices are used, since one value has no spread to estimate
 * @param n            number of slices whose value entered the mean (defined, not NaN)
 * @param meanResidual mean over slices of each slice's mean residual (every slice of the cell)
 * @param prevalence   mean over the cell's slices of their lesion prevalence (label pixels / pixels): the chance
 *                     level of the slice-mean AP (a random score's expected AP per slice, averaged as the APs
 *                     are); null when a slice's prevalence is not stored (rows from before it was). The chance
 *                     level of a POOLED AP is instead total label pixels / total pixels of the pooled slices (the
 *                     aggregation stage's to report beside its pooled values).
 * @param skipped      slices of the cell whose value is NaN (left out of mean, std and n)
 */
public record Cell(int intensityIndex, int sigmaIndex, Double intensity, double sigma, double apMean, Double apStd,
                   int n, double meanResidual, Double prevalence, int skipped) {

    /** A cell without prevalence and without skipped slices. */
    public Cell(int intensityIndex, int sigmaIndex, Double intensity, double sigma, double apMean, Double apStd,
                int n, double meanResidual) {
        this(intensityIndex, sigmaIndex, intensity, sigma, apMean, apStd, n, meanResidual, null, 0);
    }

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
     * volume, so grid values match a numpy mean bit for bit (one volume: (axis, slice) order, as before). NaN
     * values are skipped ({@code numpy.nanmean}: the same sum over the defined values).
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
        int n = 0;
        double apSum = 0.0;
        double residualSum = 0.0;
        double prevalenceSum = 0.0;
        boolean prevalenceKnown = true;
        for (SliceResult s : slices) {
            if (!Double.isNaN(s.ap())) {
                apSum += s.ap();
                n++;
            }
            residualSum += s.meanResidual();
            if (s.prevalence() == null) {
                prevalenceKnown = false;
            } else {
                prevalenceSum += s.prevalence();
            }
        }
        double apMean = n == 0 ? Double.NaN : apSum / n;
        return new Cell(first.intensityIndex(), first.sigmaIndex(), first.intensity(), first.sigma(), apMean,
                sampleStd(slices, apMean, n), n, residualSum / slices.size(),
                prevalenceKnown ? prevalenceSum / slices.size() : null, slices.size() - n);
    }

    /** Two passes like numpy: squared deviations from the mean, summed, over n − 1 (defined values only). */
    private static Double sampleStd(List<SliceResult> slices, double mean, int n) {
        if (n < 2) {
            return null;
        }
        double squares = 0.0;
        for (SliceResult s : slices) {
            if (!Double.isNaN(s.ap())) {
                double d = s.ap() - mean;
                squares += d * d;
            }
        }
        return Math.sqrt(squares / (n - 1));
    }
}
