package io.blindspot.scoring.domain.metric;

import io.blindspot.scoring.domain.IncrementalAveragePrecision;
import io.blindspot.scoring.domain.LabelResiduals;

import java.util.ArrayList;
import java.util.List;

/**
 * Pooled AP ({@code pooled} aggregation, as the MOOD challenge evaluates): one AP over every pixel of every slice
 * (and volume) at once, equal bit for bit to scikit-learn's {@code average_precision_score} on the concatenated
 * pixels. Two ways, both exact:
 * <ul>
 *   <li>{@link #of}: the per-slice {@link ThresholdTable}s merged (no second sort of the pixels);</li>
 *   <li>{@link NormalRec}: for normal-rec grids, where the negatives of a (slice, sigma) are shared by all
 *       intensities, the slices' negatives pooled once into the AP kernel's sorted structure and each cell's
 *       positives added as groups ({@link IncrementalAveragePrecision#apOfGroups}).</li>
 * </ul>
 *
 * <p>MOOD's rounding: MOOD's evaluation reads predictions as float16. With {@code float16} every score is first
 * rounded to IEEE half precision, round half to even ({@link Float#floatToFloat16}; numpy's
 * {@code astype(np.float16)}): residuals that differ by less than the half's spacing (2^-11 relative, 2^-24 near 0)
 * then tie, and ties share one threshold — which can raise or lower the AP; values above 65504 become +inf.
 */
public final class PooledAp {
    private PooledAp() {
    }

    /** IEEE half precision, round half to even, back in a float (exact). */
    public static float toFloat16(float x) {
        return Float.float16ToFloat(Float.floatToFloat16(x));
    }

    /** A copy with every score rounded to float16. */
    public static float[] toFloat16(float[] scores) {
        float[] out = new float[scores.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = toFloat16(scores[i]);
        }
        return out;
    }

    /** The AP of all the maps' pixels together; a map may be listed several times (it then counts as often). */
    public static double of(List<float[]> scores, List<boolean[]> positive, boolean float16) {
        if (scores.size() != positive.size()) {
            throw new IllegalArgumentException(scores.size() + " maps but " + positive.size() + " labels");
        }
        List<ThresholdTable> tables = new ArrayList<>();
        for (int s = 0; s < scores.size(); s++) {
            tables.add(ThresholdTable.of(float16 ? toFloat16(scores.get(s)) : scores.get(s), positive.get(s)));
        }
        return ThresholdTable.merge(tables).averagePrecision();
    }

    /**
     * The pooled AP of a normal-rec grid's cells for one sigma: the slices' negatives (shared by every intensity)
     * pooled and sorted once, and the reconstruction's values on all slices' label pixels sorted once
     * ({@link LabelResiduals} over the union of the labels); then each intensity's pooled positives come out in
     * descending groups by one two-ended merge, O(positives), as for one slice — no merge of slices per cell.
     * With {@code float16} the keys are rounded first (rounding is monotone: the order holds, groups may join).
     * Not thread-safe (scratch arrays).
     */
    public static final class NormalRec {
        private final IncrementalAveragePrecision negatives;
        private final LabelResiduals positives;
        private final boolean float16;
        private final int[] values;
        private final int[] ends;
        private final IncrementalAveragePrecision.Workspace workspace = new IncrementalAveragePrecision.Workspace();

        /**
         * @param referenceResiduals each slice's residual map for any intensity (only its negatives are read)
         * @param labels             each slice's label
         * @param recs               each slice's reconstruction (only its label pixels are read)
         */
        public NormalRec(List<float[]> referenceResiduals, List<boolean[]> labels, List<float[]> recs,
                         boolean float16) {
            if (referenceResiduals.size() != labels.size() || recs.size() != labels.size()) {
                throw new IllegalArgumentException(referenceResiduals.size() + " residual maps, " + labels.size()
                        + " labels, " + recs.size() + " reconstructions");
            }
            int negativeCount = 0;
            int positiveCount = 0;
            for (boolean[] l : labels) {
                for (boolean b : l) {
                    negativeCount += b ? 0 : 1;
                    positiveCount += b ? 1 : 0;
                }
            }
            float[] negativeScores = new float[negativeCount];
            float[] recOnLabels = new float[positiveCount];
            int n = 0;
            int p = 0;
            for (int s = 0; s < labels.size(); s++) {
                float[] r = referenceResiduals.get(s);
                float[] rec = recs.get(s);
                boolean[] l = labels.get(s);
                if (r.length != l.length || rec.length != l.length) {
                    throw new IllegalArgumentException("slice " + s + ": residual, label and reconstruction differ"
                            + " in length");
                }
                for (int i = 0; i < l.length; i++) {
                    if (l[i]) {
                        recOnLabels[p++] = rec[i];
                    } else {
                        negativeScores[n++] = float16 ? toFloat16(r[i]) : r[i];
                    }
                }
            }
            negatives = new IncrementalAveragePrecision(negativeScores);
            int[] all = new int[positiveCount];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            positives = new LabelResiduals(recOnLabels, all);
            this.float16 = float16;
            values = new int[positiveCount];
            ends = new int[positiveCount];
        }

        /** The pooled AP of the cell whose disks hold value c on every label pixel. */
        public double ap(float c) {
            int distinct = positives.descendingGroups(c, values, ends);
            if (float16) {
                distinct = joinFloat16(values, ends, distinct);
            }
            return negatives.apOfGroups(values, ends, distinct, positives.size(), workspace);
        }
    }

    /**
     * Rounds descending positive groups ({@link LabelResiduals#descendingGroups}'s form: distinct sortable keys,
     * highest first, and how many positives are at or above each) to float16 in place: each key becomes the key
     * of its value rounded to IEEE half, and groups whose rounded keys coincide join (rounding is monotone, so the
     * order holds and only neighbours can join). The groups of the rounded scores, as a sort of them would give.
     *
     * @return how many distinct groups remain (a prefix of {@code values} and {@code ends})
     */
    public static int joinFloat16(int[] values, int[] ends, int distinct) {
        int out = 0;
        for (int g = 0; g < distinct; g++) {
            int key = Scores.key(toFloat16(Scores.fromSortableBits(values[g])), 0);
            if (out > 0 && values[out - 1] == key) {
                ends[out - 1] = ends[g];         // rounding joined this group to the previous one
            } else {
                values[out] = key;
                ends[out++] = ends[g];
            }
        }
        return out;
    }
}
