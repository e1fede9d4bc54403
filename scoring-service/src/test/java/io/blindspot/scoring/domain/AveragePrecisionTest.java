package io.blindspot.scoring.domain;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AveragePrecisionTest {

    private static boolean[] labels(int... values) {
        boolean[] positive = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            positive[i] = values[i] == 1;
        }
        return positive;
    }

    @Test
    void tiedScoresFormOneThreshold() {
        // scores 0.9 0.9 0.5 0.1, labels 1 0 1 0, P = 2
        // t=0.9: TP=1 FP=1 recall 1/2 precision 1/2 -> (1/2 - 0) * 1/2 = 1/4
        // t=0.5: TP=2 FP=1 recall 1   precision 2/3 -> (1 - 1/2) * 2/3 = 1/3
        // t=0.1: TP=2 FP=2 recall 1                  -> 0
        // AP = 1/4 + 1/3 = 7/12; sklearn 1.2: 0.5833333333333333
        double ap = AveragePrecision.compute(new float[] {0.9f, 0.9f, 0.5f, 0.1f}, labels(1, 0, 1, 0));
        assertThat(ap).isCloseTo(7.0 / 12.0, within(1e-15)).isEqualTo(0.5833333333333333);
    }

    @Test
    void groupingTiesDiffersFromEitherOrderWithinTheTie() {
        // scores 0.5 0.5 0.5 0.25 0.125, labels 1 1 0 0 1, P = 3
        // grouped: t=0.5  TP=2 FP=1 -> (2/3) * (2/3) = 4/9
        //          t=0.25 TP=2 FP=2 -> recall unchanged -> 0
        //          t=0.125 TP=3 FP=2 -> (1/3) * (3/5) = 1/5        AP = 4/9 + 1/5 = 29/45
        // ungrouped, positives first in the tie: 1/3 + 1/3 + (1/3)(3/5) = 13/15
        // ungrouped, negative first in the tie: (1/3)(1/2) + (1/3)(2/3) + 1/5 = 53/90
        double ap = AveragePrecision.compute(new float[] {0.5f, 0.5f, 0.5f, 0.25f, 0.125f}, labels(1, 1, 0, 0, 1));
        assertThat(ap).isCloseTo(29.0 / 45.0, within(1e-15))
                .isNotCloseTo(13.0 / 15.0, within(1e-3))
                .isNotCloseTo(53.0 / 90.0, within(1e-3))
                .isEqualTo(0.6444444444444444); // sklearn 1.2
    }

    @Test
    void noPositiveLabelGivesZero() {
        // sklearn warns and returns -0.0; we return a plain 0.0.
        double ap = AveragePrecision.compute(new float[] {0.3f, 0.1f, 0.2f}, labels(0, 0, 0));
        assertThat(ap).isEqualTo(0.0);
        assertThat(Double.doubleToRawLongBits(ap)).isZero();
    }

    @Test
    void allPositiveGivesOne() {
        // recall 1/3, 2/3, 1 at precision 1: 1/3 + 1/3 + 1/3 = 1.0 exactly in double (sklearn: 1.0)
        assertThat(AveragePrecision.compute(new float[] {0.3f, 0.1f, 0.2f}, labels(1, 1, 1))).isEqualTo(1.0);
        // Seven distinct scores: the sevenths do not add up to 1 in double; sklearn says 0.9999999999999998.
        assertThat(AveragePrecision.compute(new float[] {0.7f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f},
                labels(1, 1, 1, 1, 1, 1, 1))).isEqualTo(0.9999999999999998);
    }

    @Test
    void allScoresTiedGiveThePositiveFraction() {
        // One threshold: recall 1 at precision 2/5.
        assertThat(AveragePrecision.compute(new float[] {0.5f, 0.5f, 0.5f, 0.5f, 0.5f}, labels(1, 0, 0, 1, 0)))
                .isEqualTo(0.4);
    }

    @Test
    void singlePixel() {
        assertThat(AveragePrecision.compute(new float[] {0.5f}, labels(1))).isEqualTo(1.0);
        assertThat(AveragePrecision.compute(new float[] {0.5f}, labels(0))).isEqualTo(0.0);
    }

    @Test
    void negativeZeroTiesWithZero() {
        // scores 0 -0 0.25 0.5 0 0.5, labels 0 1 0 1 0 0, P = 2
        // t=0.5:  TP=1 FP=1 -> (1/2)(1/2) = 1/4
        // t=0.25: TP=1 FP=2 -> 0
        // t=0:    TP=2 FP=4 -> (1/2)(2/6) = 1/6          AP = 5/12; sklearn 0.41666666666666663
        double ap = AveragePrecision.compute(new float[] {0f, -0f, 0.25f, 0.5f, 0f, 0.5f}, labels(0, 1, 0, 1, 0, 0));
        assertThat(ap).isEqualTo(0.41666666666666663);
    }

    @Test
    void matchesSklearnOnTwelvePixels() {
        // Checked in development against sklearn on 400 random arrays (up to 70k pixels, negative scores,
        // all-positive and all-negative labels): identical bits in every case.
        // sklearn 1.2.1: average_precision_score(y, np.float32(s)) = 0.7033333333333334
        float[] scores = {0.1f, 0.8f, 0.35f, 0.35f, 0.6f, 0.6f, 0.05f, 0.9f, 0.2f, 0.8f, 0.35f, 0.0f};
        double ap = AveragePrecision.compute(scores, labels(0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 1, 0));
        assertThat(ap).isCloseTo(0.7033333333333334, within(1e-15));
    }

    /**
     * Arrays drawn by a 64-bit LCG that the sklearn script reproduced: score = (v mod distinct) / 64 (exact in
     * float32), label = ((v >> 12) mod every == 0), v = x >>> 33. Up to 25,280 distinct scores, so numpy's
     * pairwise summation splits recursively; values from sklearn 1.2.1 / numpy 1.24.2.
     */
    @Test
    void matchesSklearnBitForBitOnLargeArrays() {
        assertThat(lcgAp(1, 1000, 1000, 3)).isEqualTo(0.328189822112095);
        assertThat(lcgAp(2, 5000, 3000, 7)).isEqualTo(0.1501825987636623);
        assertThat(lcgAp(3, 200, 20, 2)).isEqualTo(0.5992953884397668);
        assertThat(lcgAp(4, 40000, 40000, 50)).isEqualTo(0.020601442458374787);
    }

    private static double lcgAp(long seed, int n, int distinct, int every) {
        float[] scores = new float[n];
        boolean[] positive = new boolean[n];
        long x = seed;
        for (int i = 0; i < n; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            long v = x >>> 33;
            scores[i] = (float) ((v % distinct) / 64.0);
            positive[i] = (v >> 12) % every == 0;
        }
        return AveragePrecision.compute(scores, positive);
    }

    @Test
    void agreesWithNaiveDefinitionOnRandomArraysWithManyTies() {
        Random random = new Random(20220203);
        for (int round = 0; round < 300; round++) {
            int n = 1 + random.nextInt(400);
            int levels = 1 + random.nextInt(30);
            float[] scores = new float[n];
            boolean[] positive = new boolean[n];
            double positiveRate = random.nextDouble();
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextInt(levels) / (float) levels * (random.nextBoolean() ? 1f : 3.7f);
                positive[i] = random.nextDouble() < positiveRate;
            }
            assertThat(AveragePrecision.compute(scores, positive))
                    .as("round %d", round)
                    .isCloseTo(naiveAveragePrecision(scores, positive), within(1e-12));
        }
    }

    /**
     * The definition, O(n²): for each distinct score t from the highest down, count TP and FP among pixels
     * with score >= t from scratch and add (recall − previous recall) × precision.
     */
    private static double naiveAveragePrecision(float[] scores, boolean[] positive) {
        int positives = 0;
        for (boolean p : positive) {
            positives += p ? 1 : 0;
        }
        if (positives == 0) {
            return 0.0;
        }
        TreeSet<Float> thresholds = new TreeSet<>();
        for (float s : scores) {
            thresholds.add(s);
        }
        double ap = 0.0;
        double previousRecall = 0.0;
        for (float t : thresholds.descendingSet()) {
            int tp = 0;
            int fp = 0;
            for (int i = 0; i < scores.length; i++) {
                if (scores[i] >= t) {
                    if (positive[i]) {
                        tp++;
                    } else {
                        fp++;
                    }
                }
            }
            double recall = (double) tp / positives;
            ap += (recall - previousRecall) * ((double) tp / (tp + fp));
            previousRecall = recall;
        }
        return ap;
    }

    @Test
    void rejectsNaNAndMismatchedLengths() {
        assertThatThrownBy(() -> AveragePrecision.compute(new float[] {0.1f, Float.NaN}, labels(1, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> AveragePrecision.compute(new float[] {0.1f}, labels(1, 0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AveragePrecision.compute(new float[0], new boolean[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

}
