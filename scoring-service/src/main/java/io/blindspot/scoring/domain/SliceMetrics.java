package io.blindspot.scoring.domain;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.Metrics;
import io.blindspot.contracts.events.Modes;
import io.blindspot.scoring.domain.metric.Aupro;
import io.blindspot.scoring.domain.metric.Auroc;
import io.blindspot.scoring.domain.metric.ChanceLevel;
import io.blindspot.scoring.domain.metric.Dice;
import io.blindspot.scoring.domain.metric.NormalRecBlock;
import io.blindspot.scoring.domain.metric.ThresholdTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The metrics an experiment asks for beside AP ({@link Metrics}), for every variant of one slice against one
 * reconstruction: run after {@link SliceScorer}, whose AP it reuses, and only when the experiment lists more than
 * {@code ap} (an AP-only experiment never enters here, so its path and speed are those of before metrics).
 *
 * <ul>
 *   <li>{@code ap}: the scorer's AP; {@code ap-normalised}: (AP − p) / (1 − p), p = label pixels / pixels, the
 *       slice's lesion prevalence, AP's chance level ({@link ChanceLevel}).</li>
 *   <li>{@code auroc}, {@code dice-best}, {@code aupro-0.3} in normal-rec: a variant that shares the reference's
 *       negatives and holds one value c on its label (the disk) is scored on a {@link NormalRecBlock} built once per
 *       (slice, sigma) (negatives sorted once, the reconstruction's label values sorted once); any other variant,
 *       and every variant in anomal-rec, on its materialised residual map by the full-sort kernels
 *       ({@link ThresholdTable}, {@link Aupro#compute}). Both give the full-sort value (the block's contract).</li>
 * </ul>
 */
public final class SliceMetrics {
    private SliceMetrics() {
    }

    /** AP's scores and the metrics' values of one (slice, reconstruction), both in variant order. */
    /**
     * @param diceThresholds per variant, the threshold of its best Dice ({@code dice-best}'s t, stored beside the
     *                       value); NaN where dice-best was not asked for or has no threshold
     */
    public record Scored(List<VariantScore> scores, List<double[]> values, double[] diceThresholds) {
    }

    /**
     * The scorer's APs and these metrics in one pass over one sigma of a block ({@link SliceScorer#scoreAt}): in
     * normal-rec the metrics read the structures the AP path sorted (the background's negatives, the label's
     * reconstruction values) and, for each merged variant, the AP's own groups and look-ups, so AUROC and best
     * Dice add one pass over a variant's distinct label residuals and nothing is sorted twice; AUPRO sorts its
     * label residuals with their regions per variant, as before. Variants outside the merge, and anomal-rec, take
     * {@link #scoreAt}'s path. The same values, bit for bit, as {@link SliceScorer#scoreAt} followed by
     * {@link #scoreAt} (SliceMetricsTest pins it).
     *
     * @throws IllegalArgumentException on an unknown mode or metric, or a reconstruction that does not fit
     */
    public static Scored scoreWithAp(SliceVariants slice, float[] reconstructions, int offset, String mode,
                                     List<String> metrics) {
        requireKnown(metrics);
        boolean perVariant = perVariant(mode);
        if (perVariant || !needsPixels(metrics)) {
            List<VariantScore> scores = SliceScorer.scoreAt(slice, reconstructions, offset, mode);
            double[] thresholds = nanArray(slice.variants());
            return new Scored(scores, scoreAt(slice, reconstructions, offset, perVariant, metrics, scores,
                    thresholds), thresholds);
        }
        Beside beside = new Beside(slice, metrics);
        List<VariantScore> scores = SliceScorer.scoreAt(slice, reconstructions, offset, false,
                new SliceScorer.PathCounts(), beside);
        return new Scored(scores, beside.values(scores), beside.diceThresholds);
    }

    /**
     * {@link #scoreWithAp(SliceVariants, float[], int, String, List)} of an event of one sigma (its whole array,
     * shape checked as {@link SliceScorer#score(SliceVariants, FloatArray, String)} checks it).
     */
    public static Scored scoreWithAp(SliceVariants slice, FloatArray reconstruction, String mode,
                                     List<String> metrics) {
        requireKnown(metrics);
        boolean perVariant = perVariant(mode);
        if (perVariant || !needsPixels(metrics)) {
            List<VariantScore> scores = SliceScorer.score(slice, reconstruction, mode);
            double[] thresholds = nanArray(slice.variants());
            return new Scored(scores, scoreAt(slice, reconstruction.data(), 0, perVariant, metrics, scores,
                    thresholds), thresholds);
        }
        SliceVariants.requirePlane("normal-rec reconstruction", reconstruction, slice.rows(), slice.cols());
        return scoreWithAp(slice, reconstruction.data(), 0, mode, metrics);
    }

    private static boolean perVariant(String mode) {
        if (Modes.NORMAL_REC.equals(mode)) {
            return false;
        }
        if (Modes.ANOMAL_REC.equals(mode)) {
            return true;
        }
        throw new IllegalArgumentException("unknown reconstruction mode '" + mode + "' (expected "
                + Modes.NORMAL_REC + " or " + Modes.ANOMAL_REC + ")");
    }

    private static double[] nanArray(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    private static boolean needsPixels(List<String> metrics) {
        return metrics.contains(Metrics.AUROC) || metrics.contains(Metrics.DICE_BEST)
                || metrics.contains(Metrics.AUPRO);
    }

    private static void requireKnown(List<String> metrics) {
        for (String metric : metrics) {
            if (!Metrics.ALL.contains(metric)) {
                throw new IllegalArgumentException("unknown metric '" + metric + "'; supported: "
                        + String.join(", ", Metrics.ALL));
            }
        }
    }

    /**
     * The metrics of one normal-rec (slice, reconstruction) filled in from the scorer's loop: AUROC and best Dice
     * of a merged variant from its groups and the AP's look-ups as they pass; AUPRO and the variants the merge did
     * not score at the end ({@link #values}).
     */
    private static final class Beside implements SliceScorer.Beside {
        private final SliceVariants slice;
        private final List<String> metrics;
        private final boolean auroc;
        private final boolean dice;
        private final boolean aupro;
        private final double[] aurocs;
        private final double[] dices;
        /** dice-best's threshold per variant (NaN: not asked for). */
        final double[] diceThresholds;
        private final boolean[] merged;
        private float[] rec;
        private NormalRecBlock block;

        Beside(SliceVariants slice, List<String> metrics) {
            this.slice = slice;
            auroc = metrics.contains(Metrics.AUROC);
            dice = metrics.contains(Metrics.DICE_BEST);
            aupro = metrics.contains(Metrics.AUPRO);
            this.metrics = metrics;
            aurocs = new double[slice.variants()];
            dices = new double[slice.variants()];
            diceThresholds = nanArray(slice.variants());
            merged = new boolean[slice.variants()];
        }

        @Override
        public void prepared(float[] rec, IncrementalAveragePrecision negatives, LabelResiduals sortedRec) {
            this.rec = rec;
            if (negatives != null) {
                block = NormalRecBlock.sharing(negatives, sortedRec, rec, slice.positive(), slice.labelPixels(),
                        slice.rows(), slice.cols());
            }
        }

        @Override
        public void merged(int v, float c, int[] groupValues, int[] groupEnds, int distinct, int[] lookUps) {
            merged[v] = true;
            IncrementalAveragePrecision negatives = block.negatives();
            if (auroc) {
                aurocs[v] = Auroc.ofGroups(negatives, groupValues, groupEnds, distinct, lookUps);
            }
            if (dice) {
                Dice.Best best = Dice.bestOfGroups(negatives, groupValues, groupEnds, distinct, lookUps);
                dices[v] = best.dice();
                diceThresholds[v] = best.threshold();
            }
        }

        List<double[]> values(List<VariantScore> apScores) {
            int variants = slice.variants();
            int pixels = slice.pixels();
            double prevalence = ChanceLevel.prevalence(slice.labelPixels().length, pixels);
            float[] plane = null;
            float[] residual = null;
            List<double[]> out = new ArrayList<>(variants);
            for (int v = 0; v < variants; v++) {
                double aurocValue = Double.NaN;
                double diceValue = Double.NaN;
                double auproValue = Double.NaN;
                if (merged[v]) {
                    aurocValue = auroc ? aurocs[v] : Double.NaN;
                    diceValue = dice ? dices[v] : Double.NaN;
                    auproValue = aupro ? block.aupro(slice.constant(v), Aupro.MAX_FPR) : Double.NaN;
                } else {
                    if (plane == null) {
                        plane = new float[pixels];
                        residual = new float[pixels];
                    }
                    double[] full = materialised(slice, rec, 0, false, v, plane, residual, auroc, dice, aupro);
                    aurocValue = full[0];
                    diceValue = full[1];
                    auproValue = full[2];
                    diceThresholds[v] = full[3];
                }
                out.add(row(metrics, apScores.get(v).ap(), prevalence, aurocValue, diceValue, auproValue));
            }
            return out;
        }
    }

    /**
     * AUROC, best Dice, AUPRO and best Dice's threshold of variant v on its materialised residual map (full sort;
     * NaN where not asked).
     */
    private static double[] materialised(SliceVariants slice, float[] reconstructions, int offset,
                                         boolean perVariant, int v, float[] plane, float[] residual, boolean auroc,
                                         boolean dice, boolean aupro) {
        int pixels = slice.pixels();
        boolean[] positive = slice.positive();
        slice.plane(v, plane);
        Residual.compute(reconstructions, offset + (perVariant ? v * pixels : 0), plane, 0, residual);
        double aurocValue = Double.NaN;
        double diceValue = Double.NaN;
        double diceThreshold = Double.NaN;
        if (auroc || dice) {
            ThresholdTable table = ThresholdTable.of(residual, positive);
            aurocValue = auroc ? Auroc.of(table) : Double.NaN;
            if (dice) {
                Dice.Best best = Dice.best(table);
                diceValue = best.dice();
                diceThreshold = best.threshold();
            }
        }
        double auproValue = aupro ? Aupro.compute(residual, positive, slice.rows(), slice.cols(), Aupro.MAX_FPR)
                : Double.NaN;
        return new double[] {aurocValue, diceValue, auproValue, diceThreshold};
    }

    /** One variant's values in the order of {@code metrics}. */
    private static double[] row(List<String> metrics, double ap, double prevalence, double aurocValue,
                                double diceValue, double auproValue) {
        double[] values = new double[metrics.size()];
        for (int m = 0; m < values.length; m++) {
            values[m] = switch (metrics.get(m)) {
                case Metrics.AP -> ap;
                case Metrics.AP_NORMALISED -> ChanceLevel.normalisedAp(ap, prevalence);
                case Metrics.AUROC -> aurocValue;
                case Metrics.DICE_BEST -> diceValue;
                default -> auproValue;
            };
        }
        return values;
    }

    /**
     * @param reconstructions the block's values (or one reconstruction), C order
     * @param offset          index of this sigma's first value ({@link SliceScorer#scoreAt})
     * @param perVariant      anomal-rec ([variants, rows, cols] at offset) rather than normal-rec ([rows, cols])
     * @param metrics         the metrics to compute, each of {@link Metrics#ALL}
     * @param apScores        the scorer's scores of the same reconstruction, in variant order
     * @return per variant, the metrics' values in the order of {@code metrics}
     * @throws IllegalArgumentException on an unknown metric, or scores that do not fit the slice
     */
    public static List<double[]> scoreAt(SliceVariants slice, float[] reconstructions, int offset,
                                         boolean perVariant, List<String> metrics, List<VariantScore> apScores) {
        return scoreAt(slice, reconstructions, offset, perVariant, metrics, apScores, nanArray(slice.variants()));
    }

    /** {@link #scoreAt}, writing dice-best's threshold per variant into {@code diceThresholds}. */
    private static List<double[]> scoreAt(SliceVariants slice, float[] reconstructions, int offset,
                                          boolean perVariant, List<String> metrics, List<VariantScore> apScores,
                                          double[] diceThresholds) {
        int variants = slice.variants();
        if (apScores.size() != variants) {
            throw new IllegalArgumentException(apScores.size() + " AP scores for " + variants + " variants");
        }
        for (String metric : metrics) {
            if (!Metrics.ALL.contains(metric)) {
                throw new IllegalArgumentException("unknown metric '" + metric + "'; supported: "
                        + String.join(", ", Metrics.ALL));
            }
        }
        int pixels = slice.pixels();
        boolean[] positive = slice.positive();
        double prevalence = ChanceLevel.prevalence(slice.labelPixels().length, pixels);
        boolean auroc = metrics.contains(Metrics.AUROC);
        boolean dice = metrics.contains(Metrics.DICE_BEST);
        boolean aupro = metrics.contains(Metrics.AUPRO);
        boolean pixelMetrics = auroc || dice || aupro;

        float[] rec = null;
        NormalRecBlock block = null;
        if (pixelMetrics && !perVariant) {
            rec = Arrays.copyOfRange(reconstructions, offset, offset + pixels);
            for (int v = 0; v < variants && block == null; v++) {
                if (slice.sharesReference(v) && slice.constantOnLabel(v)) {
                    float[] background = new float[pixels];
                    Residual.compute(rec, 0, slice.reference(), 0, background);
                    block = new NormalRecBlock(background, positive, rec, slice.rows(), slice.cols());
                }
            }
        }
        float[] plane = null;
        float[] residual = null;
        List<double[]> out = new ArrayList<>(variants);
        for (int v = 0; v < variants; v++) {
            double aurocValue = Double.NaN;
            double diceValue = Double.NaN;
            double auproValue = Double.NaN;
            if (pixelMetrics) {
                if (block != null && slice.sharesReference(v) && slice.constantOnLabel(v)) {
                    float c = slice.constant(v);
                    aurocValue = auroc ? block.auroc(c) : Double.NaN;
                    if (dice) {
                        Dice.Best best = block.bestDice(c);
                        diceValue = best.dice();
                        diceThresholds[v] = best.threshold();
                    }
                    auproValue = aupro ? block.aupro(c, Aupro.MAX_FPR) : Double.NaN;
                } else {
                    if (plane == null) {
                        plane = new float[pixels];
                        residual = new float[pixels];
                    }
                    double[] full = perVariant
                            ? materialised(slice, reconstructions, offset, true, v, plane, residual, auroc, dice, aupro)
                            : materialised(slice, rec, 0, false, v, plane, residual, auroc, dice, aupro);
                    aurocValue = full[0];
                    diceValue = full[1];
                    auproValue = full[2];
                    diceThresholds[v] = full[3];
                }
            }
            out.add(row(metrics, apScores.get(v).ap(), prevalence, aurocValue, diceValue, auproValue));
        }
        return out;
    }
}
