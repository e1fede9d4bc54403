package io.blindspot.scoring.domain;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class IncrementalAveragePrecisionTest {

    /** The reference over the union: negatives first, then positives (the order does not matter to AP). */
    private static double reference(float[] negatives, float[] positives) {
        float[] scores = new float[negatives.length + positives.length];
        boolean[] positive = new boolean[scores.length];
        System.arraycopy(negatives, 0, scores, 0, negatives.length);
        System.arraycopy(positives, 0, scores, negatives.length, positives.length);
        for (int i = negatives.length; i < scores.length; i++) {
            positive[i] = true;
        }
        return AveragePrecision.compute(scores, positive);
    }

    @Test
    void handDerivedCaseWithTiesAcrossLabels() {
        // negatives 0.9 0.5 0.5 0.1, positives 0.5 0.9 0.3, P = 3; thresholds of the union:
        // t=0.9: TP=1 FP=1 -> recall 1/3, precision 1/2 -> (1/3)(1/2) = 1/6
        // t=0.5: TP=2 FP=3 -> recall 2/3, precision 2/5 -> (1/3)(2/5) = 2/15
        // t=0.3: TP=3 FP=3 -> recall 1,   precision 1/2 -> (1/3)(1/2) = 1/6
        // t=0.1: no positive at this threshold         -> 0
        // AP = 1/6 + 2/15 + 1/6 = 7/15
        float[] negatives = {0.9f, 0.5f, 0.5f, 0.1f};
        float[] positives = {0.5f, 0.9f, 0.3f};
        double ap = new IncrementalAveragePrecision(negatives).ap(positives);
        assertThat(ap).isCloseTo(7.0 / 15.0, within(1e-15)).isEqualTo(reference(negatives, positives));
    }

    @Test
    void noPositiveGivesZero() {
        IncrementalAveragePrecision incremental = new IncrementalAveragePrecision(new float[] {0.3f, 0.1f});
        assertThat(incremental.ap(new float[0])).isEqualTo(0.0);
        assertThat(Double.doubleToRawLongBits(incremental.ap(new float[0]))).isZero();
    }

    @Test
    void noNegativeMatchesTheReference() {
        IncrementalAveragePrecision none = new IncrementalAveragePrecision(new float[0]);
        // recall 1/3, 2/3, 1 at precision 1: exactly 1.0
        assertThat(none.ap(new float[] {0.3f, 0.1f, 0.2f})).isEqualTo(1.0);
        // seven distinct scores: the sevenths sum to 0.9999999999999998 in numpy's order, as the reference
        assertThat(none.ap(new float[] {0.7f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f})).isEqualTo(0.9999999999999998);
        // all positives tied: one threshold, recall 1 at precision 1
        assertThat(none.ap(new float[] {0.5f, 0.5f})).isEqualTo(1.0);
    }

    @Test
    void singlePixel() {
        assertThat(new IncrementalAveragePrecision(new float[0]).ap(new float[] {0.5f})).isEqualTo(1.0);
        assertThat(new IncrementalAveragePrecision(new float[] {0.5f}).ap(new float[0])).isEqualTo(0.0);
        assertThatThrownBy(() -> new IncrementalAveragePrecision(new float[0]).ap(new float[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero pixels");
    }

    @Test
    void allScoresTiedGiveThePositiveFraction() {
        // One threshold: recall 1 at precision 2/5.
        double ap = new IncrementalAveragePrecision(new float[] {0f, 0f, 0f}).ap(new float[] {0f, 0f});
        assertThat(ap).isEqualTo(0.4);
    }

    @Test
    void negativeZeroTiesWithZero() {
        // the reference's case: negatives 0 0.25 0 0.5, positives -0 0.5, P = 2
        // t=0.5: (1/2)(1/2) = 1/4; t=0.25: 0; t=0: (1/2)(2/6) = 1/6  -> 5/12, sklearn 0.41666666666666663
        double ap = new IncrementalAveragePrecision(new float[] {0f, 0.25f, 0f, 0.5f}).ap(new float[] {-0f, 0.5f});
        assertThat(ap).isEqualTo(0.41666666666666663);
        // -0f among the negatives too
        assertThat(new IncrementalAveragePrecision(new float[] {-0f, 0.25f, 0f, 0.5f}).ap(new float[] {0f, 0.5f}))
                .isEqualTo(0.41666666666666663);
    }

    @Test
    void rejectsNaN() {
        assertThatThrownBy(() -> new IncrementalAveragePrecision(new float[] {0.1f, Float.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        IncrementalAveragePrecision incremental = new IncrementalAveragePrecision(new float[] {0.1f});
        assertThatThrownBy(() -> incremental.ap(new float[] {Float.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
    }

    @Test
    void doesNotModifyThePositives() {
        float[] positives = {0.5f, 0.1f, 0.3f};
        new IncrementalAveragePrecision(new float[] {0.2f}).ap(positives);
        assertThat(positives).containsExactly(0.5f, 0.1f, 0.3f);
    }

    /**
     * Heavy ties: scores quantised to few levels (zeros included, some draws all equal), shared by positives and
     * negatives; several positive sets against one instance, as the scorer uses it. Bit-identical to the
     * reference, not merely within 1e-12 (see the class comment: the zero terms are skipped exactly).
     */
    @Test
    void equalsTheFullSortOnRandomTiedScores() {
        Random random = new Random(20220706);
        for (int round = 0; round < 400; round++) {
            int levels = 1 + random.nextInt(round % 4 == 0 ? 3 : 40);
            float scale = random.nextBoolean() ? 1f : 0.37f;
            float[] negatives = quantised(random, random.nextInt(600), levels, scale);
            IncrementalAveragePrecision incremental = new IncrementalAveragePrecision(negatives);
            for (int variant = 0; variant < 4; variant++) {
                float[] positives = quantised(random, random.nextInt(80), levels, scale);
                if (negatives.length + positives.length == 0) {
                    continue;
                }
                assertThat(incremental.ap(positives))
                        .as("round %d variant %d", round, variant)
                        .isEqualTo(reference(negatives, positives));
            }
        }
    }

    /**
     * Slice-sized: 40,000 negatives with up to ~20,000 distinct values, so numpy's summation splits into
     * 8192-value chunks and recursive halves, and the zero terms between the positives' thresholds matter.
     */
    @Test
    void equalsTheFullSortOnSliceSizedScores() {
        Random random = new Random(7);
        for (int round = 0; round < 6; round++) {
            int levels = round < 3 ? 20_000 : 300;
            float[] negatives = quantised(random, 40_000, levels, 1f);
            IncrementalAveragePrecision incremental = new IncrementalAveragePrecision(negatives);
            for (int variant = 0; variant < 3; variant++) {
                float[] positives = quantised(random, 1 + random.nextInt(5_000), levels, 1f);
                double ap = incremental.ap(positives);
                assertThat(ap).as("round %d variant %d", round, variant).isEqualTo(reference(negatives, positives));
            }
        }
    }

    /** n scores (v mod levels) / levels × scale, one in ten forced to 0 (the background of a residual). */
    private static float[] quantised(Random random, int n, int levels, float scale) {
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) {
            scores[i] = random.nextInt(10) == 0 ? 0f : random.nextInt(levels) / (float) levels * scale;
        }
        return scores;
    }

    @Test
    void sortedPositivesWithAReusedWorkspaceMatchTheReference() {
        // One workspace for calls of different sizes (it grows, and leftovers of a longer call must not leak).
        Random random = new Random(9);
        float[] negatives = quantised(random, 3_000, 500, 1f);
        IncrementalAveragePrecision incremental = new IncrementalAveragePrecision(negatives);
        IncrementalAveragePrecision.Workspace workspace = new IncrementalAveragePrecision.Workspace();
        for (int call = 0; call < 30; call++) {
            float[] positives = quantised(random, 1 + random.nextInt(call % 2 == 0 ? 900 : 20), 500, 1f);
            int[] keys = workspace.keys(positives.length);
            for (int i = 0; i < positives.length; i++) {
                keys[i] = AveragePrecision.sortableBits(positives[i]);
            }
            java.util.Arrays.sort(keys, 0, positives.length);
            IncrementalAveragePrecision.reverse(keys, positives.length);
            assertThat(incremental.apOfDescending(keys, positives.length, workspace)).as("call %d", call)
                    .isEqualTo(reference(negatives, positives));
        }
    }

    @Test
    void lowerBoundSearchesTheRightBucketOverTheWholeKeyRange() {
        // Negative scores (negative keys), tiny and huge ones: keys far apart, in buckets far apart.
        float[] negatives = {-3e38f, -1f, -0f, 0f, 1e-30f, 0.5f, 0.5f, 0.75f, 2e38f};
        IncrementalAveragePrecision incremental = new IncrementalAveragePrecision(negatives);
        // sorted keys: -3e38, -1, 0, 0, 1e-30, .5, .5, .75, 2e38
        assertThat(incremental.lowerBound(AveragePrecision.sortableBits(Float.NEGATIVE_INFINITY))).isZero();
        assertThat(incremental.lowerBound(AveragePrecision.sortableBits(-2f))).isEqualTo(1);
        assertThat(incremental.lowerBound(AveragePrecision.sortableBits(0f))).isEqualTo(2);
        assertThat(incremental.lowerBound(AveragePrecision.sortableBits(1e-31f))).isEqualTo(4);
        assertThat(incremental.lowerBound(AveragePrecision.sortableBits(0.5f))).isEqualTo(5);
        assertThat(incremental.lowerBound(AveragePrecision.sortableBits(0.6f))).isEqualTo(7);
        assertThat(incremental.lowerBound(AveragePrecision.sortableBits(1f))).isEqualTo(8);
        assertThat(incremental.lowerBound(AveragePrecision.sortableBits(Float.POSITIVE_INFINITY))).isEqualTo(9);
        // and the APs over such a range agree with the reference
        float[] positives = {-2f, 0.6f, 3e38f, 0f};
        assertThat(incremental.ap(positives)).isEqualTo(reference(negatives, positives));
    }

    @Test
    void lowerBoundCountsEveryKeyBelowInCrowdedSparseAndZeroRegions() {
        // Exact zeros (kept out of the sort), negative scores, a bucket of 20 consecutive floats (more than the
        // window of 8: binary search), lone keys (the window runs into later buckets and past the end) and
        // duplicates: every look-up must equal a plain count of the keys below the value.
        java.util.List<Float> scores = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            scores.add(0f);
        }
        scores.add(-0.25f);
        scores.add(-0f);
        float crowded = 0.3f;
        for (int i = 0; i < 20; i++) {
            scores.add(crowded);
            crowded = Math.nextUp(crowded);
        }
        scores.add(0.3f);
        scores.add(1e-20f);
        scores.add(0.7f);
        scores.add(0.7f);
        scores.add(0.9f);
        float[] negatives = new float[scores.size()];
        int[] sortedKeys = new int[negatives.length];
        for (int i = 0; i < negatives.length; i++) {
            negatives[i] = scores.get(i);
            sortedKeys[i] = AveragePrecision.sortableBits(negatives[i]);
        }
        java.util.Arrays.sort(sortedKeys);
        IncrementalAveragePrecision incremental = new IncrementalAveragePrecision(negatives);
        for (int key : sortedKeys) {
            for (int value : new int[] {key - 1, key, key + 1}) {
                int below = 0;
                for (int k : sortedKeys) {
                    below += k < value ? 1 : 0;
                }
                assertThat(incremental.lowerBound(value)).as("key %d", value).isEqualTo(below);
            }
        }
        assertThat(incremental.lowerBound(AveragePrecision.sortableBits(0f))).isEqualTo(1);   // -0.25 only
        assertThat(incremental.lowerBound(AveragePrecision.sortableBits(Float.MIN_VALUE))).isEqualTo(9);
        assertThat(incremental.lowerBound(AveragePrecision.sortableBits(2f))).isEqualTo(negatives.length);
        float[] positives = {0.3f, Math.nextUp(0.3f), 0f, 0.7f, 0.5f, 1e-20f};
        assertThat(incremental.ap(positives)).isEqualTo(reference(negatives, positives));
    }
}
