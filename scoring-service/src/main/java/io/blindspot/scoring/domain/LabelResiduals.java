package io.blindspot.scoring.domain;

import java.util.Arrays;

/**
 * The reconstruction's values on the label pixels of one slice, sorted once per (slice, reconstruction), so that
 * the residuals {@code |rec − c|} of a variant whose label pixels all hold the same value c (the paper's disk:
 * every label pixel is set to the intensity) come out in descending order by a merge, O(k), instead of a sort per
 * intensity.
 *
 * <p>Why a merge is exact: float subtraction rounds monotonically, so {@code rec − c} computed in float32 never
 * decreases as rec grows. Along the sorted values the residual {@code |rec − c|} therefore falls (rec below c)
 * and then rises (rec at or above c): the largest residuals sit at the two ends, and taking the larger end each
 * time yields every residual from the highest down — the same float values the residual map holds (computed by
 * the same {@code Math.abs(rec - c)}), so their sortable keys group ties exactly as a sort would.
 */
public final class LabelResiduals {
    /** rec at the label pixels, ascending (Arrays.sort order: -0f before 0f, which gives equal residuals). */
    private final float[] sorted;
    /** Raw bits above this (with the sign bit clear) are NaN. */
    private static final int POSITIVE_INFINITY_BITS = 0x7f800000;

    /**
     * @param reconstruction the [rows, cols] reconstruction (normal-rec)
     * @param labelPixels    indices of the label pixels
     * @throws IllegalArgumentException when the reconstruction is NaN on a label pixel (its residual would be)
     */
    public LabelResiduals(float[] reconstruction, int[] labelPixels) {
        sorted = new float[labelPixels.length];
        for (int j = 0; j < labelPixels.length; j++) {
            float r = reconstruction[labelPixels[j]];
            if (Float.isNaN(r)) {
                throw new IllegalArgumentException("score of positive pixel " + labelPixels[j]
                        + " is NaN (the reconstruction is NaN there)");
            }
            sorted[j] = r;
        }
        Arrays.sort(sorted);
    }

    /** Number of label pixels. */
    public int size() {
        return sorted.length;
    }

    /**
     * Writes the sortable keys ({@link AveragePrecision#sortableBits}) of {@code |rec − c|} over the label
     * pixels into {@code out[0 .. size())}, highest first.
     *
     * @throws IllegalArgumentException when c is NaN
     */
    public void descendingKeys(float c, int[] out) {
        int[] values = new int[sorted.length];
        int[] ends = new int[sorted.length];
        int distinct = descendingGroups(c, values, ends);
        for (int g = 0, i = 0; g < distinct; g++) {
            while (i < ends[g]) {
                out[i++] = values[g];
            }
        }
    }

    /**
     * {@link #descendingKeys}, grouped: the distinct keys of {@code |rec − c|}, highest first, into
     * {@code values}, and in {@code ends[g]} how many label pixels have a key ≥ {@code values[g]} — the form
     * {@link IncrementalAveragePrecision#apOfGroups} takes, without a second pass over the keys.
     *
     * @return how many distinct keys
     * @throws IllegalArgumentException when c is NaN
     */
    public int descendingGroups(float c, int[] values, int[] ends) {
        if (Float.isNaN(c)) {
            throw new IllegalArgumentException("score of positive pixels is NaN (the anomalous value is NaN)");
        }
        int lo = 0;
        int hi = sorted.length - 1;
        int o = 0;
        int distinct = 0;
        int previous = -1;         // no key: keys are ≥ 0
        while (lo <= hi) {
            int low = Float.floatToRawIntBits(Math.abs(sorted[lo] - c));
            int high = Float.floatToRawIntBits(Math.abs(sorted[hi] - c));
            if (low > POSITIVE_INFINITY_BITS || high > POSITIVE_INFINITY_BITS) {
                throw new IllegalArgumentException("score of a positive pixel is NaN (infinite rec and anomalous)");
            }
            int key;
            if (low >= high) {
                key = low;
                lo++;
            } else {
                key = high;
                hi--;
            }
            o++;
            if (key != previous) {
                values[distinct++] = key;
                previous = key;
            }
            ends[distinct - 1] = o;
        }
        return distinct;
    }
}
