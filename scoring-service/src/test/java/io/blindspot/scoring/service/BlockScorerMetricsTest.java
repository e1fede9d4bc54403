package io.blindspot.scoring.service;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.AnomalyParams;
import io.blindspot.contracts.events.Metrics;
import io.blindspot.contracts.events.Modes;
import io.blindspot.contracts.events.ReconstructionRef;
import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.contracts.events.SliceRef;
import io.blindspot.contracts.events.VariantsRef;
import io.blindspot.scoring.MetricKernels;
import io.blindspot.scoring.domain.ResultRow;
import io.blindspot.scoring.domain.SliceVariants;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The metrics an event asks for beside AP ({@code SliceReconstructed.metrics}): every row equals
 * {@link MetricKernels}' full-sort kernels on the variant's materialised residual map |rec − anomalous[v]|, in
 * normal-rec (disk variants through the per-intensity block, mixed ones through the full sort) and anomal-rec,
 * one sigma or a block of them; an AP-only event writes exactly the rows it wrote before metrics.
 */
class BlockScorerMetricsTest {
    private static final String ID = "3f1d6c1e-2a4b-4c8d-9e0f-112233445566";
    private static final int ROWS = 12;
    private static final int COLS = 13;
    private static final int PLANE = ROWS * COLS;
    private static final int VARIANTS = 4;
    private static final List<Double> INTENSITIES = List.of(0.0, 0.25, 0.5, 1.0);
    private static final List<Double> SIGMAS = List.of(0.5, 1.0, 2.0);
    private static final List<String> ALL = Metrics.perSlice(Metrics.ALL);

    /** Two regions: a 3 x 3 square and a 2 x 4 bar, apart (AUPRO averages over both). */
    private static boolean[] positive() {
        boolean[] p = new boolean[PLANE];
        for (int r = 1; r < 4; r++) {
            for (int c = 2; c < 5; c++) {
                p[r * COLS + c] = true;
            }
        }
        for (int r = 8; r < 10; r++) {
            for (int c = 6; c < 10; c++) {
                p[r * COLS + c] = true;
            }
        }
        return p;
    }

    private static FloatArray label() {
        boolean[] p = positive();
        float[] l = new float[PLANE];
        for (int i = 0; i < PLANE; i++) {
            l[i] = p[i] ? 1f : 0f;
        }
        return FloatArray.of2d(ROWS, COLS, l);
    }

    /** Variants 0 and 2 hold one intensity on the label (the block path), 1 and 3 a mix (the full sort). */
    private static float[][] planes(Random random) {
        boolean[] p = positive();
        float[] reference = new float[PLANE];
        for (int i = 0; i < PLANE; i++) {
            reference[i] = random.nextInt(16) / 16f;
        }
        float[][] planes = new float[VARIANTS][];
        for (int v = 0; v < VARIANTS; v++) {
            planes[v] = reference.clone();
            for (int i = 0; i < PLANE; i++) {
                if (p[i]) {
                    planes[v][i] = v % 2 == 0 ? INTENSITIES.get(v).floatValue() : random.nextInt(16) / 16f;
                }
            }
        }
        return planes;
    }

    private static float[] randomValues(Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextInt(16) / 16f;
        }
        return values;
    }

    private static SliceReconstructed event(String mode, List<Double> sigmas, List<String> metrics) {
        return new SliceReconstructed(ID, new SliceRef(2, 85, ROWS, COLS, "img"),
                new AnomalyParams("disk", 2, INTENSITIES, List.of(2, 3), null),
                new VariantsRef("an", "lab", VARIANTS),
                new ReconstructionRef(mode, "gaussian-blur", 0, sigmas.get(0), "rec", sigmas), metrics);
    }

    private static double expected(String metric, float[] residual) {
        boolean[] p = positive();
        double ap = MetricKernels.ap(residual, p);
        return switch (metric) {
            case Metrics.AP -> ap;
            case Metrics.AP_NORMALISED -> MetricKernels.normalisedAp(ap, MetricKernels.prevalence(p));
            case Metrics.AUROC -> MetricKernels.auroc(residual, p);
            case Metrics.DICE_BEST -> MetricKernels.bestDice(residual, p).dice();
            case Metrics.AUPRO -> MetricKernels.aupro(residual, p, ROWS, COLS);
            default -> throw new AssertionError(metric);
        };
    }

    /** dice-best's rows carry the threshold of the best Dice (the full sort's, exactly); the others none. */
    private static void assertThreshold(ResultRow row, float[] residual) {
        if (row.metric().equals(Metrics.DICE_BEST)) {
            assertThat(row.threshold()).as("dice-best threshold")
                    .isEqualTo(MetricKernels.bestDice(residual, positive()).threshold());
        } else {
            assertThat(row.threshold()).isNull();
        }
    }

    private static float[] residual(float[] rec, int offset, float[] plane) {
        float[] r = new float[PLANE];
        for (int i = 0; i < PLANE; i++) {
            r[i] = Math.abs(rec[offset + i] - plane[i]);
        }
        return r;
    }

    @Test
    void normalRecBlockRowsEqualTheFullSortKernels() {
        Random random = new Random(14);
        float[][] planes = planes(random);
        SliceVariants slice = SliceVariants.of(FloatArray.stack(ROWS, COLS, planes), label());
        float[] rec = randomValues(random, SIGMAS.size() * PLANE);
        List<ResultRow> rows = BlockScorer.score(event(Modes.NORMAL_REC, SIGMAS, ALL), slice,
                new FloatArray(new int[] {SIGMAS.size(), ROWS, COLS}, rec), true);
        assertThat(rows).hasSize(SIGMAS.size() * VARIANTS * ALL.size());
        int i = 0;
        for (int j = 0; j < SIGMAS.size(); j++) {
            for (int v = 0; v < VARIANTS; v++) {
                float[] residual = residual(rec, j * PLANE, planes[v]);
                for (String metric : ALL) {
                    ResultRow row = rows.get(i++);
                    assertThat(row.sigmaIndex()).isEqualTo(j);
                    assertThat(row.intensityIndex()).isEqualTo(v);
                    assertThat(row.metric()).isEqualTo(metric);
                    assertThat(row.value()).as("%s sigma %d variant %d", metric, j, v)
                            .isCloseTo(expected(metric, residual), within(1e-12));
                    assertThreshold(row, residual);
                }
            }
        }
    }

    @Test
    void anomalRecRowsEqualTheFullSortKernels() {
        Random random = new Random(15);
        float[][] planes = planes(random);
        SliceVariants slice = SliceVariants.of(FloatArray.stack(ROWS, COLS, planes), label());
        float[] rec = randomValues(random, VARIANTS * PLANE);
        List<String> metrics = List.of(Metrics.AUPRO, Metrics.AP, Metrics.AUROC);
        List<ResultRow> rows = BlockScorer.score(event(Modes.ANOMAL_REC, List.of(1.0), metrics), slice,
                new FloatArray(new int[] {1, VARIANTS, ROWS, COLS}, rec), false);
        assertThat(rows).hasSize(VARIANTS * metrics.size());
        for (int v = 0; v < VARIANTS; v++) {
            float[] residual = residual(rec, v * PLANE, planes[v]);
            for (int m = 0; m < metrics.size(); m++) {
                ResultRow row = rows.get(v * metrics.size() + m);
                assertThat(row.metric()).isEqualTo(metrics.get(m));
                assertThat(row.value()).isCloseTo(expected(metrics.get(m), residual), within(1e-12));
                assertThreshold(row, residual);
            }
        }
    }

    @Test
    void anApOnlyEventWritesTheRowsOfBefore() {
        Random random = new Random(16);
        float[][] planes = planes(random);
        SliceVariants slice = SliceVariants.of(FloatArray.stack(ROWS, COLS, planes), label());
        float[] rec = randomValues(random, SIGMAS.size() * PLANE);
        FloatArray block = new FloatArray(new int[] {SIGMAS.size(), ROWS, COLS}, rec);
        SliceReconstructed old = new SliceReconstructed(ID, new SliceRef(2, 85, ROWS, COLS, "img"),
                new AnomalyParams("disk", 2, INTENSITIES, List.of(2, 3), null), new VariantsRef("an", "lab", VARIANTS),
                new ReconstructionRef(Modes.NORMAL_REC, "gaussian-blur", 0, SIGMAS.get(0), "rec", SIGMAS));
        List<ResultRow> before = BlockScorer.score(old, slice, block, false);
        assertThat(old.metrics()).isEqualTo(List.of(Metrics.AP));
        assertThat(BlockScorer.score(event(Modes.NORMAL_REC, SIGMAS, List.of(Metrics.AP)), slice, block, false))
                .isEqualTo(before);
        // and the AP rows of an event with every metric are those rows, bit for bit
        List<ResultRow> all = BlockScorer.score(event(Modes.NORMAL_REC, SIGMAS, ALL), slice, block, false);
        assertThat(all.stream().filter(r -> r.metric().equals(Metrics.AP)).toList()).isEqualTo(before);
    }
}
