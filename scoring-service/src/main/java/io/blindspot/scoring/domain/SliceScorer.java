package io.blindspot.scoring.domain;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.Modes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scores every anomaly variant of one slice against one reconstruction.
 *
 * <ul>
 *   <li>{@code normal-rec}: the reconstruction is [rows, cols] (the normal slice reconstructed); variant v's
 *       residual is |rec − anomalous[v]| (experiment 1, figure 1a).</li>
 *   <li>{@code anomal-rec}: the reconstruction is [variants, rows, cols]; variant v's residual is
 *       |rec[v] − anomalous[v]| (figure 3a).</li>
 * </ul>
 * The label [rows, cols] of 0/1 is shared by all variants.
 *
 * <p>Fast path (normal-rec), scoring only what changes from variant to variant. The variants of a slice differ
 * only on the label pixels ({@link SliceVariants} checks it once per slice), and one reconstruction serves all of
 * them, so the residual outside the label is computed and sorted once per event, into an
 * {@link IncrementalAveragePrecision}; each variant then costs its k label pixels: a merge of the once-sorted
 * reconstruction values when its label pixels all hold one value (the paper's disk, {@link LabelResiduals}), a
 * sort of its k residuals otherwise. A variant that differs outside the label is scored by the full-sort
 * {@link AveragePrecision}. All paths give the same bits; anomal-rec always sorts in full, since there the
 * reconstruction, hence every residual, differs per variant.
 *
 * <p>Mean residuals keep their definition (the whole residual map summed in double in pixel order: a sum split
 * into label and background would round differently) without a map per variant: the sum up to the first label
 * pixel is shared, and from there every variant's running sum advances together, pixel by pixel, so the
 * additions are the same ones in the same order. Background pixels whose residual is 0 are skipped: adding +0.0
 * to a sum of non-negative values leaves it unchanged, bit for bit.
 */
public final class SliceScorer {
    private SliceScorer() {
    }

    /** How many variants each AP path scored; lets tests see which path ran. Not thread-safe. */
    static final class PathCounts {
        /** Shared sorted negatives (of which {@link #merged} also needed no sort of their own). */
        int incremental;
        /** Incremental, with the label residuals merged from the sorted reconstruction instead of sorted. */
        int merged;
        int fullSort;
    }

    /**
     * What the normal-rec AP loop hands to the metrics computed beside AP ({@link SliceMetrics}), so that they
     * sort nothing the scorer sorted: the prepared structures once per (slice, reconstruction), then, for each
     * variant scored by the merge, its distinct label residuals and the AP's look-ups of them. Called on the
     * scoring thread, in variant order; the arrays are the scorer's scratch, valid only during the call.
     */
    interface Beside {
        /**
         * @param negatives the background's sorted negatives (null when no variant shares the reference's)
         * @param sortedRec the reconstruction's label values, sorted (null likewise)
         */
        void prepared(float[] rec, IncrementalAveragePrecision negatives, LabelResiduals sortedRec);

        /** Variant v's groups ({@link LabelResiduals#descendingGroups}) and the AP's look-ups of them. */
        void merged(int v, float c, int[] groupValues, int[] groupEnds, int distinct, int[] lookUps);
    }

    /**
     * @param anomalous      float32 [variants, rows, cols]
     * @param label          float32 [rows, cols], each value 0 or 1
     * @param reconstruction [rows, cols] in normal-rec, [variants, rows, cols] in anomal-rec
     * @param mode           {@link Modes#NORMAL_REC} or {@link Modes#ANOMAL_REC}
     * @return one score per variant, in variant order
     * @throws IllegalArgumentException when shapes, labels or mode do not fit together
     */
    public static List<VariantScore> score(FloatArray anomalous, FloatArray label, FloatArray reconstruction,
                                           String mode) {
        return score(anomalous, label, reconstruction, mode, new PathCounts());
    }

    /** {@link #score(FloatArray, FloatArray, FloatArray, String)}, counting the AP paths taken into paths. */
    static List<VariantScore> score(FloatArray anomalous, FloatArray label, FloatArray reconstruction,
                                    String mode, PathCounts paths) {
        boolean perVariant = perVariantReconstruction(mode);
        return score(SliceVariants.of(anomalous, label), reconstruction, perVariant, paths);
    }

    /**
     * The scorer's entry: the variants prepared once per slice, one reconstruction per call.
     *
     * @throws IllegalArgumentException when the reconstruction's shape or the mode do not fit
     */
    public static List<VariantScore> score(SliceVariants slice, FloatArray reconstruction, String mode) {
        return score(slice, reconstruction, perVariantReconstruction(mode), new PathCounts());
    }

    static List<VariantScore> score(SliceVariants slice, FloatArray reconstruction, boolean perVariant,
                                    PathCounts paths) {
        int variants = slice.variants();
        int[] shape = {variants, slice.rows(), slice.cols()};
        if (perVariant) {
            if (!Arrays.equals(reconstruction.shape(), shape)) {
                throw new IllegalArgumentException("anomal-rec reconstruction must be " + Arrays.toString(shape)
                        + " like the anomalous stack, got " + Arrays.toString(reconstruction.shape()));
            }
            return perVariant(slice, reconstruction.data(), 0, paths);
        }
        SliceVariants.requirePlane("normal-rec reconstruction", reconstruction, slice.rows(), slice.cols());
        return shared(slice, reconstruction.data(), paths, null);
    }

    /**
     * Scores one sigma of a block of reconstructions (one array holding several sigmas' reconstructions one
     * after the other), reading it in place: in {@code normal-rec} its [rows, cols] plane starts at
     * {@code offset} (copied once, 0.16 MB, since the sorted label residuals index a plane of its own); in
     * {@code anomal-rec} its [variants, rows, cols] (~16 MB for 100 variants) is read where it lies, not copied.
     * The same scores, bit for bit, as {@link #score(SliceVariants, FloatArray, String)} on that part alone.
     *
     * @param reconstructions the block's values, C order
     * @param offset          index of this sigma's first value
     * @throws IllegalArgumentException when the mode is unknown or this sigma's part runs past the array's end
     */
    public static List<VariantScore> scoreAt(SliceVariants slice, float[] reconstructions, int offset,
                                             String mode) {
        return scoreAt(slice, reconstructions, offset, perVariantReconstruction(mode), new PathCounts());
    }

    static List<VariantScore> scoreAt(SliceVariants slice, float[] reconstructions, int offset, boolean perVariant,
                                      PathCounts paths) {
        return scoreAt(slice, reconstructions, offset, perVariant, paths, null);
    }

    /** {@link #scoreAt}, handing the normal-rec path's sorted structures and merges to {@code beside}. */
    static List<VariantScore> scoreAt(SliceVariants slice, float[] reconstructions, int offset, boolean perVariant,
                                      PathCounts paths, Beside beside) {
        int pixels = slice.pixels();
        long size = perVariant ? (long) slice.variants() * pixels : pixels;
        if (offset < 0 || offset + size > reconstructions.length) {
            throw new IllegalArgumentException("a reconstruction of " + size + " values at " + offset
                    + " runs past the block's " + reconstructions.length + " values");
        }
        if (perVariant) {
            return perVariant(slice, reconstructions, offset, paths);
        }
        return shared(slice, Arrays.copyOfRange(reconstructions, offset, offset + pixels), paths, beside);
    }

    /** anomal-rec: a residual map and a full sort per variant; variant v's reconstruction at offset + v × pixels. */
    private static List<VariantScore> perVariant(SliceVariants slice, float[] rec, int offset, PathCounts paths) {
        int pixels = slice.pixels();
        float[] plane = new float[pixels];
        float[] residual = new float[pixels];
        List<VariantScore> scores = new ArrayList<>(slice.variants());
        for (int v = 0; v < slice.variants(); v++) {
            slice.plane(v, plane);
            Residual.compute(rec, offset + v * pixels, plane, 0, residual);
            scores.add(new VariantScore(v, AveragePrecision.compute(residual, slice.positive()),
                    Residual.mean(residual)));
            paths.fullSort++;
        }
        return scores;
    }

    /** normal-rec: the background once, then each variant's label pixels. */
    private static List<VariantScore> shared(SliceVariants slice, float[] rec, PathCounts paths, Beside beside) {
        int variants = slice.variants();
        int pixels = slice.pixels();
        boolean[] positive = slice.positive();
        int[] labelPixels = slice.labelPixels();
        int k = labelPixels.length;

        // The reference variant's residual map: its background is every sharing variant's background.
        float[] background = new float[pixels];
        Residual.compute(rec, 0, slice.reference(), 0, background);
        boolean anyShared = false;
        for (int v = 0; v < variants && !anyShared; v++) {
            anyShared = slice.sharesReference(v);
        }
        IncrementalAveragePrecision negatives = anyShared
                ? IncrementalAveragePrecision.ofNegatives(background, positive) : null;
        LabelResiduals sortedRec = anyShared ? new LabelResiduals(rec, labelPixels) : null;
        double[] means = anyShared ? sharedMeans(background, labelPixels, rec, slice.labelValues(), variants)
                : new double[variants];
        if (beside != null) {
            beside.prepared(rec, negatives, sortedRec);
        }

        IncrementalAveragePrecision.Workspace workspace = new IncrementalAveragePrecision.Workspace();
        int[] keys = workspace.keys(k);
        int[] groupValues = workspace.groupValues(k);
        int[] groupEnds = workspace.groupEnds(k);
        float[] labelValues = slice.labelValues();
        float[] plane = null;
        float[] residual = null;
        List<VariantScore> scores = new ArrayList<>(variants);
        for (int v = 0; v < variants; v++) {
            double ap;
            double mean = means[v];
            if (slice.sharesReference(v)) {
                if (slice.constantOnLabel(v)) {
                    float c = slice.constant(v);
                    int distinct = sortedRec.descendingGroups(c, groupValues, groupEnds);
                    ap = negatives.apOfGroups(groupValues, groupEnds, distinct, k, workspace);
                    if (beside != null) {
                        beside.merged(v, c, groupValues, groupEnds, distinct, workspace.lookUps());
                    }
                    paths.merged++;
                } else {
                    for (int j = 0; j < k; j++) {
                        keys[j] = IncrementalAveragePrecision.key(
                                Math.abs(rec[labelPixels[j]] - labelValues[j * variants + v]), "positive",
                                labelPixels[j]);
                    }
                    RadixSort.sort(keys, k);
                    IncrementalAveragePrecision.reverse(keys, k);
                    ap = negatives.apOfDescending(keys, k, workspace);
                }
                paths.incremental++;
            } else {
                if (plane == null) {
                    plane = new float[pixels];
                    residual = new float[pixels];
                }
                slice.plane(v, plane);
                Residual.compute(rec, 0, plane, 0, residual);
                ap = AveragePrecision.compute(residual, positive);
                mean = Residual.mean(residual);
                paths.fullSort++;
            }
            scores.add(new VariantScore(v, ap, mean));
        }
        return scores;
    }

    /**
     * {@link Residual#mean} of every variant's residual map (entries of variants that do not share the
     * background are meaningless), with the same additions in the same order as the map-by-map sum: the prefix
     * before the first label pixel once, then all running sums side by side (independent additions, which the
     * CPU overlaps, instead of one dependent chain per variant).
     *
     * @param background  the residual map of the reference variant, pixel order
     * @param labelValues variant v's anomalous value on label pixel j at {@code j * variants + v}
     */
    static double[] sharedMeans(float[] background, int[] labelPixels, float[] rec, float[] labelValues,
                                int variants) {
        int pixels = background.length;
        int first = labelPixels.length > 0 ? labelPixels[0] : pixels;
        double prefix = 0.0;
        for (int i = 0; i < first; i++) {
            prefix += background[i];
        }
        double[] sums = new double[variants];
        Arrays.fill(sums, prefix);
        int j = 0;
        for (int i = first; i < pixels; i++) {
            if (j < labelPixels.length && labelPixels[j] == i) {
                float r = rec[i];
                int base = j * variants;
                for (int v = 0; v < variants; v++) {
                    sums[v] += Math.abs(r - labelValues[base + v]);
                }
                j++;
            } else {
                float b = background[i];
                if (b != 0f) {      // + 0.0 changes no sum here (all are ≥ +0.0); -0f never occurs (Math.abs)
                    for (int v = 0; v < variants; v++) {
                        sums[v] += b;
                    }
                }
            }
        }
        for (int v = 0; v < variants; v++) {
            sums[v] /= pixels;
        }
        return sums;
    }

    /**
     * Whether two planes of the stack agree, bit for bit, on every pixel outside the label: then, against one
     * reconstruction, their negatives' residuals are identical. Bits rather than {@code ==}: -0f and 0f differ
     * here (the fallback then handles it, still exactly), and equal NaN bits give equal NaN residuals, which
     * both AP paths reject.
     */
    static boolean sameOutsideLabel(float[] stack, int firstOffset, int secondOffset, boolean[] positive) {
        for (int i = 0; i < positive.length; i++) {
            if (!positive[i] && Float.floatToRawIntBits(stack[firstOffset + i])
                    != Float.floatToRawIntBits(stack[secondOffset + i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean perVariantReconstruction(String mode) {
        if (Modes.NORMAL_REC.equals(mode)) {
            return false;
        }
        if (Modes.ANOMAL_REC.equals(mode)) {
            return true;
        }
        throw new IllegalArgumentException("unknown reconstruction mode '" + mode + "' (expected "
                + Modes.NORMAL_REC + " or " + Modes.ANOMAL_REC + ")");
    }

    /** The label as booleans; anything but exactly 0 or 1 is bad data, not a soft label. */
    static boolean[] positives(float[] label) {
        return SliceVariants.positives(label);
    }
}
