package io.blindspot.scoring.domain.metric;

import io.blindspot.scoring.domain.AveragePrecision;

/** Conversions between float scores and the AP kernel's sortable keys ({@link AveragePrecision#sortableBits}). */
final class Scores {
    private Scores() {
    }

    /** The float whose sortable key is {@code key} (-0f comes back as 0f). */
    static float fromSortableBits(int key) {
        return Float.intBitsToFloat(key >= 0 ? key : key ^ 0x7fffffff);
    }

    static int key(float score, int index) {
        if (Float.isNaN(score)) {
            throw new IllegalArgumentException("score " + index + " is NaN");
        }
        return AveragePrecision.sortableBits(score);
    }
}
