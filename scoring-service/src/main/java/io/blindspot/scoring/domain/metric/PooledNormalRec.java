package io.blindspot.scoring.domain.metric;

import io.blindspot.scoring.domain.IncrementalAveragePrecision;

import java.util.List;

/**
 * The pooled table metrics ({@code ap}, {@code ap-normalised}, {@code auroc}, {@code dice-best}) of several slices
 * of a normal-rec grid at one sigma, for each disk value c, without a threshold table per (slice, variant): the
 * aggregation stage's fast path ({@code CrossSliceAggregates}). The slices are concatenated into one 1 × N map and
 * handed to a {@link NormalRecBlock}: its negatives (every slice's reference residual outside its label, shared by
 * all variants that equal the reference there) are sorted once, the reconstruction's values on all the labels
 * once, and each c then costs one merge of the pooled label residuals {@code |rec − c|} into distinct groups and
 * one look-up per group.
 *
 * <p>Exact: the pooled residuals of a variant that equals each slice's reference outside the label and holds the
 * same float c on every label pixel of every slice are exactly these, so AP equals the merged tables' AP bit for
 * bit and AUROC and best Dice come from the same integer counts ({@link NormalRecBlock}'s contract, ≤ 1e-12).
 *
 * <p>{@code float16} (MOOD's {@code pooled-float16}): the negatives are rounded to IEEE half before they are
 * sorted, and each c's positive groups are rounded and joined ({@link PooledAp#joinFloat16}).
 *
 * <p>Not thread-safe (scratch arrays): one per thread.
 */
public final class PooledNormalRec {
    private final NormalRecBlock block;
    private final boolean float16;
    private final int[] values;
    private final int[] ends;
    private final IncrementalAveragePrecision.Workspace workspace = new IncrementalAveragePrecision.Workspace();
    /** The groups of the value last {@link #select}ed. */
    private int distinct = -1;
    /** Whether {@link #ap} ran on the current groups (then its look-ups serve AUROC and Dice). */
    private boolean looked;

    /**
     * @param referenceResiduals each slice's residual map for any variant that shares the reference (only its
     *                           negatives are read)
     * @param labels             each slice's label
     * @param recs               each slice's reconstruction (only its label pixels are read)
     * @param float16            round every score to IEEE half first
     */
    public PooledNormalRec(List<float[]> referenceResiduals, List<boolean[]> labels, List<float[]> recs,
                           boolean float16) {
        if (referenceResiduals.size() != labels.size() || recs.size() != labels.size()) {
            throw new IllegalArgumentException(referenceResiduals.size() + " residual maps, " + labels.size()
                    + " labels, " + recs.size() + " reconstructions");
        }
        int n = 0;
        for (int s = 0; s < labels.size(); s++) {
            int length = labels.get(s).length;
            if (referenceResiduals.get(s).length != length || recs.get(s).length != length) {
                throw new IllegalArgumentException("slice " + s + ": residual, label and reconstruction differ in"
                        + " length");
            }
            n += length;
        }
        float[] residual = new float[n];
        boolean[] label = new boolean[n];
        float[] rec = new float[n];
        int at = 0;
        for (int s = 0; s < labels.size(); s++) {
            int length = labels.get(s).length;
            float[] r = referenceResiduals.get(s);
            if (float16) {
                for (int i = 0; i < length; i++) {
                    residual[at + i] = PooledAp.toFloat16(r[i]);
                }
            } else {
                System.arraycopy(r, 0, residual, at, length);
            }
            System.arraycopy(labels.get(s), 0, label, at, length);
            System.arraycopy(recs.get(s), 0, rec, at, length);
            at += length;
        }
        block = new NormalRecBlock(residual, label, rec, 1, n);
        this.float16 = float16;
        values = new int[block.positives()];
        ends = new int[block.positives()];
    }

    /** Pooled label pixels (P). */
    public long positives() {
        return block.positives();
    }

    /** Pooled pixels outside the labels (N). */
    public long negatives() {
        return block.negatives().negativeCount();
    }

    /** Makes c (every label pixel's value in the variant) the current value: its label residuals grouped once. */
    public void select(float c) {
        distinct = block.groups(c, values, ends);
        if (float16) {
            distinct = PooledAp.joinFloat16(values, ends, distinct);
        }
        looked = false;
    }

    /** The pooled AP of the current value: bit for bit the merged tables' {@link ThresholdTable#averagePrecision}. */
    public double ap() {
        requireSelected();
        double ap = block.negatives().apOfGroups(values, ends, distinct, block.positives(), workspace);
        looked = block.positives() > 0;
        return ap;
    }

    /** {@link ChanceLevel#normalisedAp} of {@link #ap} with the pooled prevalence P / (P + N). */
    public double apNormalised() {
        return ChanceLevel.normalisedAp(ap(), ChanceLevel.prevalence(positives(), positives() + negatives()));
    }

    /** The pooled AUROC of the current value ({@link Auroc#ofGroups}). */
    public double auroc() {
        requireSelected();
        return Auroc.ofGroups(block.negatives(), values, ends, distinct, looked ? workspace.lookUps() : null);
    }

    /** The pooled best Dice of the current value ({@link Dice#bestOfGroups}). */
    public double diceBest() {
        requireSelected();
        return Dice.bestOfGroups(block.negatives(), values, ends, distinct, looked ? workspace.lookUps() : null)
                .dice();
    }

    private void requireSelected() {
        if (distinct < 0) {
            throw new IllegalStateException("select a value first");
        }
    }
}
