package io.blindspot.scoring;

import io.blindspot.contracts.FloatArray;
import io.blindspot.scoring.domain.AveragePrecision;
import io.blindspot.scoring.domain.IncrementalAveragePrecision;
import io.blindspot.scoring.domain.LabelResiduals;
import io.blindspot.scoring.domain.Residual;
import io.blindspot.scoring.domain.SliceMetrics;
import io.blindspot.scoring.domain.SliceScorer;
import io.blindspot.scoring.domain.SliceVariants;
import io.blindspot.scoring.domain.VariantScore;

import java.util.List;

/**
 * The scoring-service's public entry point for code outside the service (bench): the residual, the reference
 * (full-sort) average precision, the incremental AP the scorer uses for normal-rec (shared sorted negatives,
 * sorted label values merged per intensity, a caller-owned workspace) and the whole slice scorer. Plain
 * delegation to the domain classes, so a move inside the service changes this class only.
 *
 * <p>Nothing on the hot path copies or allocates beyond what the domain does: per-call methods take the
 * caller's arrays and return primitives (an AP, a count); the handles below are made once per (slice,
 * reconstruction) and hold the domain object they wrap.
 */
public final class ScoringKernels {
    private ScoringKernels() {
    }

    /** sklearn's {@code average_precision_score(positive, scores)} by a full sort of every pixel (the reference). */
    public static double averagePrecision(float[] scores, boolean[] positive) {
        return AveragePrecision.compute(scores, positive);
    }

    /**
     * {@code out[i] = |reconstruction[rOff + i] − anomalous[aOff + i]|} in float32 for {@code out.length} pixels,
     * reading each image from its offset (planes of a stack without copying them out).
     */
    public static void residual(float[] reconstruction, int reconstructionOffset, float[] anomalous,
                                int anomalousOffset, float[] out) {
        Residual.compute(reconstruction, reconstructionOffset, anomalous, anomalousOffset, out);
    }

    /** The negatives' scores sorted once (any order in; not kept). */
    public static SharedNegatives sharedNegatives(float[] negativeScores) {
        return new SharedNegatives(new IncrementalAveragePrecision(negativeScores));
    }

    /** The negatives of a whole map: the scores of the pixels that are not {@code positive}, without a copy. */
    public static SharedNegatives sharedNegatives(float[] scores, boolean[] positive) {
        return new SharedNegatives(IncrementalAveragePrecision.ofNegatives(scores, positive));
    }

    /** A normal-rec reconstruction's values on the label pixels, sorted once per (slice, reconstruction). */
    public static SortedLabelValues sortedLabelValues(float[] reconstruction, int[] labelPixels) {
        return new SortedLabelValues(new LabelResiduals(reconstruction, labelPixels));
    }

    /** Scratch arrays for the incremental AP, grown on demand; one per thread. */
    public static Workspace workspace() {
        return new Workspace(new IncrementalAveragePrecision.Workspace());
    }

    /**
     * The APs of one normal-rec (slice, reconstruction) as the scorer computes them, into {@code aps}: the
     * negatives (the pixels outside the label of the reference residual map, which every variant shares) sorted
     * once, the reconstruction's label values sorted once, then per variant v (its label pixels all hold
     * {@code labelValues[v]}, the disk's intensity) a merge of the label residuals into distinct groups and their
     * look-ups in the negatives. Bit for bit {@link #averagePrecision} of each variant's residual map. The loop is
     * here, calling the domain directly, so that the caller's per-variant cost is the scorer's.
     *
     * @param referenceResidual a residual map of the slice (any variant's: the negatives are the same)
     * @param label             the label, {@code true} on the label pixels
     * @param reconstruction    the [rows, cols] reconstruction
     * @param labelPixels       indices of the label pixels (those of {@code label}, ascending)
     * @param labelValues       each variant's value on its label pixels
     * @param aps               receives variant v's AP at {@code aps[v]} (at least {@code labelValues.length} long)
     * @param w                 scratch arrays of the calling thread
     * @return how many APs were written ({@code labelValues.length})
     */
    public static int normalRecAps(float[] referenceResidual, boolean[] label, float[] reconstruction,
                                   int[] labelPixels, float[] labelValues, double[] aps, Workspace w) {
        IncrementalAveragePrecision negatives = IncrementalAveragePrecision.ofNegatives(referenceResidual, label);
        LabelResiduals sorted = new LabelResiduals(reconstruction, labelPixels);
        IncrementalAveragePrecision.Workspace scratch = w.scratch;
        int k = sorted.size();
        int[] groupValues = scratch.groupValues(k);
        int[] groupEnds = scratch.groupEnds(k);
        for (int v = 0; v < labelValues.length; v++) {
            int distinct = sorted.descendingGroups(labelValues[v], groupValues, groupEnds);
            aps[v] = negatives.apOfGroups(groupValues, groupEnds, distinct, k, scratch);
        }
        return labelValues.length;
    }

    /**
     * A slice's variants prepared once, as the scorer's cache holds them.
     *
     * @param anomalous float32 [variants, rows, cols]
     * @param label     float32 [rows, cols], each value 0 or 1
     */
    public static PreparedSlice prepare(FloatArray anomalous, FloatArray label) {
        return new PreparedSlice(SliceVariants.of(anomalous, label));
    }

    /**
     * Scores every variant of the slice against one reconstruction as the service does (residuals, APs, mean
     * residuals) and returns how many variants it scored.
     *
     * @param reconstruction [rows, cols] in normal-rec, [variants, rows, cols] in anomal-rec
     * @param mode           {@code normal-rec} or {@code anomal-rec} (contracts' Modes)
     */
    public static int score(PreparedSlice slice, FloatArray reconstruction, String mode) {
        return SliceScorer.score(slice.variants, reconstruction, mode).size();
    }

    /**
     * {@link #score(PreparedSlice, FloatArray, String)}, writing variant v's AP into {@code aps[v]} and its mean
     * residual into {@code meanResiduals[v]} (arrays of at least the variant count; either may be null).
     */
    public static int score(PreparedSlice slice, FloatArray reconstruction, String mode, double[] aps,
                            double[] meanResiduals) {
        List<VariantScore> scores = SliceScorer.score(slice.variants, reconstruction, mode);
        for (VariantScore s : scores) {
            if (aps != null) {
                aps[s.variant()] = s.ap();
            }
            if (meanResiduals != null) {
                meanResiduals[s.variant()] = s.meanResidual();
            }
        }
        return scores.size();
    }

    /**
     * AP and these metrics ({@code ap}, {@code auroc}, … of contracts' Metrics) of every variant against one
     * reconstruction, as scoring computes them for an event that lists them: {@code shared} = the service's path
     * (the metrics read the AP scorer's sorted negatives and look-ups, {@code SliceMetrics.scoreWithAp}); false =
     * the path of before (the scorer, then the metrics with a block of their own, {@code SliceMetrics.scoreAt}).
     * Fills {@code values[v * metrics + m]} (an array of at least variants × metrics entries) and returns the
     * number of variants; both paths give the same bits.
     */
    public static int scoreWithMetrics(PreparedSlice slice, FloatArray reconstruction, String mode,
                                       List<String> metrics, boolean shared, double[] values) {
        List<double[]> rows;
        if (shared) {
            rows = SliceMetrics.scoreWithAp(slice.variants, reconstruction, mode, metrics).values();
        } else {
            List<VariantScore> scores = SliceScorer.score(slice.variants, reconstruction, mode);
            rows = SliceMetrics.scoreAt(slice.variants, reconstruction.data(), 0, "anomal-rec".equals(mode), metrics,
                    scores);
        }
        for (int v = 0; v < rows.size(); v++) {
            System.arraycopy(rows.get(v), 0, values, v * metrics.size(), metrics.size());
        }
        return rows.size();
    }

    /**
     * Shared sorted negatives: the AP of any set of positives with them, bit for bit
     * {@link #averagePrecision} over the union. Immutable; may be shared by threads, each with its own workspace.
     */
    public static final class SharedNegatives {
        private final IncrementalAveragePrecision ap;

        private SharedNegatives(IncrementalAveragePrecision ap) {
            this.ap = ap;
        }

        /** How many negatives. */
        public int count() {
            return ap.negativeCount();
        }

        /** The AP of these positives (any order; sorted per call: the general path). */
        public double ap(float[] positiveScores) {
            return ap.ap(positiveScores);
        }

        /**
         * {@link #ap} of each set of positives, {@code positives[v]}'s into {@code aps[v]} (the general path for
         * many sets); returns how many.
         */
        public int aps(float[][] positives, double[] aps) {
            for (int v = 0; v < positives.length; v++) {
                aps[v] = ap.ap(positives[v]);
            }
            return positives.length;
        }

        /** The AP of k positives given as sortable keys, highest first ({@link SortedLabelValues#descendingKeys}). */
        public double apOfDescending(int[] descendingKeys, int k, Workspace w) {
            return ap.apOfDescending(descendingKeys, k, w.scratch);
        }

        /**
         * The AP of k positives given as their distinct keys, highest first, and how many are at or above each
         * ({@link SortedLabelValues#descendingGroups}): the scorer's path, allocation-free once {@code w} has grown.
         */
        public double apOfGroups(int[] values, int[] ends, int distinct, int k, Workspace w) {
            return ap.apOfGroups(values, ends, distinct, k, w.scratch);
        }
    }

    /** The label pixels' reconstruction values, sorted: residuals |rec − c| in descending order by a merge. */
    public static final class SortedLabelValues {
        private final LabelResiduals residuals;

        private SortedLabelValues(LabelResiduals residuals) {
            this.residuals = residuals;
        }

        /** Number of label pixels (k). */
        public int size() {
            return residuals.size();
        }

        /** The sortable keys of |rec − c| over the label pixels into {@code out[0 .. size())}, highest first. */
        public void descendingKeys(float c, int[] out) {
            residuals.descendingKeys(c, out);
        }

        /**
         * The distinct keys of |rec − c|, highest first, into {@code values}, and in {@code ends[g]} how many
         * label pixels have a key ≥ {@code values[g]}.
         *
         * @return how many distinct keys
         */
        public int descendingGroups(float c, int[] values, int[] ends) {
            return residuals.descendingGroups(c, values, ends);
        }
    }

    /** The incremental AP's scratch arrays, reused from call to call. Not thread-safe. */
    public static final class Workspace {
        private final IncrementalAveragePrecision.Workspace scratch;

        private Workspace(IncrementalAveragePrecision.Workspace scratch) {
            this.scratch = scratch;
        }

        /** An int array of at least n entries for keys (contents undefined). */
        public int[] keys(int n) {
            return scratch.keys(n);
        }

        /** An int array of at least n entries for distinct keys (contents undefined). */
        public int[] groupValues(int n) {
            return scratch.groupValues(n);
        }

        /** An int array of at least n entries for group ends (contents undefined). */
        public int[] groupEnds(int n) {
            return scratch.groupEnds(n);
        }
    }

    /** A slice's variants prepared for the scorer. */
    public static final class PreparedSlice {
        private final SliceVariants variants;

        private PreparedSlice(SliceVariants variants) {
            this.variants = variants;
        }

        /** How many variants. */
        public int variants() {
            return variants.variants();
        }
    }
}
