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
 * <p>Fast path (normal-rec): the variants of a slice differ only on the label pixels, and one reconstruction
 * serves all of them, so the negatives' residuals are the same for every variant. They are sorted once, from
 * the first variant, into an {@link IncrementalAveragePrecision}; each later variant is checked first (every
 * non-label pixel bit-equal to the first variant's, O(n)) and then costs a sort of its k label pixels only.
 * A variant that fails the check (an anomaly that also changes pixels outside the label) is scored by the
 * full-sort {@link AveragePrecision}. Both paths give the same bits; anomal-rec always sorts in full, since
 * there the reconstruction, hence every residual, differs per variant. The first variant rather than the normal
 * slice is the reference: exactness needs only that the variants' negatives agree with each other (which they do
 * whenever each equals the normal slice outside the label), and the normal slice would be one more read.
 */
public final class SliceScorer {
    private SliceScorer() {
    }

    /** How many variants each AP path scored; lets tests see which path ran. Not thread-safe. */
    static final class PathCounts {
        int incremental;
        int fullSort;
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
        int[] shape = anomalous.shape();
        if (shape.length != 3) {
            throw new IllegalArgumentException("anomalous stack must be [variants, rows, cols], got "
                    + Arrays.toString(shape));
        }
        int variants = shape[0];
        int pixels = shape[1] * shape[2];
        requireShape("label", label, shape[1], shape[2]);
        boolean perVariant = perVariantReconstruction(mode);
        if (perVariant) {
            if (!Arrays.equals(reconstruction.shape(), shape)) {
                throw new IllegalArgumentException("anomal-rec reconstruction must be " + Arrays.toString(shape)
                        + " like the anomalous stack, got " + Arrays.toString(reconstruction.shape()));
            }
        } else {
            requireShape("normal-rec reconstruction", reconstruction, shape[1], shape[2]);
        }
        boolean[] positive = positives(label.data());
        float[] an = anomalous.data();

        List<VariantScore> scores = new ArrayList<>(variants);
        float[] residual = new float[pixels];
        float[] positiveScores = null;
        IncrementalAveragePrecision shared = null;     // negatives of the first normal-rec variant
        int sharedOffset = 0;
        for (int v = 0; v < variants; v++) {
            int offset = v * pixels;
            Residual.compute(reconstruction.data(), perVariant ? offset : 0, an, offset, residual);
            double ap;
            if (!perVariant && (shared == null || sameOutsideLabel(an, sharedOffset, offset, positive))) {
                if (shared == null) {
                    shared = new IncrementalAveragePrecision(negatives(residual, positive));
                    sharedOffset = offset;
                    positiveScores = new float[pixels - shared.negativeCount()];
                }
                gather(residual, positive, positiveScores);
                ap = shared.ap(positiveScores);
                paths.incremental++;
            } else {
                ap = AveragePrecision.compute(residual, positive);
                paths.fullSort++;
            }
            // Summed over the whole residual in pixel order, as before: a sum split into label and background
            // would round differently.
            scores.add(new VariantScore(v, ap, Residual.mean(residual)));
        }
        return scores;
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

    /** The scores of the pixels outside the label, in pixel order. */
    private static float[] negatives(float[] scores, boolean[] positive) {
        int count = 0;
        for (boolean p : positive) {
            count += p ? 0 : 1;
        }
        float[] selected = new float[count];
        int j = 0;
        for (int i = 0; i < scores.length; i++) {
            if (!positive[i]) {
                selected[j++] = scores[i];
            }
        }
        return selected;
    }

    /** Copies the positive pixels' scores into out (sized to the label's pixel count), in pixel order. */
    private static void gather(float[] scores, boolean[] positive, float[] out) {
        int j = 0;
        for (int i = 0; i < scores.length; i++) {
            if (positive[i]) {
                out[j++] = scores[i];
            }
        }
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

    /** Accepts [rows, cols] and, as numpy would broadcast it, [1, rows, cols]. */
    private static void requireShape(String what, FloatArray array, int rows, int cols) {
        int[] s = array.shape();
        boolean fits = (s.length == 2 && s[0] == rows && s[1] == cols)
                || (s.length == 3 && s[0] == 1 && s[1] == rows && s[2] == cols);
        if (!fits) {
            throw new IllegalArgumentException(what + " must be [" + rows + ", " + cols + "], got "
                    + Arrays.toString(s));
        }
    }

    /** The label as booleans; anything but exactly 0 or 1 is bad data, not a soft label. */
    static boolean[] positives(float[] label) {
        boolean[] positive = new boolean[label.length];
        for (int i = 0; i < label.length; i++) {
            float value = label[i];
            if (value == 1f) {
                positive[i] = true;
            } else if (value != 0f) {
                throw new IllegalArgumentException("label must be 0 or 1, found " + value + " at pixel " + i);
            }
        }
        return positive;
    }
}
