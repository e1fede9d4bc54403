package io.blindspot.scoring.domain;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.Modes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SliceScorerTest {
    // A 2x3 slice; the anomaly covers pixel (0,1) only.
    private static final FloatArray LABEL = FloatArray.of2d(2, 3, new float[] {0, 1, 0, 0, 0, 0});
    private static final FloatArray ANOMALOUS = FloatArray.stack(2, 3, new float[][] {
        {0.25f, 1.0f, 0.5f, 0.5f, 0f, 0f},     // variant 0, intensity 1.0
        {0.5f, 0.5f, 0.5f, 0.5f, 0f, 0f},      // variant 1, intensity 0.5 (and pixel (0,0) differs too)
    });

    @Test
    void normalRecScoresEveryVariantAgainstOneReconstruction() {
        FloatArray rec = FloatArray.of2d(2, 3, new float[] {0.25f, 0.25f, 0.5f, 0.5f, 0f, 0f});
        List<VariantScore> scores = SliceScorer.score(ANOMALOUS, LABEL, rec, Modes.NORMAL_REC);

        // variant 0: residual 0 .75 0 0 0 0 -> the positive alone on top: AP 1; mean .75 / 6 = .125
        // variant 1: residual .25 .25 0 0 0 0 -> t=.25: TP 1 FP 1 -> recall 1 at precision 1/2: AP .5;
        //            mean .5 / 6
        assertThat(scores).containsExactly(new VariantScore(0, 1.0, 0.125), new VariantScore(1, 0.5, 0.5 / 6));
    }

    @Test
    void anomalRecPairsEachVariantWithItsOwnReconstruction() {
        FloatArray rec = FloatArray.stack(2, 3, new float[][] {
            {0.25f, 1.0f, 0.5f, 0.5f, 0f, 0f},     // variant 0 reconstructed perfectly
            {0.5f, 0f, 0.5f, 0.25f, 0f, 0f},       // variant 1: the anomaly removed, (1,0) off by .25
        });
        List<VariantScore> scores = SliceScorer.score(ANOMALOUS, LABEL, rec, Modes.ANOMAL_REC);

        // variant 0: residual all 0 -> one tied threshold -> AP = positive fraction 1/6; mean 0
        // variant 1: residual 0 .5 0 .25 0 0 -> positive on top alone: AP 1; mean .75 / 6 = .125
        assertThat(scores).containsExactly(new VariantScore(0, 1.0 / 6, 0.0), new VariantScore(1, 1.0, 0.125));
    }

    @Test
    void acceptsAOneVariantNormalRecStack() {
        FloatArray rec = new FloatArray(new int[] {1, 2, 3}, new float[] {0.25f, 0.25f, 0.5f, 0.5f, 0f, 0f});
        assertThat(SliceScorer.score(ANOMALOUS, LABEL, rec, Modes.NORMAL_REC)).hasSize(2);
    }

    @Test
    void rejectsShapesThatDisagree() {
        FloatArray wrong = FloatArray.of2d(3, 2, new float[6]);
        assertThatThrownBy(() -> SliceScorer.score(ANOMALOUS, LABEL, wrong, Modes.NORMAL_REC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3]");
        FloatArray plane = FloatArray.of2d(2, 3, new float[6]);
        assertThatThrownBy(() -> SliceScorer.score(ANOMALOUS, LABEL, plane, Modes.ANOMAL_REC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("anomal-rec");
        assertThatThrownBy(() -> SliceScorer.score(plane, LABEL, plane, Modes.NORMAL_REC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("variants");
        assertThatThrownBy(() -> SliceScorer.score(ANOMALOUS, wrong, plane, Modes.NORMAL_REC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label");
    }

    @Test
    void rejectsUnknownModeAndSoftLabels() {
        FloatArray plane = FloatArray.of2d(2, 3, new float[6]);
        assertThatThrownBy(() -> SliceScorer.score(ANOMALOUS, LABEL, plane, "blur"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown reconstruction mode");
        FloatArray soft = FloatArray.of2d(2, 3, new float[] {0, 0.5f, 0, 0, 0, 0});
        assertThatThrownBy(() -> SliceScorer.score(ANOMALOUS, soft, plane, Modes.NORMAL_REC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 or 1");
    }

    @Test
    void normalRecTakesTheIncrementalPathOnlyWhereTheBackgroundIsShared() {
        // The hand-checked case above: variant 1 also changes pixel (0,0), outside the label, so its negatives
        // differ from variant 0's and it falls back to the full sort; the values are the hand-derived ones.
        FloatArray rec = FloatArray.of2d(2, 3, new float[] {0.25f, 0.25f, 0.5f, 0.5f, 0f, 0f});
        SliceScorer.PathCounts paths = new SliceScorer.PathCounts();
        List<VariantScore> scores = SliceScorer.score(ANOMALOUS, LABEL, rec, Modes.NORMAL_REC, paths);
        assertThat(scores).containsExactly(new VariantScore(0, 1.0, 0.125), new VariantScore(1, 0.5, 0.5 / 6));
        assertThat(paths.incremental).isEqualTo(1);
        assertThat(paths.fullSort).isEqualTo(1);
    }

    @Test
    void normalRecVariantsThatDifferOnlyOnTheLabelShareTheSortedBackground() {
        // Variant 1 = variant 0 with the anomaly at .75 instead of 1: residual 0 .5 0 0 0 0 against
        // rec .25 .25 .5 .5 0 0 -> AP 1 (the positive alone on top), mean .5 / 6.
        FloatArray anomalous = FloatArray.stack(2, 3, new float[][] {
            {0.25f, 1.0f, 0.5f, 0.5f, 0f, 0f},
            {0.25f, 0.75f, 0.5f, 0.5f, 0f, 0f},
        });
        FloatArray rec = FloatArray.of2d(2, 3, new float[] {0.25f, 0.25f, 0.5f, 0.5f, 0f, 0f});
        SliceScorer.PathCounts paths = new SliceScorer.PathCounts();
        List<VariantScore> scores = SliceScorer.score(anomalous, LABEL, rec, Modes.NORMAL_REC, paths);
        assertThat(scores).containsExactly(new VariantScore(0, 1.0, 0.125), new VariantScore(1, 1.0, 0.5 / 6));
        assertThat(paths.incremental).isEqualTo(2);
        assertThat(paths.fullSort).isZero();
    }

    @Test
    void anomalRecAlwaysSortsInFull() {
        FloatArray rec = FloatArray.stack(2, 3, new float[][] {
            {0.25f, 1.0f, 0.5f, 0.5f, 0f, 0f},
            {0.5f, 0f, 0.5f, 0.25f, 0f, 0f},
        });
        SliceScorer.PathCounts paths = new SliceScorer.PathCounts();
        SliceScorer.score(ANOMALOUS, LABEL, rec, Modes.ANOMAL_REC, paths);
        assertThat(paths.incremental).isZero();
        assertThat(paths.fullSort).isEqualTo(2);
    }

    /**
     * Synthetic slices as synth builds them: a quantised normal slice with a zero background, a disk label
     * clipped to the brain, variants = normal with the label pixels set to each intensity (intensities repeat,
     * so residuals tie across variants and labels); the reconstruction is the normal slice slightly quantised
     * differently. Some variants are also changed outside the label (they must fall back). Every AP and mean
     * residual must equal the straightforward computation (residual of the whole plane, full sort) bit for bit.
     */
    @Test
    void fastPathAndFallbackGiveTheFullComputationsBits() {
        Random random = new Random(1);
        int totalIncremental = 0;
        int totalFallback = 0;
        for (int round = 0; round < 40; round++) {
            int rows = 5 + random.nextInt(40);
            int cols = 5 + random.nextInt(40);
            int pixels = rows * cols;
            float[] normal = new float[pixels];
            float[] rec = new float[pixels];
            float[] label = new float[pixels];
            int centreRow = random.nextInt(rows);
            int centreCol = random.nextInt(cols);
            int radius = 1 + random.nextInt(8);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int i = r * cols + c;
                    boolean brain = r > 0 && c > 0 && r < rows - 1 && c < cols - 1 && random.nextInt(8) != 0;
                    normal[i] = brain ? (1 + random.nextInt(12)) / 16f : 0f;
                    rec[i] = brain ? (random.nextInt(14)) / 16f : 0f;
                    int dr = r - centreRow;
                    int dc = c - centreCol;
                    label[i] = brain && dr * dr + dc * dc < radius * radius ? 1f : 0f;
                }
            }
            int variants = 1 + random.nextInt(6);
            float[][] planes = new float[variants][];
            boolean[] changedOutside = new boolean[variants];
            for (int v = 0; v < variants; v++) {
                float intensity = random.nextInt(5) / 4f;
                planes[v] = normal.clone();
                for (int i = 0; i < pixels; i++) {
                    if (label[i] == 1f) {
                        planes[v][i] = intensity;
                    }
                }
                if (v > 0 && random.nextInt(4) == 0) {
                    int i = random.nextInt(pixels);
                    if (label[i] == 0f) {
                        planes[v][i] += 0.5f;
                        changedOutside[v] = true;
                    }
                }
            }
            FloatArray stack = FloatArray.stack(rows, cols, planes);
            SliceScorer.PathCounts paths = new SliceScorer.PathCounts();
            List<VariantScore> scores = SliceScorer.score(stack, FloatArray.of2d(rows, cols, label),
                    FloatArray.of2d(rows, cols, rec), Modes.NORMAL_REC, paths);

            List<VariantScore> expected = new ArrayList<>();
            int fallbacks = 0;
            for (int v = 0; v < variants; v++) {
                float[] residual = Residual.of(rec, planes[v]);
                expected.add(new VariantScore(v, AveragePrecision.compute(residual, SliceScorer.positives(label)),
                        Residual.mean(residual)));
                fallbacks += changedOutside[v] ? 1 : 0;
            }
            assertThat(scores).as("round %d", round).isEqualTo(expected);
            assertThat(paths.fullSort).as("round %d", round).isEqualTo(fallbacks);
            assertThat(paths.incremental).as("round %d", round).isEqualTo(variants - fallbacks);
            totalIncremental += paths.incremental;
            totalFallback += paths.fullSort;
        }
        // Both paths were exercised (the seed is fixed).
        assertThat(totalIncremental).isGreaterThan(50);
        assertThat(totalFallback).isGreaterThan(5);
    }

    @Test
    void aSliceWithoutLabelPixelsScoresZero() {
        FloatArray empty = FloatArray.of2d(2, 3, new float[6]);
        FloatArray rec = FloatArray.of2d(2, 3, new float[] {0.25f, 0.25f, 0.5f, 0.5f, 0f, 0f});
        FloatArray anomalous = FloatArray.stack(2, 3, new float[][] {
            {0.25f, 0.25f, 0.5f, 0.5f, 0f, 0f},
            {0.25f, 0.25f, 0.5f, 0.5f, 0f, 0f},
        });
        SliceScorer.PathCounts paths = new SliceScorer.PathCounts();
        assertThat(SliceScorer.score(anomalous, empty, rec, Modes.NORMAL_REC, paths))
                .containsExactly(new VariantScore(0, 0.0, 0.0), new VariantScore(1, 0.0, 0.0));
        assertThat(paths.incremental).isEqualTo(2);
    }

    /**
     * Experiment 2's pixel shuffle: one variant per slice, the label's values permuted. 2x3 normal slice
     * .25 1 .5 / .5 0 0 with the label (0,1), (0,2); the shuffled variant swaps them: .25 .5 1 / .5 0 0.
     * <ul>
     *   <li>rec = the normal slice (sigma 0): residual 0 .5 .5 / 0 0 0 — both positives above every negative:
     *       AP 1; mean 1 / 6.</li>
     *   <li>rec .25 .75 .75 / .5 .25 0: residual 0 .25 .25 / 0 .25 0 — one threshold .25 with TP 2, FP 1:
     *       recall 1 at precision 2/3: AP 2/3; mean .75 / 6 = .125.</li>
     * </ul>
     * The single variant takes the incremental path and gives the full sort's bits.
     */
    @Test
    void aShuffledTextureVariantIsScoredExactlyOnTheFastPath() {
        FloatArray label = FloatArray.of2d(2, 3, new float[] {0, 1, 1, 0, 0, 0});
        FloatArray shuffled = FloatArray.stack(2, 3, new float[][] {{0.25f, 0.5f, 1.0f, 0.5f, 0f, 0f}});
        FloatArray normal = FloatArray.of2d(2, 3, new float[] {0.25f, 1.0f, 0.5f, 0.5f, 0f, 0f});
        FloatArray blurred = FloatArray.of2d(2, 3, new float[] {0.25f, 0.75f, 0.75f, 0.5f, 0.25f, 0f});

        SliceScorer.PathCounts paths = new SliceScorer.PathCounts();
        assertThat(SliceScorer.score(shuffled, label, normal, Modes.NORMAL_REC, paths))
                .containsExactly(new VariantScore(0, 1.0, 1.0 / 6));
        assertThat(SliceScorer.score(shuffled, label, blurred, Modes.NORMAL_REC, paths))
                .containsExactly(new VariantScore(0, 2.0 / 3, 0.125));
        assertThat(paths.incremental).isEqualTo(2);
        assertThat(paths.fullSort).isZero();
        float[] residual = Residual.of(blurred.data(), shuffled.data());
        assertThat(AveragePrecision.compute(residual, SliceScorer.positives(label.data()))).isEqualTo(2.0 / 3);
    }

    /**
     * Texture variants as synth builds them: the normal slice with its label pixels re-filled from the slice's
     * own values (a permutation of the label's values, as pixel-shuffle; or values read at other pixels,
     * background included, as sink and source). They differ from the normal slice only on the label, so the
     * precondition of the fast path holds for every plane, whether scored alone (one variant per slice, as
     * experiment 2 sends them) or stacked; every AP and mean residual equals the full computation bit for bit.
     */
    @Test
    void textureVariantsTakeTheFastPathWithTheFullComputationsBits() {
        Random random = new Random(2);
        for (int round = 0; round < 40; round++) {
            int rows = 5 + random.nextInt(40);
            int cols = 5 + random.nextInt(40);
            int pixels = rows * cols;
            float[] normal = new float[pixels];
            float[] rec = new float[pixels];
            float[] label = new float[pixels];
            int centreRow = random.nextInt(rows);
            int centreCol = random.nextInt(cols);
            int radius = 1 + random.nextInt(8);
            List<Integer> labelPixels = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int i = r * cols + c;
                    boolean brain = r > 0 && c > 0 && r < rows - 1 && c < cols - 1 && random.nextInt(8) != 0;
                    normal[i] = brain ? (1 + random.nextInt(12)) / 16f : 0f;
                    rec[i] = brain ? random.nextInt(14) / 16f : 0f;
                    int dr = r - centreRow;
                    int dc = c - centreCol;
                    if (brain && dr * dr + dc * dc < radius * radius) {
                        label[i] = 1f;
                        labelPixels.add(i);
                    }
                }
            }
            float[] shuffle = normal.clone();
            List<Float> values = new ArrayList<>();
            for (int i : labelPixels) {
                values.add(normal[i]);
            }
            Collections.shuffle(values, random);
            for (int k = 0; k < labelPixels.size(); k++) {
                shuffle[labelPixels.get(k)] = values.get(k);
            }
            float[] resampled = normal.clone();
            for (int i : labelPixels) {
                resampled[i] = normal[random.nextInt(pixels)];
            }
            float[][] planes = {shuffle, resampled};
            FloatArray labelArray = FloatArray.of2d(rows, cols, label);
            FloatArray recArray = FloatArray.of2d(rows, cols, rec);
            List<VariantScore> expected = new ArrayList<>();
            for (int v = 0; v < planes.length; v++) {
                float[] residual = Residual.of(rec, planes[v]);
                expected.add(new VariantScore(v, AveragePrecision.compute(residual, SliceScorer.positives(label)),
                        Residual.mean(residual)));
                SliceScorer.PathCounts alone = new SliceScorer.PathCounts();
                assertThat(SliceScorer.score(FloatArray.stack(rows, cols, new float[][] {planes[v]}), labelArray,
                        recArray, Modes.NORMAL_REC, alone))
                        .as("round %d, plane %d alone", round, v)
                        .containsExactly(new VariantScore(0, expected.get(v).ap(), expected.get(v).meanResidual()));
                assertThat(alone.incremental).isEqualTo(1);
            }
            SliceScorer.PathCounts stacked = new SliceScorer.PathCounts();
            assertThat(SliceScorer.score(FloatArray.stack(rows, cols, planes), labelArray, recArray,
                    Modes.NORMAL_REC, stacked)).as("round %d stacked", round).isEqualTo(expected);
            assertThat(stacked.incremental).isEqualTo(2);
            assertThat(stacked.fullSort).isZero();
        }
    }

    @Test
    void diskVariantsAreMergedAndOtherLabelsSorted() {
        // 1 x 4 slice, label on pixels 1 and 2; rec 0.25 0.5 0.75 0
        FloatArray label = FloatArray.of2d(1, 4, new float[] {0, 1, 1, 0});
        FloatArray rec = FloatArray.of2d(1, 4, new float[] {0.25f, 0.5f, 0.75f, 0f});
        FloatArray stack = FloatArray.stack(1, 4, new float[][] {
            {0f, 1f, 1f, 0f},           // one value on the label: merged
            {0f, 1f, 0.5f, 0f}});       // two values: its label residuals are sorted
        SliceScorer.PathCounts paths = new SliceScorer.PathCounts();
        List<VariantScore> scores = SliceScorer.score(stack, label, rec, Modes.NORMAL_REC, paths);
        // variant 0: residuals .25 .5 .25 0 -> t=.5: TP1 FP0 (1/2)(1); t=.25: TP2 FP1 (1/2)(2/3) -> AP 5/6
        //            mean (.25 + .5 + .25) / 4 = .25
        // variant 1: residuals .25 .5 .25 0 as well (|.75 - .5| = .25): the same AP and mean
        assertThat(scores).containsExactly(new VariantScore(0, 0.8333333333333333, 0.25),
                new VariantScore(1, 0.8333333333333333, 0.25));
        assertThat(paths.incremental).isEqualTo(2);
        assertThat(paths.merged).isEqualTo(1);
        assertThat(paths.fullSort).isZero();
    }

    @Test
    void sharedMeansEqualEachMapsMean() {
        // background residuals 0.5 0 0.25 0.125 with the label on pixel 1 (rec 1); variants 0.5 and 1 there:
        // variant 0: (0.5 + 0.5 + 0.25 + 0.125) / 4 = 0.34375; variant 1: (0.5 + 0 + 0.25 + 0.125) / 4 = 0.21875
        double[] means = SliceScorer.sharedMeans(new float[] {0.5f, 0f, 0.25f, 0.125f}, new int[] {1},
                new float[] {9f, 1f, 9f, 9f}, new float[] {0.5f, 1f}, 2);
        assertThat(means).containsExactly(0.34375, 0.21875);
    }

    /**
     * Values of very different magnitudes (so that the running double sum rounds, and any other order of the
     * additions would give other bits) and many exact zeros (skipped): the same bits as {@link Residual#mean}.
     */
    @Test
    void sharedMeansAddInPixelOrderBitForBit() {
        Random random = new Random(5);
        for (int round = 0; round < 50; round++) {
            int pixels = 50 + random.nextInt(3000);
            int variants = 1 + random.nextInt(12);
            float[] rec = new float[pixels];
            float[] background = new float[pixels];
            boolean[] positive = new boolean[pixels];
            int k = 0;
            for (int i = 0; i < pixels; i++) {
                rec[i] = random.nextInt(3) == 0 ? 0f : (float) Math.scalb(random.nextDouble(), -random.nextInt(40));
                positive[i] = random.nextInt(7) == 0;
                k += positive[i] ? 1 : 0;
            }
            int[] labelPixels = new int[k];
            float[] labelValues = new float[k * variants];
            float[][] planes = new float[variants][pixels];
            float[] reference = new float[pixels];
            for (int i = 0; i < pixels; i++) {
                reference[i] = random.nextBoolean() ? rec[i] : random.nextFloat();
            }
            for (int i = 0, j = 0; i < pixels; i++) {
                if (positive[i]) {
                    labelPixels[j++] = i;
                }
            }
            for (int v = 0; v < variants; v++) {
                planes[v] = reference.clone();
                for (int j = 0; j < k; j++) {
                    float value = random.nextFloat() * 1e3f;
                    planes[v][labelPixels[j]] = value;
                    labelValues[j * variants + v] = value;
                }
            }
            Residual.compute(rec, 0, reference, 0, background);
            double[] means = SliceScorer.sharedMeans(background, labelPixels, rec, labelValues, variants);
            for (int v = 0; v < variants; v++) {
                assertThat(Double.doubleToRawLongBits(means[v])).as("round %d variant %d", round, v)
                        .isEqualTo(Double.doubleToRawLongBits(Residual.mean(Residual.of(rec, planes[v]))));
            }
        }
    }
}
