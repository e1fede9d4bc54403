package io.blindspot.scoring.domain.metric;

import io.blindspot.scoring.domain.IncrementalAveragePrecision;
import io.blindspot.scoring.domain.LabelResiduals;

import java.util.Arrays;

/**
 * Every pixel metric of one (slice, sigma) of a normal-rec grid, for each disk value c, without sorting the slice
 * per cell: the scoring-service's fast AP path extended to the other metrics. The residual map of value c is the
 * reference residual outside the label (shared by all intensities) and {@code |rec − c|} on the label pixels.
 *
 * <p>Built once per (slice, sigma): the negatives sorted ({@link IncrementalAveragePrecision}, the AP kernel's
 * structure), the reconstruction's label values sorted ({@link LabelResiduals}); the label's regions
 * ({@link ConnectedComponents}) on the first AUPRO. Then per c: AP, AUROC and best Dice cost one merge of the k label residuals
 * into distinct groups and one or two look-ups per group; AUPRO sorts the k label residuals with their regions.
 * Each equals its full-sort kernel on the materialised map (AP bit for bit; AUROC, best Dice, AUPRO to ~1e-15).
 *
 * <p>Not thread-safe (it keeps scratch arrays): one per thread.
 */
public final class NormalRecBlock {
    private final IncrementalAveragePrecision negatives;
    private final LabelResiduals labelResiduals;
    private final float[] rec;
    private final boolean[] label;
    private final int rows;
    private final int cols;
    private final int[] labelPixels;
    /** The label's regions, found on the first {@link #aupro} (the other metrics do not need them). */
    private int[] regionOf;
    private int[] regionSizes;
    private int regions;
    private final IncrementalAveragePrecision.Workspace workspace = new IncrementalAveragePrecision.Workspace();
    private final int[] groupValues;
    private final int[] groupEnds;

    /**
     * @param referenceResidual the residual map of any variant of the slice ([rows, cols]); only its negatives
     *                          are read
     * @param label             the label
     * @param rec               the reconstruction (normal-rec: of the normal slice)
     */
    public NormalRecBlock(float[] referenceResidual, boolean[] label, float[] rec, int rows, int cols) {
        this(checked(referenceResidual, label, rec, rows, cols), null, rec, label, pixelsOf(label), rows, cols);
    }

    /**
     * The block around the structures the AP scorer already built for this (slice, reconstruction): its sorted
     * negatives and its sorted label reconstruction values ({@code SliceScorer}'s normal-rec path), so the metrics
     * beside AP sort nothing again. The same values as the block built from the maps.
     *
     * @param labelPixels the label's pixel indices, ascending (those {@code labelResiduals} was built from)
     */
    public static NormalRecBlock sharing(IncrementalAveragePrecision negatives, LabelResiduals labelResiduals,
                                         float[] rec, boolean[] label, int[] labelPixels, int rows, int cols) {
        if (label.length != rows * cols || rec.length != label.length || labelResiduals.size() != labelPixels.length) {
            throw new IllegalArgumentException("label, reconstruction and label values must fit " + rows + " x "
                    + cols);
        }
        return new NormalRecBlock(negatives, labelResiduals, rec, label, labelPixels, rows, cols);
    }

    private NormalRecBlock(IncrementalAveragePrecision negatives, LabelResiduals labelResiduals, float[] rec,
                           boolean[] label, int[] labelPixels, int rows, int cols) {
        this.negatives = negatives;
        this.labelPixels = labelPixels;
        this.rec = rec;
        this.label = label;
        this.rows = rows;
        this.cols = cols;
        this.labelResiduals = labelResiduals != null ? labelResiduals : new LabelResiduals(rec, labelPixels);
        groupValues = new int[labelPixels.length];
        groupEnds = new int[labelPixels.length];
    }

    private static IncrementalAveragePrecision checked(float[] referenceResidual, boolean[] label, float[] rec,
                                                       int rows, int cols) {
        if (label.length != rows * cols || referenceResidual.length != label.length || rec.length != label.length) {
            throw new IllegalArgumentException("residual, label and reconstruction must all be " + rows + " x " + cols);
        }
        return IncrementalAveragePrecision.ofNegatives(referenceResidual, label);
    }

    private static int[] pixelsOf(boolean[] label) {
        int k = 0;
        for (boolean b : label) {
            k += b ? 1 : 0;
        }
        int[] pixels = new int[k];
        for (int i = 0, j = 0; i < label.length; i++) {
            if (label[i]) {
                pixels[j++] = i;
            }
        }
        return pixels;
    }

    /** The sorted negatives (shared with pooled kernels). */
    public IncrementalAveragePrecision negatives() {
        return negatives;
    }

    /** Label pixels. */
    public int positives() {
        return labelPixels.length;
    }

    /** Fills the distinct-group arrays for value c; returns how many groups. */
    public int groups(float c, int[] values, int[] ends) {
        return labelResiduals.descendingGroups(c, values, ends);
    }

    public double ap(float c) {
        int distinct = labelResiduals.descendingGroups(c, groupValues, groupEnds);
        return negatives.apOfGroups(groupValues, groupEnds, distinct, labelPixels.length, workspace);
    }

    public double auroc(float c) {
        int distinct = labelResiduals.descendingGroups(c, groupValues, groupEnds);
        return Auroc.ofGroups(negatives, groupValues, groupEnds, distinct);
    }

    public Dice.Best bestDice(float c) {
        int distinct = labelResiduals.descendingGroups(c, groupValues, groupEnds);
        return Dice.bestOfGroups(negatives, groupValues, groupEnds, distinct);
    }

    /**
     * {@link Aupro#compute} of the map of value c. Between two distinct positive values only negatives enter, so
     * the curve runs flat there; each positive value v adds the point (negatives above v, PRO before) and then
     * (negatives at or above v, PRO after): the same polyline as the full walk, with its flat runs merged.
     */
    public double aupro(float c, double maxFpr) {
        if (regionOf == null) {
            ConnectedComponents.Regions r = ConnectedComponents.label(label, rows, cols);
            int[] of = new int[labelPixels.length];
            for (int j = 0; j < of.length; j++) {
                of[j] = r.region()[labelPixels[j]];
            }
            regionSizes = r.sizes();
            regions = r.count();
            regionOf = of;
        }
        int k = labelPixels.length;
        int m = negatives.negativeCount();
        if (regions == 0 || m == 0) {
            return Double.NaN;
        }
        long[] keys = new long[k];
        for (int j = 0; j < k; j++) {
            keys[j] = ((long) Scores.key(Math.abs(rec[labelPixels[j]] - c), labelPixels[j]) << 32) | j;
        }
        Arrays.sort(keys);
        Aupro.Curve curve = new Aupro.Curve(maxFpr);
        double overlapSum = 0.0;
        double pro = 0.0;
        int i = k - 1;
        while (i >= 0 && !curve.done()) {
            int key = (int) (keys[i] >> 32);
            long counts = negatives.countsAtOrAboveAndTied(key);
            long atOrAbove = counts >>> 32;
            curve.add((double) (atOrAbove - (counts & 0xffffffffL)) / m, pro);
            do {
                overlapSum += 1.0 / regionSizes[regionOf[(int) keys[i]] - 1];
                i--;
            } while (i >= 0 && (int) (keys[i] >> 32) == key);
            pro = overlapSum / regions;
            curve.add((double) atOrAbove / m, pro);
        }
        curve.add(1.0, pro);
        return curve.area();
    }
}
