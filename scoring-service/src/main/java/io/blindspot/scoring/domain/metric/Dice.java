package io.blindspot.scoring.domain.metric;

import io.blindspot.scoring.domain.IncrementalAveragePrecision;

/**
 * Dice of a thresholded score map against its label: {@code 2·TP / (2·TP + FP + FN) = 2·TP / (TP + FP + P)}, in
 * double (numerator and denominator are exact integers, so the value is the correctly rounded quotient, as
 * numpy's).
 *
 * <ul>
 *   <li><b>Best Dice</b> ({@code dice-best}): the maximum over every threshold t of the prediction
 *       {@code score ≥ t}, t ranging over the distinct scores (a threshold between two scores predicts what the
 *       next lower score predicts, and one above the maximum predicts nothing: Dice 0). Ties in the maximum go to
 *       the highest threshold. Reported with that threshold.</li>
 *   <li><b>Dice at a threshold</b> ({@code dice-at-normal-q99}, with the threshold of {@link NormalQuantile}): the
 *       prediction {@code score > t} — the pixels that exceed it, as "1 % of normal pixels exceed it" says.</li>
 * </ul>
 * No positive pixel (an all-normal label): Dice is undefined (0/0 for an empty prediction) and both return NaN.
 */
public final class Dice {
    private Dice() {
    }

    /** The best Dice and the threshold t (prediction {@code score ≥ t}) that reaches it; NaN, NaN without positives. */
    public record Best(double dice, double threshold) {
    }

    /** The full-sort path. */
    public static Best best(float[] scores, boolean[] positive) {
        return best(ThresholdTable.of(scores, positive));
    }

    public static Best best(ThresholdTable table) {
        long p = table.positives();
        if (p == 0) {
            return new Best(Double.NaN, Double.NaN);
        }
        double best = -1;
        double threshold = Double.NaN;
        for (int i = 0; i < table.size(); i++) {
            long tp = table.truePositives(i);
            double dice = 2.0 * tp / (tp + table.falsePositives(i) + p);
            if (dice > best) {
                best = dice;
                threshold = table.threshold(i);
            }
        }
        return new Best(best, threshold);
    }

    /**
     * The incremental path (normal-rec): the maximum is reached at a distinct positive value (lowering the
     * threshold past negatives only adds false positives), so one look-up per distinct positive value in the
     * sorted negatives suffices.
     *
     * @param values   distinct sortable keys of the positives, highest first
     * @param ends     {@code ends[g]}: positives with a key ≥ {@code values[g]}
     */
    public static Best bestOfGroups(IncrementalAveragePrecision negatives, int[] values, int[] ends, int distinct) {
        return bestOfGroups(negatives, values, ends, distinct, null);
    }

    /**
     * {@link #bestOfGroups(IncrementalAveragePrecision, int[], int[], int)} reusing the AP kernel's look-ups of the
     * same groups ({@link IncrementalAveragePrecision.Workspace#lookUps}); the same counts, the same bits.
     *
     * @param lookUps the AP's look-ups of these groups, or null to look each key up here
     */
    public static Best bestOfGroups(IncrementalAveragePrecision negatives, int[] values, int[] ends, int distinct,
                                    int[] lookUps) {
        long p = distinct == 0 ? 0 : ends[distinct - 1];
        if (p == 0) {
            return new Best(Double.NaN, Double.NaN);
        }
        double best = -1;
        int at = 0;
        for (int g = 0; g < distinct; g++) {
            long tp = ends[g];
            long fp = lookUps == null ? negatives.countAtOrAbove(values[g])
                    : negatives.negativeCount() - (lookUps[g] >>> 1);
            double dice = 2.0 * tp / (tp + fp + p);
            if (dice > best) {
                best = dice;
                at = g;
            }
        }
        return new Best(best, Scores.fromSortableBits(values[at]));
    }

    /** Dice of the prediction {@code score > threshold}; NaN without positives. */
    public static double atThreshold(float[] scores, boolean[] positive, double threshold) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + positive.length + " labels");
        }
        long p = 0;
        long tp = 0;
        long fp = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean predicted = scores[i] > threshold;
            p += positive[i] ? 1 : 0;
            tp += predicted && positive[i] ? 1 : 0;
            fp += predicted && !positive[i] ? 1 : 0;
        }
        return p == 0 ? Double.NaN : 2.0 * tp / (tp + fp + p);
    }
}
