package io.blindspot.scoring.service;

import io.blindspot.contracts.CompactVariants;
import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.AnomalyParams;
import io.blindspot.contracts.events.Modes;
import io.blindspot.contracts.events.ReconstructionRef;
import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.contracts.events.SliceRef;
import io.blindspot.contracts.events.VariantsRef;
import io.blindspot.scoring.domain.ResultRow;
import io.blindspot.scoring.domain.SliceVariants;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockScorerTest {
    private static final String ID = "3f1d6c1e-2a4b-4c8d-9e0f-112233445566";
    private static final int ROWS = 6;
    private static final int COLS = 7;
    private static final int PLANE = ROWS * COLS;
    private static final int VARIANTS = 4;
    private static final List<Double> INTENSITIES = List.of(0.0, 0.25, 0.5, 1.0);
    private static final List<Double> SIGMAS = List.of(0.5, 1.0, 2.0);

    /** A 3 x 3 "disk" in a 6 x 7 slice. */
    private static FloatArray label() {
        float[] l = new float[PLANE];
        for (int r = 1; r < 4; r++) {
            for (int c = 2; c < 5; c++) {
                l[r * COLS + c] = 1f;
            }
        }
        return FloatArray.of2d(ROWS, COLS, l);
    }

    /**
     * Variants equal outside the label: variants 0 and 2 hold one intensity on the label (the merge path),
     * 1 and 3 a texture-like mix (the sorted path); values quantised to 1/8 so that residuals tie often.
     */
    private static FloatArray stack(Random random) {
        float[] label = label().data();
        float[] reference = new float[PLANE];
        for (int i = 0; i < PLANE; i++) {
            reference[i] = random.nextInt(8) / 8f;
        }
        float[][] planes = new float[VARIANTS][];
        for (int v = 0; v < VARIANTS; v++) {
            planes[v] = reference.clone();
            for (int i = 0; i < PLANE; i++) {
                if (label[i] == 1f) {
                    planes[v][i] = v % 2 == 0 ? INTENSITIES.get(v).floatValue() : random.nextInt(8) / 8f;
                }
            }
        }
        return FloatArray.stack(ROWS, COLS, planes);
    }

    private static float[] randomValues(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextInt(8) / 8f;
        }
        return values;
    }

    private static SliceReconstructed event(String mode, int sigmaIndex, double sigma, List<Double> sigmas) {
        return new SliceReconstructed(ID, new SliceRef(2, 85, ROWS, COLS, "img"),
                new AnomalyParams("disk", 2, INTENSITIES, List.of(2, 3), null),
                new VariantsRef("an", "lab", VARIANTS),
                new ReconstructionRef(mode, "gaussian-blur", sigmaIndex, sigma, "rec", sigmas));
    }

    /** The rows of each sigma scored as its own one-sigma event, sigma j at index 5 + j. */
    private static List<ResultRow> oneByOne(String mode, SliceVariants slice, float[][] perSigma, int[] shape) {
        List<ResultRow> rows = new ArrayList<>();
        for (int j = 0; j < SIGMAS.size(); j++) {
            rows.addAll(BlockScorer.score(event(mode, 5 + j, SIGMAS.get(j), null), slice,
                    new FloatArray(shape, perSigma[j]), false));
        }
        return rows;
    }

    private static float[] concat(float[][] parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] all = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** Rows equal as records and their doubles equal bit for bit (records compare doubles by bits anyway). */
    private static void assertSameRows(List<ResultRow> actual, List<ResultRow> expected) {
        assertThat(actual).hasSize(expected.size()).containsExactlyElementsOf(expected);
        for (int i = 0; i < actual.size(); i++) {
            assertThat(Double.doubleToRawLongBits(actual.get(i).value()))
                    .isEqualTo(Double.doubleToRawLongBits(expected.get(i).value()));
            assertThat(Double.doubleToRawLongBits(actual.get(i).meanResidual()))
                    .isEqualTo(Double.doubleToRawLongBits(expected.get(i).meanResidual()));
        }
    }

    @Test
    void aNormalRecBlockOfThreeSigmasGivesTheRowsOfThreeOneSigmaEvents() {
        Random random = new Random(11);
        SliceVariants slice = SliceVariants.of(stack(random), label());
        float[][] perSigma = new float[3][];
        for (int j = 0; j < 3; j++) {
            perSigma[j] = randomValues(random, PLANE);
        }
        List<ResultRow> expected = oneByOne(Modes.NORMAL_REC, slice, perSigma, new int[] {ROWS, COLS});
        FloatArray block = new FloatArray(new int[] {3, ROWS, COLS}, concat(perSigma));

        for (boolean parallel : new boolean[] {false, true}) {
            List<ResultRow> rows = BlockScorer.score(event(Modes.NORMAL_REC, 5, 0.5, SIGMAS), slice, block,
                    parallel);
            assertSameRows(rows, expected);
        }
        // sigma j of the block: index 5 + j, value SIGMAS[j]; each sigma's rows in intensity order
        assertThat(expected).hasSize(12);
        assertThat(expected.get(0).sigmaIndex()).isEqualTo(5);
        assertThat(expected.get(4).sigmaIndex()).isEqualTo(6);
        assertThat(expected.get(4).sigma()).isEqualTo(1.0);
        assertThat(expected.get(11).sigmaIndex()).isEqualTo(7);
        assertThat(expected.get(11).sigma()).isEqualTo(2.0);
        assertThat(expected.get(11).intensity()).isEqualTo(1.0);
    }

    @Test
    void anAnomalRecBlockOfThreeSigmasGivesTheRowsOfThreeOneSigmaEvents() {
        Random random = new Random(12);
        SliceVariants slice = SliceVariants.of(stack(random), label());
        float[][] perSigma = new float[3][];
        for (int j = 0; j < 3; j++) {
            perSigma[j] = randomValues(random, VARIANTS * PLANE);
        }
        List<ResultRow> expected = oneByOne(Modes.ANOMAL_REC, slice, perSigma, new int[] {VARIANTS, ROWS, COLS});
        FloatArray block = new FloatArray(new int[] {3, VARIANTS, ROWS, COLS}, concat(perSigma));

        assertSameRows(BlockScorer.score(event(Modes.ANOMAL_REC, 5, 0.5, SIGMAS), slice, block, true), expected);
        assertThat(expected.get(9).sigmaIndex()).isEqualTo(7);
        assertThat(expected.get(9).intensityIndex()).isEqualTo(1);
    }

    @Test
    void compactAndFullVariantsGiveIdenticalScores() {
        Random random = new Random(13);
        FloatArray stack = stack(random);
        FloatArray label = label();
        CompactVariants compact = CompactVariants.of(stack, label).orElseThrow();
        SliceVariants full = SliceVariants.of(stack, label);
        SliceVariants fromCompact = SliceVariants.ofCompact(compact.reference(), label, compact.labelValues());
        float[][] perSigma = {randomValues(random, PLANE), randomValues(random, PLANE), randomValues(random, PLANE)};
        FloatArray block = new FloatArray(new int[] {3, ROWS, COLS}, concat(perSigma));
        SliceReconstructed event = event(Modes.NORMAL_REC, 0, 0.5, SIGMAS);

        List<ResultRow> fromFull = BlockScorer.score(event, full, block, false);
        assertSameRows(BlockScorer.score(event, fromCompact, block, false), fromFull);
        // the scores are real APs, not all the same value: variant 0 (intensity 0) and 3 differ somewhere
        assertThat(fromFull.stream().map(ResultRow::value).distinct().count()).isGreaterThan(1);
    }

    @Test
    void aBlockWhoseArrayDoesNotFitIsRejected() {
        SliceVariants slice = SliceVariants.of(stack(new Random(14)), label());
        FloatArray twoSigmas = new FloatArray(new int[] {2, ROWS, COLS}, new float[2 * PLANE]);
        assertThatThrownBy(() -> BlockScorer.score(event(Modes.NORMAL_REC, 0, 0.5, SIGMAS), slice, twoSigmas,
                false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a block of 3 sigmas in normal-rec must be [3, 6, 7] (sigmas, rows, cols), got [2, 6, 7]");
        FloatArray planes = new FloatArray(new int[] {3, ROWS, COLS}, new float[3 * PLANE]);
        assertThatThrownBy(() -> BlockScorer.score(event(Modes.ANOMAL_REC, 0, 0.5, SIGMAS), slice, planes, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a block of 3 sigmas in anomal-rec must be [3, 4, 6, 7] (sigmas, variants, rows, cols),"
                        + " got [3, 6, 7]");
        assertThatThrownBy(() -> BlockScorer.score(event("sideways", 0, 0.5, SIGMAS), slice, planes, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown reconstruction mode");
        // a one-sigma event keeps the scorer's own check
        assertThatThrownBy(() -> BlockScorer.score(event(Modes.NORMAL_REC, 0, 0.5, null), slice, planes, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[6, 7]");
        assertThat(Arrays.toString(BlockScorer.blockShape(event(Modes.ANOMAL_REC, 0, 0.5, SIGMAS).reconstruction(),
                slice))).isEqualTo("[3, 4, 6, 7]");
    }
}
