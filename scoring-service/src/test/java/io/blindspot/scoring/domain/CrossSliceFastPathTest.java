package io.blindspot.scoring.domain;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.Aggregations;
import io.blindspot.contracts.events.Metrics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link CrossSliceAggregates}' normal-rec fast path (pooled negatives and label reconstructions, no table per
 * slice and variant) against its table path on random normal-rec slices: every value, AP and ap-normalised bit for
 * bit, AUROC and best Dice within 1e-12, the volume-mean's spread, t-interval and bootstrap alike.
 *
 * <p>Scores sit on a coarse grid (multiples of 1/32), so residuals tie within the negatives, within the positives
 * and across them (exact ties at thresholds), and float16 rounding joins more of them.
 */
class CrossSliceFastPathTest {
    private static final List<String> METRICS = List.of(Metrics.AP, Metrics.AP_NORMALISED, Metrics.AUROC,
            Metrics.DICE_BEST);
    private static final List<String> ALL = List.of(Aggregations.SLICE_MEAN, Aggregations.VOLUME_MEAN,
            Aggregations.POOLED, Aggregations.POOLED_FLOAT16);

    /**
     * Variants of every slice: 0-3 constant on the label (the same c in every slice), 4 not, 5 with a plane of its
     * own, 6 constant on each slice's label but with a c that differs between slices.
     */
    private static final int VARIANTS = 7;
    private static final float[] CONSTANTS = {0f, 0.5f, 1f, 0.25f};

    private static float grid(Random random, int steps) {
        return random.nextInt(steps) / 32f;
    }

    /**
     * One normal-rec slice: reference, label (a random blob, or none), reconstruction, all on the 1/32 grid.
     *
     * @param emptyLabel a slice without label pixels (its variants are then "constant" on nothing)
     */
    private static CrossSliceAggregates.SliceAt slice(Random random, int volume, int rows, int cols, int index,
                                                      boolean emptyLabel) {
        int pixels = rows * cols;
        float[] label = new float[pixels];
        if (!emptyLabel) {
            int r0 = random.nextInt(rows / 2);
            int c0 = random.nextInt(cols / 2);
            for (int r = r0; r < r0 + rows / 3 + 1; r++) {
                for (int c = c0; c < c0 + cols / 3 + 1; c++) {
                    if (random.nextInt(5) > 0) {
                        label[r * cols + c] = 1f;
                    }
                }
            }
        }
        float[] reference = new float[pixels];
        float[] rec = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            reference[i] = grid(random, 40);
            rec[i] = grid(random, 40);
        }
        float[][] planes = new float[VARIANTS][];
        for (int v = 0; v < VARIANTS; v++) {
            float[] plane = reference.clone();
            for (int i = 0; i < pixels; i++) {
                if (label[i] == 1f) {
                    plane[i] = switch (v) {
                        case 4 -> grid(random, 40);                  // not constant on the label
                        case 5 -> 0.75f;
                        case 6 -> 0.125f * (index % 3);               // constant, but not the same in every slice
                        default -> CONSTANTS[v];
                    };
                }
            }
            if (v == 5) {
                plane[pixels - 1] += 1f / 32;                          // the last row is never in the label
            }
            planes[v] = plane;
        }
        SliceVariants variants = SliceVariants.of(FloatArray.stack(rows, cols, planes),
                FloatArray.of2d(rows, cols, label));
        return new CrossSliceAggregates.SliceAt(volume, variants, rec, 0, false);
    }

    private static List<CrossSliceAggregates.SliceAt> slices(long seed, boolean withEmptyLabel) {
        Random random = new Random(seed);
        List<CrossSliceAggregates.SliceAt> out = new ArrayList<>();
        int[] volumes = {0, 0, 0, 1, 1};
        for (int s = 0; s < volumes.length; s++) {
            out.add(slice(random, volumes[s], 12 + s, 17 - s, s, withEmptyLabel && s == 1));
        }
        return out;
    }

    private static void assertSame(List<CrossSliceAggregates.Value> fast, List<CrossSliceAggregates.Value> tables) {
        assertThat(fast).hasSameSizeAs(tables);
        for (int i = 0; i < fast.size(); i++) {
            CrossSliceAggregates.Value f = fast.get(i);
            CrossSliceAggregates.Value t = tables.get(i);
            String at = t.toString();
            assertThat(f.aggregation()).as(at).isEqualTo(t.aggregation());
            assertThat(f.metric()).as(at).isEqualTo(t.metric());
            assertThat(f.variant()).as(at).isEqualTo(t.variant());
            assertThat(f.volume()).as(at).isEqualTo(t.volume());
            assertThat(f.n()).as(at).isEqualTo(t.n());
            boolean exact = Metrics.AP.equals(t.metric()) || Metrics.AP_NORMALISED.equals(t.metric());
            close(f.value(), t.value(), exact, at);
            close(f.std(), t.std(), exact, at);
            close(f.ciLow(), t.ciLow(), exact, at);
            close(f.ciHigh(), t.ciHigh(), exact, at);
            close(f.bootLow(), t.bootLow(), exact, at);
            close(f.bootHigh(), t.bootHigh(), exact, at);
        }
    }

    private static void close(Double fast, Double table, boolean exact, String at) {
        if (table == null || exact) {
            assertThat(fast).as(at).isEqualTo(table);
        } else {
            assertThat(fast).as(at).isNotNull();
            if (table.isNaN()) {
                assertThat(fast).as(at).isNaN();
            } else {
                assertThat(fast).as(at).isCloseTo(table, within(1e-12));
            }
        }
    }

    @Test
    void eligibleVariantsAreTheConstantOnesThatShareTheReference() {
        assertThat(CrossSliceAggregates.fastEligible(slices(1, false)))
                .containsExactly(true, true, true, true, false, false, false);
        // a slice without label pixels pools its negatives only: the others still decide c
        assertThat(CrossSliceAggregates.fastEligible(slices(1, true)))
                .containsExactly(true, true, true, true, false, false, false);
    }

    @Test
    void fastPathEqualsTablePath() {
        for (long seed = 1; seed <= 12; seed++) {
            List<CrossSliceAggregates.SliceAt> slices = slices(seed, seed % 3 == 0);
            List<CrossSliceAggregates.Value> fast = CrossSliceAggregates.of(slices, METRICS, ALL,
                    CrossSliceAggregates.Bootstrap.NONE, true);
            List<CrossSliceAggregates.Value> tables = CrossSliceAggregates.of(slices, METRICS, ALL,
                    CrossSliceAggregates.Bootstrap.NONE, false);
            assertThat(fast).isNotEmpty();
            assertSame(fast, tables);
            assertThat(CrossSliceAggregates.of(slices, METRICS, ALL, CrossSliceAggregates.Bootstrap.NONE))
                    .isEqualTo(fast);
        }
    }

    @Test
    void float16JoinsTiesAsTheTablesDo() {
        // Values a float16 step apart near 1 (2^-11 relative): distinct in float32, tied once rounded.
        Random random = new Random(7);
        List<CrossSliceAggregates.SliceAt> slices = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            int rows = 9;
            int cols = 11;
            int pixels = rows * cols;
            float[] label = new float[pixels];
            float[] reference = new float[pixels];
            float[] rec = new float[pixels];
            for (int i = 0; i < pixels; i++) {
                label[i] = random.nextInt(4) == 0 ? 1f : 0f;
                reference[i] = 1f + random.nextInt(64) * 0x1p-14f;
                rec[i] = 1f + random.nextInt(64) * 0x1p-14f + (random.nextBoolean() ? 1f : 0f);
            }
            float[][] planes = {reference.clone(), reference.clone()};
            for (int i = 0; i < pixels; i++) {
                if (label[i] == 1f) {
                    planes[0][i] = 0f;
                    planes[1][i] = 2f;
                }
            }
            slices.add(new CrossSliceAggregates.SliceAt(s / 2, SliceVariants.of(FloatArray.stack(rows, cols, planes),
                    FloatArray.of2d(rows, cols, label)), rec, 0, false));
        }
        assertThat(CrossSliceAggregates.fastEligible(slices)).containsExactly(true, true);
        assertSame(CrossSliceAggregates.of(slices, METRICS, ALL, CrossSliceAggregates.Bootstrap.NONE, true),
                CrossSliceAggregates.of(slices, METRICS, ALL, CrossSliceAggregates.Bootstrap.NONE, false));
    }

    @Test
    void bootstrapKeepsTheTablePathForPooledAndTheFastOneForVolumeMean() {
        List<CrossSliceAggregates.SliceAt> slices = slices(5, false);
        for (boolean byVolume : new boolean[] {false, true}) {
            CrossSliceAggregates.Bootstrap bootstrap = new CrossSliceAggregates.Bootstrap(50, 2022L, byVolume);
            assertSame(CrossSliceAggregates.of(slices, METRICS, ALL, bootstrap, true),
                    CrossSliceAggregates.of(slices, METRICS, ALL, bootstrap, false));
        }
    }

    @Test
    void anomalRecTakesTheTablePath() {
        List<CrossSliceAggregates.SliceAt> normal = slices(3, false);
        List<CrossSliceAggregates.SliceAt> anomal = new ArrayList<>();
        for (CrossSliceAggregates.SliceAt s : normal) {
            int pixels = s.variants().pixels();
            float[] data = new float[VARIANTS * pixels];
            for (int v = 0; v < VARIANTS; v++) {
                System.arraycopy(s.data(), 0, data, v * pixels, pixels);
            }
            anomal.add(new CrossSliceAggregates.SliceAt(s.volume(), s.variants(), data, 0, true));
        }
        assertThat(CrossSliceAggregates.fastEligible(anomal)).containsOnly(false);
        // the same residuals as the normal-rec slices (each variant's reconstruction is the normal one)
        assertSame(CrossSliceAggregates.of(normal, METRICS, ALL, CrossSliceAggregates.Bootstrap.NONE),
                CrossSliceAggregates.of(anomal, METRICS, ALL, CrossSliceAggregates.Bootstrap.NONE));
    }

    @Test
    void subsetsOfMetricsAndAggregations() {
        List<CrossSliceAggregates.SliceAt> slices = slices(9, true);
        for (List<String> metrics : List.of(List.of(Metrics.AP), List.of(Metrics.AUROC),
                List.of(Metrics.DICE_BEST, Metrics.AP), List.of(Metrics.AP_NORMALISED, Metrics.AUPRO))) {
            for (List<String> aggregations : List.of(List.of(Aggregations.POOLED),
                    List.of(Aggregations.POOLED_FLOAT16), List.of(Aggregations.VOLUME_MEAN),
                    List.of(Aggregations.POOLED_FLOAT16, Aggregations.POOLED))) {
                assertSame(CrossSliceAggregates.of(slices, metrics, aggregations, CrossSliceAggregates.Bootstrap.NONE,
                                true),
                        CrossSliceAggregates.of(slices, metrics, aggregations, CrossSliceAggregates.Bootstrap.NONE,
                                false));
            }
        }
    }
}
