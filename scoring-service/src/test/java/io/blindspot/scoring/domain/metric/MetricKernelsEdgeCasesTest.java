package io.blindspot.scoring.domain.metric;

import io.blindspot.scoring.domain.AveragePrecision;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The conventions of the metric kernels, one named case each (values by hand or from numpy where stated); the
 * reference-library comparisons are {@link MetricGoldenTest}.
 */
class MetricKernelsEdgeCasesTest {

    @Test
    void allNormalLabelLeavesRankMetricsUndefinedAndApZero() {
        float[] scores = {0.1f, 0.5f, 0.3f, 0.3f};
        boolean[] label = new boolean[4];
        assertThat(Auroc.compute(scores, label)).isNaN();
        assertThat(Dice.best(scores, label).dice()).isNaN();
        assertThat(Dice.atThreshold(scores, label, 0.2)).isNaN();
        assertThat(Aupro.compute(scores, label, 2, 2, Aupro.MAX_FPR)).isNaN();
        assertThat(ThresholdTable.of(scores, label).averagePrecision()).isZero();
        assertThat(ChanceLevel.normalisedAp(0.0, ChanceLevel.prevalence(label))).isZero();
    }

    @Test
    void allAnomalLabelHasNoFalsePositiveRate() {
        float[] scores = {0.1f, 0.5f, 0.3f, 0.3f};
        boolean[] label = {true, true, true, true};
        assertThat(Auroc.compute(scores, label)).isNaN();
        assertThat(Aupro.compute(scores, label, 2, 2, Aupro.MAX_FPR)).isNaN();
        assertThat(Dice.best(scores, label)).isEqualTo(new Dice.Best(1.0, 0.1f));   // everything predicted
        assertThat(ThresholdTable.of(scores, label).averagePrecision()).isEqualTo(1.0);
        assertThat(ChanceLevel.normalisedAp(1.0, ChanceLevel.prevalence(label))).isNaN();
    }

    @Test
    void constantResidualIsChance() {
        float[] scores = {0.25f, 0.25f, 0.25f, 0.25f, 0.25f};
        boolean[] label = {false, true, false, false, true};
        assertThat(Auroc.compute(scores, label)).isEqualTo(0.5);
        assertThat(ThresholdTable.of(scores, label).averagePrecision()).isEqualTo(0.4);     // the prevalence
        assertThat(ChanceLevel.normalisedAp(0.4, ChanceLevel.prevalence(label))).isCloseTo(0.0, within(1e-15));
        assertThat(Dice.best(scores, label)).isEqualTo(new Dice.Best(2.0 * 2 / (2 + 3 + 2), 0.25f));
        // One threshold: the curve runs straight from (0, 0) to (1, 1); up to FPR 0.3 the area is 0.045, / 0.3.
        assertThat(Aupro.compute(scores, label, 1, 5, 0.3)).isCloseTo(0.15, within(1e-15));
    }

    @Test
    void tiesBetweenAPositiveAndANegativeCountHalf() {
        float[] scores = {0.9f, 0.5f, 0.5f, 0.1f};
        boolean[] label = {true, true, false, false};
        // Positive 0.9 beats both negatives (2), positive 0.5 beats one and ties one (1.5): 3.5 / 4.
        assertThat(Auroc.compute(scores, label)).isEqualTo(0.875);
    }

    @Test
    void bestDiceKeepsTheHighestThresholdAmongEqualMaxima() {
        // t = 0.9: tp 1, fp 0 -> 2/3; t = 0.5: tp 2, fp 2 -> 4/6 = 2/3 as well: the higher threshold wins.
        float[] scores = {0.9f, 0.5f, 0.5f, 0.5f, 0.1f};
        boolean[] label = {true, true, false, false, false};
        assertThat(Dice.best(scores, label)).isEqualTo(new Dice.Best(2.0 / 3, 0.9f));
    }

    @Test
    void diceAtAThresholdPredictsOnlyWhatExceedsIt() {
        float[] scores = {0.5f, 0.5f, 0.2f};
        boolean[] label = {true, false, false};
        assertThat(Dice.atThreshold(scores, label, 0.5)).isZero();          // 0.5 does not exceed 0.5
        assertThat(Dice.atThreshold(scores, label, 0.4)).isEqualTo(2.0 / 3);
    }

    @Test
    void normalQuantileIsNumpysLinearRuleBitForBit() {
        // np.quantile([1, 2, 3, 4], 0.99) = 3.9699999999999998 (gamma 0.97 >= 0.5: b - d * (1 - gamma)).
        assertThat(NormalQuantile.linear(new double[]{4, 2, 1, 3}, 0.99)).isEqualTo(3.9699999999999998);
        assertThat(NormalQuantile.linear(new double[]{0, 0, 0, 1}, 0.99)).isEqualTo(0.9699999999999998);
        double[] sevenths = new double[101];
        for (int i = 0; i < sevenths.length; i++) {
            sevenths[i] = i / 7.0;
        }
        assertThat(NormalQuantile.linear(sevenths, 0.99)).isEqualTo(14.142857142857142);
        assertThat(NormalQuantile.linear(new double[]{5}, 0.99)).isEqualTo(5.0);
        assertThat(NormalQuantile.linear(new double[]{1, 2}, 1.0)).isEqualTo(2.0);
    }

    @Test
    void regionsAreEightConnectedAndNumberedInRasterOrder() {
        // Two pixels touching by a corner are one region (4-connectivity would give two).
        boolean[] mask = {
                false, false, true,
                true, false, false,
                false, true, false};
        ConnectedComponents.Regions r = ConnectedComponents.label(mask, 3, 3);
        assertThat(r.count()).isEqualTo(2);
        assertThat(r.region()).containsExactly(0, 0, 1, 2, 0, 0, 0, 2, 0);
        assertThat(r.sizes()).containsExactly(1, 2);
    }

    @Test
    void auproStaysWithinOneAndDividesByTheLimit() {
        // A perfect map: every region found before the first false positive: 1, whatever the limit.
        float[] scores = {0.9f, 0.8f, 0.1f, 0.2f, 0.3f, 0.05f};
        boolean[] label = {true, true, false, false, false, false};
        assertThat(Aupro.compute(scores, label, 2, 3, 0.3)).isCloseTo(1.0, within(1e-15));
        assertThat(Aupro.compute(scores, label, 2, 3, 1.0)).isCloseTo(1.0, within(1e-15));
        // Reversed: no region pixel before FPR 1.
        float[] reversed = {0.01f, 0.02f, 0.5f, 0.6f, 0.7f, 0.8f};
        assertThat(Aupro.compute(reversed, label, 2, 3, 0.3)).isZero();
    }

    @Test
    void float16RoundsHalfToEvenAsNumpy() {
        assertThat(PooledAp.toFloat16(1f + 0x1p-11f)).isEqualTo(1f);                    // halfway: even (1.0)
        assertThat(PooledAp.toFloat16(1f + 3 * 0x1p-11f)).isEqualTo(1f + 0x1p-9f);      // halfway: even
        assertThat(PooledAp.toFloat16(70000f)).isEqualTo(Float.POSITIVE_INFINITY);      // above 65504
    }

    @Test
    void pooledTableEqualsTheTableOfTheConcatenation() {
        float[] a = {0.3f, 0.7f, 0.7f, 0.1f};
        boolean[] la = {false, true, false, false};
        float[] b = {0.7f, 0.2f, 0.3f};
        boolean[] lb = {true, true, false};
        float[] ab = {0.3f, 0.7f, 0.7f, 0.1f, 0.7f, 0.2f, 0.3f};
        boolean[] lab = {false, true, false, false, true, true, false};
        assertThat(PooledAp.of(List.of(a, b), List.of(la, lb), false)).isEqualTo(AveragePrecision.compute(ab, lab));
        ThresholdTable merged = ThresholdTable.merge(List.of(ThresholdTable.of(a, la), ThresholdTable.of(b, lb)));
        ThresholdTable direct = ThresholdTable.of(ab, lab);
        assertThat(merged.size()).isEqualTo(direct.size());
        for (int i = 0; i < direct.size(); i++) {
            assertThat(merged.threshold(i)).isEqualTo(direct.threshold(i));
            assertThat(merged.truePositives(i)).isEqualTo(direct.truePositives(i));
            assertThat(merged.falsePositives(i)).isEqualTo(direct.falsePositives(i));
        }
    }

    @Test
    void bootstrapDrawsArePinned() {
        // SplitMix64 with seed 0: its published first outputs.
        PercentileBootstrap.SplitMix64 rng = new PercentileBootstrap.SplitMix64(0);
        assertThat(rng.next()).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(rng.next()).isEqualTo(0x6E789E6AA1B965F4L);
        assertThat(rng.next()).isEqualTo(0x06C45D188009454FL);
        // metric_golden.py's resamples(10, 2, 0): (z * n) >> 64 per draw.
        assertThat(PercentileBootstrap.resamples(10, 2, 0)).isDeepEqualTo(new int[][]{
                {8, 4, 0, 9, 1, 3, 1, 7, 2, 9}, {3, 7, 5, 5, 7, 5, 4, 7, 2, 8}});
    }

    @Test
    void pooledNegativesOfThirtySlicesStayExactWithTheirFinerIndex() {
        // ~1.2 M negatives (a pooled sigma of 30 slices) take a finer bucket index than one slice's; half are zeros
        // and many tie, as residuals do.
        java.util.SplittableRandom rng = new java.util.SplittableRandom(30);
        int m = 1_200_000;
        int k = 3_000;
        float[] all = new float[m + k];
        boolean[] label = new boolean[m + k];
        for (int i = 0; i < all.length; i++) {
            double u = rng.nextDouble();
            all[i] = i < m ? (u < 0.5 ? 0f : (float) Math.pow(u, 6)) : Math.round(u * 4096) / 4096f;
            label[i] = i >= m;
        }
        io.blindspot.scoring.domain.IncrementalAveragePrecision negatives =
                new io.blindspot.scoring.domain.IncrementalAveragePrecision(java.util.Arrays.copyOf(all, m));
        float[] positives = java.util.Arrays.copyOfRange(all, m, m + k);
        assertThat(negatives.ap(positives)).isEqualTo(AveragePrecision.compute(all, label));
        float c = positives[0];
        assertThat(negatives.countAtOrAbove(io.blindspot.scoring.domain.AveragePrecision.sortableBits(c)))
                .isEqualTo((int) java.util.stream.IntStream.range(0, m).filter(i -> all[i] >= c).count());
    }

    @Test
    void sliceScores() {
        float[] r = {0.5f, 0f, 1f, 0.25f};
        assertThat(SliceScore.mean(r)).isEqualTo(0.4375);
        assertThat(SliceScore.max(r)).isEqualTo(1.0);
        assertThat(SliceScore.topKMean(r, 2)).isEqualTo(0.75);
        assertThat(SliceScore.topKMean(r, 10)).isEqualTo(0.4375);      // k clamped to the pixels
    }
}
