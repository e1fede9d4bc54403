package io.blindspot.scoring.domain;

import io.blindspot.contracts.events.Metrics;
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
            double ap = apScores.get(v).ap();
            double aurocValue = Double.NaN;
            double diceValue = Double.NaN;
            double auproValue = Double.NaN;
            if (pixelMetrics) {
                if (block != null && slice.sharesReference(v) && slice.constantOnLabel(v)) {
                    float c = slice.constant(v);
                    aurocValue = auroc ? block.auroc(c) : Double.NaN;
                    diceValue = dice ? block.bestDice(c).dice() : Double.NaN;
                    auproValue = aupro ? block.aupro(c, Aupro.MAX_FPR) : Double.NaN;
                } else {
                    if (plane == null) {
                        plane = new float[pixels];
                        residual = new float[pixels];
                    }
                    slice.plane(v, plane);
                    if (perVariant) {
                        Residual.compute(reconstructions, offset + v * pixels, plane, 0, residual);
                    } else {
                        Residual.compute(rec, 0, plane, 0, residual);
                    }
                    if (auroc || dice) {
                        ThresholdTable table = ThresholdTable.of(residual, positive);
                        aurocValue = auroc ? Auroc.of(table) : Double.NaN;
                        diceValue = dice ? Dice.best(table).dice() : Double.NaN;
                    }
                    auproValue = aupro ? Aupro.compute(residual, positive, slice.rows(), slice.cols(),
                            Aupro.MAX_FPR) : Double.NaN;
                }
            }
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
            out.add(values);
        }
        return out;
    }
}
