package io.blindspot.synth.domain;

/** Small slices shared by the texture tests, built so that every value names its pixel. */
final class TextureFixtures {
    static final int N = 7;

    private TextureFixtures() {
    }

    /**
     * The 7x7 ramp: pixel (r, c) holds 10·r + c, so a value read off the result names the pixel it was sampled
     * from (43 came from row 4, column 3). Background (value 0): (0,0) by construction and the hole (1,1).
     * <pre>
     *    0  1  2  3  4  5  6
     *   10  0 12 13 14 15 16
     *   20 21 22 23 24 25 26
     *   30 31 32 33 34 35 36
     *   40 41 42 43 44 45 46
     *   50 51 52 53 54 55 56
     *   60 61 62 63 64 65 66
     * </pre>
     */
    static float[] ramp() {
        float[] slice = new float[N * N];
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < N; c++) {
                slice[r * N + c] = 10 * r + c;
            }
        }
        slice[1 * N + 1] = 0f;
        return slice;
    }

    /**
     * The label of a disk R=3 at (3,3) on the ramp. The disk test is dr² + dc² &lt; 9: every offset with
     * |dr|, |dc| ≤ 2 passes (the largest, (2,2), gives 8), (±3, 0) gives 9 and fails. So the disk is the 5x5
     * block rows 1..5, cols 1..5, and the label is that block without the background hole (1,1): 24 pixels.
     */
    static float[] rampLabel() {
        return new float[] {
                0, 0, 0, 0, 0, 0, 0,
                0, 0, 1, 1, 1, 1, 0,
                0, 1, 1, 1, 1, 1, 0,
                0, 1, 1, 1, 1, 1, 0,
                0, 1, 1, 1, 1, 1, 0,
                0, 1, 1, 1, 1, 1, 0,
                0, 0, 0, 0, 0, 0, 0};
    }
}
