package io.blindspot.inference.domain.onnx;

import io.blindspot.contracts.FloatArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Models as reconstructors. Inputs are multiples of 1/4 below 64, so 2x and 2x + P (P[r][c] = 8r + c, the
 * position model) are exact in float32 and every expected value is exact.
 */
class OnnxReconstructorTest {
    private static final OnnxModel SCALE2 = TestModels.load("scale2-8x8.onnx");
    private static final OnnxModel POSITION = TestModels.load("position-8x8.onnx");

    @AfterAll
    static void close() {
        SCALE2.close();
        POSITION.close();
    }

    /** n planes of rows x cols, pixel (i, r, c) = (i·rows·cols + r·cols + c) / 4. */
    private static FloatArray ramp(int n, int rows, int cols) {
        float[] data = new float[n * rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = i / 4f;
        }
        return new FloatArray(new int[] {n, rows, cols}, data);
    }

    @Test
    void scale2DoublesEveryPlaneOfABatch() {
        FloatArray in = ramp(3, 8, 8);
        FloatArray out = new OnnxReconstructor(SCALE2, 32).reconstruct(in);
        assertThat(out.shape()).containsExactly(3, 8, 8);
        float[] expected = new float[192];
        for (int i = 0; i < 192; i++) {
            expected[i] = 2 * in.data()[i]; // pixel 0 -> 0, pixel 1 -> 0.5, pixel 191 -> 95.5
        }
        assertThat(out.data()).containsExactly(expected);
        assertThat(out.data()[191]).isEqualTo(95.5f);
    }

    @Test
    void aShorterSliceIsZeroPaddedAndCroppedBackFromThePaddedPosition() {
        // 5x7 into 8x8: rows 1 zero before / 2 after, columns 0 before / 1 after, so slice (r, c) is model pixel
        // (r + 1, c) and comes back as 2x + 8(r + 1) + c. E.g. (0, 0): x = 0 -> 8; (4, 6): x = 34/4 = 8.5 -> 17 + 46.
        FloatArray in = ramp(2, 5, 7);
        FloatArray out = new OnnxReconstructor(POSITION, 32).reconstruct(in);
        assertThat(out.shape()).containsExactly(2, 5, 7);
        float[] expected = new float[70];
        for (int i = 0; i < 2; i++) {
            for (int r = 0; r < 5; r++) {
                for (int c = 0; c < 7; c++) {
                    int k = i * 35 + r * 7 + c;
                    expected[k] = 2 * in.data()[k] + 8 * (r + 1) + c;
                }
            }
        }
        assertThat(out.data()).containsExactly(expected);
        assertThat(out.data()[0]).isEqualTo(8f);
        assertThat(out.data()[34]).isEqualTo(63f);
    }

    @Test
    void aLongerSliceIsCentreCroppedAndKeepsItsInputOutsideTheWindow() {
        // 10x12 into 8x8: rows 1..8, columns 2..9 are seen, slice (r, c) being model pixel (r - 1, c - 2) and
        // coming back as 2x + 8(r - 1) + (c - 2); rows 0 and 9, columns 0, 1, 10, 11 are the input itself.
        // E.g. (1, 2): x = 14/4 = 3.5 -> 7 + 0 = 7; (0, 0): 0 stays 0; (9, 11): x = 119/4 stays 29.75.
        FloatArray in = ramp(1, 10, 12);
        FloatArray out = new OnnxReconstructor(POSITION, 32).reconstruct(in);
        assertThat(out.shape()).containsExactly(1, 10, 12);
        float[] expected = new float[120];
        for (int r = 0; r < 10; r++) {
            for (int c = 0; c < 12; c++) {
                int k = r * 12 + c;
                boolean seen = r >= 1 && r <= 8 && c >= 2 && c <= 9;
                expected[k] = seen ? 2 * in.data()[k] + 8 * (r - 1) + (c - 2) : in.data()[k];
            }
        }
        assertThat(out.data()).containsExactly(expected);
        assertThat(out.data()[1 * 12 + 2]).isEqualTo(7f);
        assertThat(out.data()[119]).isEqualTo(29.75f);
        assertThat(out.data()[8 * 12 + 9]).isEqualTo(2 * (105 / 4f) + 63);
    }

    @Test
    void batchesOfTwoGiveTheSameResultAsOneBatch() {
        // 5 planes at batch size 2 = runs of 2, 2, 1 (the last one short: N is dynamic).
        FloatArray in = ramp(5, 6, 9);
        OnnxReconstructor small = new OnnxReconstructor(POSITION, 2);
        assertThat(small.batchSize()).isEqualTo(2);
        FloatArray split = small.reconstruct(in);
        FloatArray whole = new OnnxReconstructor(POSITION, 32).reconstruct(in);
        assertThat(split).isEqualTo(whole);
        assertThat(split.plane(4)).containsExactly(new OnnxReconstructor(POSITION, 1)
                .reconstruct(new FloatArray(new int[] {1, 6, 9}, in.plane(4))).data());
    }

    @Test
    void aFixedBatchModelGetsFullBatchesAndTheFillerIsDropped() {
        // N = 2 fixed: 3 planes are two runs of 2, the second with one zero plane whose output is discarded;
        // the configured batch size (32) cannot apply.
        try (OnnxModel fixed = TestModels.load("fixed-batch2-8x8.onnx")) {
            OnnxReconstructor rec = new OnnxReconstructor(fixed, 32);
            assertThat(rec.batchSize()).isEqualTo(2);
            FloatArray in = ramp(3, 8, 8);
            FloatArray out = rec.reconstruct(in);
            assertThat(out.shape()).containsExactly(3, 8, 8);
            for (int i = 0; i < 192; i++) {
                assertThat(out.data()[i]).isEqualTo(2 * in.data()[i]);
            }
        }
    }

    @Test
    void onlyTheReconstructionOutputIsUsed() {
        // anomaly_map = reconstruction - image = x; the reconstruction is 2x.
        try (OnnxModel extra = TestModels.load("extra-output-8x8.onnx")) {
            FloatArray in = ramp(1, 8, 8);
            assertThat(new OnnxReconstructor(extra, 32).reconstruct(in).data()[3]).isEqualTo(1.5f);
        }
    }

    @Test
    void anEmptyStackGivesAnEmptyStack() {
        FloatArray out = new OnnxReconstructor(SCALE2, 32).reconstruct(new FloatArray(new int[] {0, 8, 8},
                new float[0]));
        assertThat(out.shape()).containsExactly(0, 8, 8);
    }

    @Test
    void badShapesAndBatchSizesAreRejected() {
        assertThatThrownBy(() -> new OnnxReconstructor(SCALE2, 32).reconstruct(FloatArray.of2d(8, 8, new float[64])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a [n, rows, cols] stack, got shape [8, 8]");
        assertThatThrownBy(() -> new OnnxReconstructor(SCALE2, 0))
                .hasMessage("blindspot.inference.batch.size must be >= 1, got 0");
    }

    @Test
    void planesOfTwoCallsShareOneModelRun() throws Exception {
        // Run size 4 and a long wait: two calls of 2 planes each (two events) fill one run of 4, and each call
        // gets back exactly what it gets alone.
        java.util.List<int[]> runs = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (OnnxReconstructor shared = new OnnxReconstructor(POSITION,
                new io.blindspot.inference.domain.batching.BatchPolicy(4, java.time.Duration.ofSeconds(30)),
                (items, requests, nanos, failed) -> runs.add(new int[] {items, requests}))) {
            FloatArray first = ramp(2, 5, 7);
            FloatArray second = ramp(3, 5, 7);
            second = new FloatArray(new int[] {2, 5, 7}, java.util.Arrays.copyOfRange(second.data(), 35, 105));
            FloatArray secondIn = second;
            var other = java.util.concurrent.CompletableFuture.supplyAsync(() -> shared.reconstruct(secondIn));
            FloatArray firstOut = shared.reconstruct(first);
            assertThat(firstOut).isEqualTo(new OnnxReconstructor(POSITION, 32).reconstruct(first));
            assertThat(other.get(10, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo(new OnnxReconstructor(POSITION, 32).reconstruct(secondIn));
            assertThat(runs).hasSize(1);
            assertThat(runs.get(0)).containsExactly(4, 2);
        }
    }

    @Test
    void oneSessionServesConcurrentCallers() throws Exception {
        OnnxReconstructor rec = new OnnxReconstructor(POSITION, 3);
        FloatArray in = ramp(7, 5, 7);
        FloatArray expected = rec.reconstruct(in);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<FloatArray>>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> rec.reconstruct(in)));
            }
            for (var f : futures) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdown();
        }
    }
}
