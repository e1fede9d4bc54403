package io.blindspot.scoring;

import io.blindspot.scoring.domain.metric.Aupro;
import io.blindspot.scoring.domain.metric.Auroc;
import io.blindspot.scoring.domain.metric.ChanceLevel;
import io.blindspot.scoring.domain.metric.Dice;
import io.blindspot.scoring.domain.metric.NormalQuantile;
import io.blindspot.scoring.domain.metric.NormalRecBlock;
import io.blindspot.scoring.domain.metric.PercentileBootstrap;
import io.blindspot.scoring.domain.metric.PooledAp;
import io.blindspot.scoring.domain.metric.SliceScore;
import io.blindspot.scoring.domain.metric.ThresholdTable;

import java.util.List;

/**
 * The one public entry point to issue 14's metric kernels ({@code domain.metric}) for code outside the service,
 * the benchmark above all: static methods on plain arrays, each delegating to one kernel, whose class documents
 * its conventions. Maps are residuals ([rows, cols] float32, C order) with a boolean label of the same length.
 *
 * <p>Two kinds: the full-sort kernels on any map ({@link #ap}, {@link #auroc}, {@link #bestDice},
 * {@link #aupro}, …) and the normal-rec kernels on one (slice, sigma) with all of its intensities
 * ({@link #normalRecBlock} then {@code *PerIntensity}; {@link #pooledApPerIntensity} over slices), which share the
 * sorted negatives as the scoring-service's AP path does.
 */
public final class MetricKernels {
    private MetricKernels() {
    }

    // ---- any map (full sort)

    /** scikit-learn's {@code average_precision_score}, bit for bit. */
    public static double ap(float[] residual, boolean[] label) {
        return ThresholdTable.of(residual, label).averagePrecision();
    }

    /** scikit-learn's {@code roc_auc_score} (ties: half); NaN with one class only. */
    public static double auroc(float[] residual, boolean[] label) {
        return Auroc.compute(residual, label);
    }

    /** The best Dice over all thresholds, and that threshold ({@code score ≥ t}). */
    public static BestDice bestDice(float[] residual, boolean[] label) {
        Dice.Best best = Dice.best(residual, label);
        return new BestDice(best.dice(), best.threshold());
    }

    /** {@link #bestDice}'s answer (the domain's {@code Dice.Best}, here so callers need no domain type). */
    public record BestDice(double dice, double threshold) {
    }

    /** Dice of {@code score > np.quantile(normalResidual, 0.99)} ({@code dice-at-normal-q99}). */
    public static double diceAtNormalQ99(float[] residual, boolean[] label, float[] normalResidual) {
        return Dice.atThreshold(residual, label, NormalQuantile.linear(normalResidual, NormalQuantile.Q99));
    }

    /** {@code aupro-0.3}: 8-connected regions, normalised by 0.3. */
    public static double aupro(float[] residual, boolean[] label, int rows, int cols) {
        return Aupro.compute(residual, label, rows, cols, Aupro.MAX_FPR);
    }

    /** AP over all maps' pixels together (MOOD's pooling), optionally on float16-rounded scores. */
    public static double pooledAp(List<float[]> residuals, List<boolean[]> labels, boolean float16) {
        return PooledAp.of(residuals, labels, float16);
    }

    /** The chance level of AP: the lesion prevalence P / n. */
    public static double prevalence(boolean[] label) {
        return ChanceLevel.prevalence(label);
    }

    /** (AP − p) / (1 − p). */
    public static double normalisedAp(double ap, double prevalence) {
        return ChanceLevel.normalisedAp(ap, prevalence);
    }

    /** Slice scores for image-level AUROC / AP: mean, max and top-k mean of the residual map. */
    public static double[] sliceScores(float[] residual, int topK) {
        return new double[]{SliceScore.mean(residual), SliceScore.max(residual), SliceScore.topKMean(residual, topK)};
    }

    /** Image-level AUROC over slices, one score per slice. */
    public static double imageAuroc(double[] sliceScores, boolean[] anomalous) {
        return Auroc.of(ThresholdTable.of(sliceScores, anomalous));
    }

    /** Image-level AP over slices, one score per slice. */
    public static double imageAp(double[] sliceScores, boolean[] anomalous) {
        return ThresholdTable.of(sliceScores, anomalous).averagePrecision();
    }

    /** The 95 % percentile bootstrap of a mean over units (1,000 resamples, seed 0 by default). */
    public static PercentileBootstrap.Interval bootstrapMean(double[] values, int resamples, long seed) {
        return PercentileBootstrap.ofMean(values, resamples, seed);
    }

    // ---- normal-rec: one (slice, sigma), every intensity

    /** The negatives sorted once and the label's reconstruction values sorted once, for every intensity. */
    public static Block normalRecBlock(float[] referenceResidual, boolean[] label, float[] rec, int rows, int cols) {
        return new Block(new NormalRecBlock(referenceResidual, label, rec, rows, cols));
    }

    /** One (slice, sigma) prepared for every intensity: a handle on the domain's {@link NormalRecBlock}. */
    public static final class Block {
        private final NormalRecBlock block;

        private Block(NormalRecBlock block) {
            this.block = block;
        }

        /** The domain's block, for this package's tests. */
        NormalRecBlock domain() {
            return block;
        }
    }

    /** Today's per-slice AP (the scoring-service's incremental path), one per disk value. */
    public static double[] apPerIntensity(Block handle, float[] values) {
        NormalRecBlock block = handle.block;
        double[] out = new double[values.length];
        for (int v = 0; v < values.length; v++) {
            out[v] = block.ap(values[v]);
        }
        return out;
    }

    public static double[] aurocPerIntensity(Block handle, float[] values) {
        NormalRecBlock block = handle.block;
        double[] out = new double[values.length];
        for (int v = 0; v < values.length; v++) {
            out[v] = block.auroc(values[v]);
        }
        return out;
    }

    /** Best Dice per disk value (the thresholds: {@link NormalRecBlock#bestDice}). */
    public static double[] bestDicePerIntensity(Block handle, float[] values) {
        NormalRecBlock block = handle.block;
        double[] out = new double[values.length];
        for (int v = 0; v < values.length; v++) {
            out[v] = block.bestDice(values[v]).dice();
        }
        return out;
    }

    public static double[] auproPerIntensity(Block handle, float[] values) {
        NormalRecBlock block = handle.block;
        double[] out = new double[values.length];
        for (int v = 0; v < values.length; v++) {
            out[v] = block.aupro(values[v], Aupro.MAX_FPR);
        }
        return out;
    }

    /**
     * Pooled AP of one sigma over slices, per disk value ({@link PooledAp.NormalRec}): the slices' negatives pooled
     * and sorted once, the reconstruction's values on all label pixels sorted once, then per value one two-ended
     * merge. Equal, bit for bit, to {@link #pooledAp} on the concatenated maps.
     *
     * @param referenceResiduals each slice's residual map for any value (its negatives are shared)
     * @param labels             each slice's label
     * @param recs               each slice's reconstruction (normal-rec) for this sigma
     */
    public static double[] pooledApPerIntensity(List<float[]> referenceResiduals, List<boolean[]> labels,
                                                List<float[]> recs, float[] values, boolean float16) {
        PooledAp.NormalRec pooled = new PooledAp.NormalRec(referenceResiduals, labels, recs, float16);
        double[] out = new double[values.length];
        for (int v = 0; v < values.length; v++) {
            out[v] = pooled.ap(values[v]);
        }
        return out;
    }
}
