package io.blindspot.scoring;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.Modes;
import io.blindspot.scoring.domain.AveragePrecision;
import io.blindspot.scoring.domain.IncrementalAveragePrecision;
import io.blindspot.scoring.domain.LabelResiduals;
import io.blindspot.scoring.domain.Residual;
import io.blindspot.scoring.domain.SliceScorer;
import io.blindspot.scoring.domain.SliceVariants;
import io.blindspot.scoring.domain.VariantScore;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entry point gives exactly what the domain classes give, bit for bit, on a slice built like the benchmark's:
 * a brain on a zero background, a disk label, variants painted with each intensity, a smooth reconstruction.
 */
class ScoringKernelsTest {
    private static final int ROWS = 40;
    private static final int COLS = 48;
    private static final int PIXELS = ROWS * COLS;
    private static final float[] INTENSITIES = {0f, 0.25f, 0.5f, 0.75f, 1f};

    private final float[] normal = new float[PIXELS];
    private final float[] rec = new float[PIXELS];
    private final boolean[] label = new boolean[PIXELS];
    private final float[] labelFloats = new float[PIXELS];
    private final float[] anomalous = new float[INTENSITIES.length * PIXELS];
    private final int[] labelPixels;

    ScoringKernelsTest() {
        SplittableRandom random = new SplittableRandom(13);
        int k = 0;
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                int i = r * COLS + c;
                boolean brain = r > 3 && r < ROWS - 4 && c > 3 && c < COLS - 4;
                // quantised tissue values, so residuals tie as in a real slice
                normal[i] = brain ? Math.round(random.nextDouble(0.3, 0.9) * 64) / 64f : 0f;
                rec[i] = brain ? normal[i] + (float) random.nextDouble(-0.05, 0.05) : 0f;
                label[i] = brain && (r - 20) * (r - 20) + (c - 24) * (c - 24) <= 36;
                labelFloats[i] = label[i] ? 1f : 0f;
                k += label[i] ? 1 : 0;
            }
        }
        labelPixels = new int[k];
        for (int i = 0, j = 0; i < PIXELS; i++) {
            if (label[i]) {
                labelPixels[j++] = i;
            }
        }
        for (int v = 0; v < INTENSITIES.length; v++) {
            for (int i = 0; i < PIXELS; i++) {
                anomalous[v * PIXELS + i] = label[i] ? INTENSITIES[v] : normal[i];
            }
        }
    }

    private float[] residual(int v) {
        float[] out = new float[PIXELS];
        Residual.compute(rec, 0, anomalous, v * PIXELS, out);
        return out;
    }

    @Test
    void residualAndFullSortApAreTheDomains() {
        for (int v = 0; v < INTENSITIES.length; v++) {
            float[] out = new float[PIXELS];
            ScoringKernels.residual(rec, 0, anomalous, v * PIXELS, out);
            assertThat(out).containsExactly(residual(v));
            assertThat(ScoringKernels.averagePrecision(out, label))
                    .isEqualTo(AveragePrecision.compute(residual(v), label));
        }
    }

    @Test
    void everyIncrementalPathIsTheDomainsBitForBit() {
        float[] reference = residual(0);
        float[] negatives = new float[PIXELS - labelPixels.length];
        for (int i = 0, n = 0; i < PIXELS; i++) {
            if (!label[i]) {
                negatives[n++] = reference[i];
            }
        }
        ScoringKernels.SharedNegatives shared = ScoringKernels.sharedNegatives(negatives);
        ScoringKernels.SharedNegatives ofMap = ScoringKernels.sharedNegatives(reference, label);
        assertThat(shared.count()).isEqualTo(negatives.length).isEqualTo(ofMap.count());
        ScoringKernels.SortedLabelValues sorted = ScoringKernels.sortedLabelValues(rec, labelPixels);
        assertThat(sorted.size()).isEqualTo(labelPixels.length);
        ScoringKernels.Workspace w = ScoringKernels.workspace();

        IncrementalAveragePrecision expected = IncrementalAveragePrecision.ofNegatives(reference, label);
        LabelResiduals expectedSorted = new LabelResiduals(rec, labelPixels);
        IncrementalAveragePrecision.Workspace ew = new IncrementalAveragePrecision.Workspace();
        int k = labelPixels.length;
        for (int v = 0; v < INTENSITIES.length; v++) {
            float[] full = residual(v);
            float[] positives = new float[k];
            for (int j = 0; j < k; j++) {
                positives[j] = full[labelPixels[j]];
            }
            double reference1 = AveragePrecision.compute(full, label);
            assertThat(shared.ap(positives)).isEqualTo(ofMap.ap(positives)).isEqualTo(expected.ap(positives))
                    .isEqualTo(reference1);

            int[] keys = w.keys(k);
            sorted.descendingKeys(INTENSITIES[v], keys);
            int[] expectedKeys = new int[k];
            expectedSorted.descendingKeys(INTENSITIES[v], expectedKeys);
            assertThat(Arrays.copyOf(keys, k)).containsExactly(expectedKeys);
            assertThat(shared.apOfDescending(keys, k, w)).isEqualTo(expected.apOfDescending(expectedKeys, k, ew))
                    .isEqualTo(reference1);

            int[] values = w.groupValues(k);
            int[] ends = w.groupEnds(k);
            int distinct = sorted.descendingGroups(INTENSITIES[v], values, ends);
            int[] ev = new int[k];
            int[] ee = new int[k];
            assertThat(distinct).isEqualTo(expectedSorted.descendingGroups(INTENSITIES[v], ev, ee));
            assertThat(Arrays.copyOf(values, distinct)).containsExactly(Arrays.copyOf(ev, distinct));
            assertThat(Arrays.copyOf(ends, distinct)).containsExactly(Arrays.copyOf(ee, distinct));
            assertThat(shared.apOfGroups(values, ends, distinct, k, w))
                    .isEqualTo(expected.apOfGroups(ev, ee, distinct, k, ew)).isEqualTo(reference1);
        }
    }

    @Test
    void theNormalRecApsOfOneReconstructionAreEachVariantsFullSortAp() {
        float[] values = new float[INTENSITIES.length];
        float[][] positives = new float[INTENSITIES.length][labelPixels.length];
        for (int v = 0; v < values.length; v++) {
            values[v] = anomalous[v * PIXELS + labelPixels[0]];
            float[] full = residual(v);
            for (int j = 0; j < labelPixels.length; j++) {
                positives[v][j] = full[labelPixels[j]];
            }
        }
        double[] aps = new double[values.length + 1];
        aps[values.length] = -1;
        ScoringKernels.Workspace w = ScoringKernels.workspace();
        assertThat(ScoringKernels.normalRecAps(residual(2), label, rec, labelPixels, values, aps, w))
                .isEqualTo(values.length);
        double[] general = new double[values.length];
        float[] negatives = new float[PIXELS - labelPixels.length];
        float[] reference = residual(0);
        for (int i = 0, n = 0; i < PIXELS; i++) {
            if (!label[i]) {
                negatives[n++] = reference[i];
            }
        }
        assertThat(ScoringKernels.sharedNegatives(negatives).aps(positives, general)).isEqualTo(values.length);
        for (int v = 0; v < values.length; v++) {
            double expected = AveragePrecision.compute(residual(v), label);
            assertThat(aps[v]).as("variant %d", v).isEqualTo(expected);
            assertThat(general[v]).as("variant %d", v).isEqualTo(expected);
        }
        assertThat(aps[values.length]).as("nothing written past the variants").isEqualTo(-1);
        assertThat(aps[0]).isGreaterThan(0.0).isLessThanOrEqualTo(1.0);
    }

    @Test
    void theSliceScorerFillsTheCallersArraysWithTheDomainsScores() {
        FloatArray stack = new FloatArray(new int[] {INTENSITIES.length, ROWS, COLS}, anomalous);
        FloatArray labelArray = FloatArray.of2d(ROWS, COLS, labelFloats);
        FloatArray reconstruction = FloatArray.of2d(ROWS, COLS, rec);
        List<VariantScore> expected = SliceScorer.score(SliceVariants.of(stack, labelArray), reconstruction,
                Modes.NORMAL_REC);

        ScoringKernels.PreparedSlice slice = ScoringKernels.prepare(stack, labelArray);
        assertThat(slice.variants()).isEqualTo(INTENSITIES.length);
        assertThat(ScoringKernels.score(slice, reconstruction, Modes.NORMAL_REC)).isEqualTo(INTENSITIES.length);
        double[] aps = new double[INTENSITIES.length];
        double[] means = new double[INTENSITIES.length];
        assertThat(ScoringKernels.score(slice, reconstruction, Modes.NORMAL_REC, aps, means))
                .isEqualTo(INTENSITIES.length);
        for (VariantScore s : expected) {
            assertThat(aps[s.variant()]).isEqualTo(s.ap()).isEqualTo(AveragePrecision.compute(residual(s.variant()),
                    label));
            assertThat(means[s.variant()]).isEqualTo(s.meanResidual());
        }
        double[] onlyAps = new double[INTENSITIES.length];
        ScoringKernels.score(slice, reconstruction, Modes.NORMAL_REC, onlyAps, null);
        assertThat(onlyAps).containsExactly(aps);

        // anomal-rec: one reconstruction per variant
        float[] perVariant = new float[INTENSITIES.length * PIXELS];
        for (int v = 0; v < INTENSITIES.length; v++) {
            System.arraycopy(rec, 0, perVariant, v * PIXELS, PIXELS);
        }
        FloatArray recs = new FloatArray(new int[] {INTENSITIES.length, ROWS, COLS}, perVariant);
        List<VariantScore> anomalRec = SliceScorer.score(SliceVariants.of(stack, labelArray), recs,
                Modes.ANOMAL_REC);
        ScoringKernels.score(slice, recs, Modes.ANOMAL_REC, aps, means);
        for (VariantScore s : anomalRec) {
            assertThat(aps[s.variant()]).isEqualTo(s.ap());
            assertThat(means[s.variant()]).isEqualTo(s.meanResidual());
        }
    }

    @Test
    void scoreWithMetricsGivesTheSameBitsOnBothPathsAndTheFullSortValues() {
        FloatArray stack = new FloatArray(new int[] {INTENSITIES.length, ROWS, COLS}, anomalous);
        ScoringKernels.PreparedSlice slice = ScoringKernels.prepare(stack, FloatArray.of2d(ROWS, COLS, labelFloats));
        FloatArray reconstruction = FloatArray.of2d(ROWS, COLS, rec);
        List<String> metrics = List.of("ap", "auroc", "dice-best", "aupro-0.3");
        double[] shared = new double[INTENSITIES.length * metrics.size()];
        double[] separate = new double[shared.length];
        assertThat(ScoringKernels.scoreWithMetrics(slice, reconstruction, Modes.NORMAL_REC, metrics, true, shared))
                .isEqualTo(INTENSITIES.length);
        ScoringKernels.scoreWithMetrics(slice, reconstruction, Modes.NORMAL_REC, metrics, false, separate);
        assertThat(shared).containsExactly(separate);
        for (int v = 0; v < INTENSITIES.length; v++) {
            float[] r = residual(v);
            assertThat(shared[v * 4]).isEqualTo(AveragePrecision.compute(r, label));
            assertThat(shared[v * 4 + 1]).isEqualTo(MetricKernels.auroc(r, label));
            assertThat(shared[v * 4 + 2]).isCloseTo(MetricKernels.bestDice(r, label).dice(),
                    org.assertj.core.api.Assertions.within(1e-12));
            assertThat(shared[v * 4 + 3]).isCloseTo(MetricKernels.aupro(r, label, ROWS, COLS),
                    org.assertj.core.api.Assertions.within(1e-12));
        }
    }
}
