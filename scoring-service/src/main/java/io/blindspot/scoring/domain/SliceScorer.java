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
 */
public final class SliceScorer {
    private SliceScorer() {
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

        List<VariantScore> scores = new ArrayList<>(variants);
        float[] residual = new float[pixels];
        for (int v = 0; v < variants; v++) {
            Residual.compute(reconstruction.data(), perVariant ? v * pixels : 0, anomalous.data(), v * pixels,
                    residual);
            scores.add(new VariantScore(v, AveragePrecision.compute(residual, positive), Residual.mean(residual)));
        }
        return scores;
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
