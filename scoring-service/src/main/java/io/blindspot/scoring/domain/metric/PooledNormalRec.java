package io.blindspot.scoring.domain.metric;

import io.blindspot.scoring.domain.IncrementalAveragePrecision;
import io.blindspot.scoring.domain.LabelResiduals;

/**
 * The pooled table metrics ({@code ap}, {@code ap-normalised}, {@code auroc}, {@code dice-best}) of several slices
 * of a normal-rec grid at one sigma, for each disk value c, without a threshold table per (slice, variant): the
 * aggregation stage's fast path ({@code CrossSliceAggregates}). As {@link NormalRecBlock} for one slice, with the
 * slices' pixels pooled: the negatives (every slice's reference residual outside its label, shared by all variants
 * that equal the reference there) sorted once ({@link PooledNegatives}: {@link IncrementalAveragePrecision}'s
 * arithmetic with look-ups suited to ~10^6 keys), the reconstruction's values on all the labels sorted once
 * ({@link LabelResiduals}); each c then costs one merge of the pooled label residuals {@code |rec − c|} into
 * distinct groups and one look-up per group, shared by the metrics.
 *
 * <p>Exact: the pooled residuals of a variant that equals each slice's reference outside the label and holds the
 * same float c on every label pixel of every slice are exactly these, so AP equals the merged tables' AP bit for
 * bit and AUROC and best Dice come from the same integer counts (NormalRecBlock's contract, ≤ 1e-12).
 *
 * <p>{@code float16} (MOOD's {@code pooled-float16}): the negatives are rounded to IEEE half before they are
 * sorted, and each c's positive groups are rounded and joined ({@link PooledAp#joinFloat16}).
 *
 * <p>Memory: the caller gathers only the negatives' scores and the label pixels' reconstruction values (no
 * residual map, label or reconstruction of the pooled slices is built); the instance keeps the sorted negatives
 * (8 bytes per negative) and the sorted label values. Not thread-safe (scratch arrays): one per thread.
 */
public final class PooledNormalRec {
    private final PooledNegatives negatives;
    private final LabelResiduals positives;
    private final boolean float16;
    private final int[] values;
    private final int[] ends;
    /** The groups of the value last {@link #select}ed; -1 before the first. */
    private int distinct = -1;

    /**
     * @param negativeScores every pooled pixel outside the labels: its reference residual {@code |rec − reference|}
     *                       (float32, as the residual map holds it); not kept, not modified
     * @param recOnLabels    the reconstruction's value at every pooled label pixel; not kept, not modified
     * @param float16        round every score to IEEE half first
     * @throws IllegalArgumentException on a NaN score or reconstruction value
     */
    public PooledNormalRec(float[] negativeScores, float[] recOnLabels, boolean float16) {
        negatives = new PooledNegatives(float16 ? PooledAp.toFloat16(negativeScores) : negativeScores);
        int[] all = new int[recOnLabels.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        positives = new LabelResiduals(recOnLabels, all);
        this.float16 = float16;
        values = new int[recOnLabels.length];
        ends = new int[recOnLabels.length];
    }

    /** Pooled label pixels (P). */
    public long positives() {
        return positives.size();
    }

    /** Pooled pixels outside the labels (N). */
    public long negatives() {
        return negatives.negativeCount();
    }

    /** Makes c (every label pixel's value in the variant) the current value: its label residuals grouped once. */
    public void select(float c) {
        distinct = positives.descendingGroups(c, values, ends);
        if (float16) {
            distinct = PooledAp.joinFloat16(values, ends, distinct);
        }
        negatives.forget();
    }

    /** The pooled AP of the current value: bit for bit the merged tables' {@link ThresholdTable#averagePrecision}. */
    public double ap() {
        requireSelected();
        return negatives.apOfGroups(values, ends, distinct, positives.size());
    }

    /** {@link ChanceLevel#normalisedAp} of {@link #ap} with the pooled prevalence P / (P + N). */
    public double apNormalised() {
        return ChanceLevel.normalisedAp(ap(), ChanceLevel.prevalence(positives(), positives() + negatives()));
    }

    /** The pooled AUROC of the current value ({@link Auroc#ofGroups}). */
    public double auroc() {
        requireSelected();
        return negatives.aurocOfGroups(values, ends, distinct);
    }

    /** The pooled best Dice of the current value ({@link Dice#bestOfGroups}). */
    public double diceBest() {
        requireSelected();
        return negatives.bestDiceOfGroups(values, ends, distinct);
    }

    private void requireSelected() {
        if (distinct < 0) {
            throw new IllegalStateException("select a value first");
        }
    }
}
