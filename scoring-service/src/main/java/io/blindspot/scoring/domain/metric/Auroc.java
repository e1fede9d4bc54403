package io.blindspot.scoring.domain.metric;

import io.blindspot.scoring.domain.IncrementalAveragePrecision;

/**
 * Area under the ROC curve of a score map, as scikit-learn's {@code roc_auc_score} (binary labels), computed by
 * rank counting instead of a trapezoid over the curve.
 *
 * <p>Definition: AUROC = (Σ over positives of [negatives below it + ½ negatives tied with it]) / (P · N) — the
 * Mann-Whitney statistic, which equals sklearn's trapezoidal area over its (FPR, TPR) points exactly in real
 * arithmetic, ties included (a tie of a positive and a negative is a diagonal segment: half a unit). The
 * numerator is counted in integers (twice the sum, exact), and the one division rounds once, so values agree
 * with sklearn's floating-point trapezoid to ~1e-16.
 *
 * <p>Edge cases: no positive or no negative pixel: undefined (sklearn raises "Only one class present"), returned
 * as NaN so that a grid cell can store it. All scores tied: 0.5.
 */
public final class Auroc {
    private Auroc() {
    }

    /** The full-sort path: from a score map and its label. */
    public static double compute(float[] scores, boolean[] positive) {
        return of(ThresholdTable.of(scores, positive));
    }

    /** From a threshold table (any scores, pooled tables included). */
    public static double of(ThresholdTable table) {
        long p = table.positives();
        long n = table.negatives();
        if (p == 0 || n == 0) {
            return Double.NaN;
        }
        long twiceSum = 0;
        long previousTp = 0;
        long previousFp = 0;
        for (int i = 0; i < table.size(); i++) {
            long dTp = table.truePositives(i) - previousTp;
            long dFp = table.falsePositives(i) - previousFp;
            long below = n - table.falsePositives(i);
            twiceSum += dTp * (2 * below + dFp);
            previousTp = table.truePositives(i);
            previousFp = table.falsePositives(i);
        }
        return (double) twiceSum / (2.0 * p * n);
    }

    /**
     * The incremental path of normal-rec: the negatives sorted once ({@link IncrementalAveragePrecision}, the AP
     * kernel's own structure), the positives given as their distinct sortable keys, highest first, with how many
     * positives are at or above each ({@link io.blindspot.scoring.domain.LabelResiduals#descendingGroups}): two
     * look-ups per distinct positive value, no sort.
     *
     * @param ends     {@code ends[g]}: positives with a key ≥ {@code values[g]} (ascending, last = k)
     * @param distinct how many distinct keys
     */
    public static double ofGroups(IncrementalAveragePrecision negatives, int[] values, int[] ends, int distinct) {
        return ofGroups(negatives, values, ends, distinct, null);
    }

    /**
     * {@link #ofGroups(IncrementalAveragePrecision, int[], int[], int)} reusing the AP kernel's look-ups of the
     * same groups ({@link IncrementalAveragePrecision.Workspace#lookUps} right after
     * {@link IncrementalAveragePrecision#apOfGroups}): the scorer's shared path, where AUROC then costs one pass
     * over the groups. The same counts, hence the same bits.
     *
     * @param lookUps the AP's look-ups of these groups, or null to look each key up here
     */
    public static double ofGroups(IncrementalAveragePrecision negatives, int[] values, int[] ends, int distinct,
                                  int[] lookUps) {
        long n = negatives.negativeCount();
        long k = distinct == 0 ? 0 : ends[distinct - 1];
        if (k == 0 || n == 0) {
            return Double.NaN;
        }
        long twiceSum = 0;
        int previousEnd = 0;
        for (int g = 0; g < distinct; g++) {
            long counts = lookUps == null ? negatives.countsAtOrAboveAndTied(values[g])
                    : negatives.countsOfLookUp(values[g], lookUps[g]);
            long below = n - (counts >>> 32);
            long tied = counts & 0xffffffffL;
            twiceSum += (long) (ends[g] - previousEnd) * (2 * below + tied);
            previousEnd = ends[g];
        }
        return (double) twiceSum / (2.0 * k * n);
    }
}
