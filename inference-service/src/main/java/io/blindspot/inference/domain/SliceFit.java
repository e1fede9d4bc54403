package io.blindspot.inference.domain;

/**
 * How a slice of [rows, cols] is fitted to a model's fixed input [height, width] and how the model's output is
 * mapped back to the slice — each axis on its own, never resampled (no interpolation), the same rule as the
 * training recipe's {@code data.fit_to_size}, so a model sees slices exactly as it was trained on them:
 * <ul>
 *   <li><b>shorter than the model</b>: ZERO-PADDED, {@code floor((size - n) / 2)} zeros before the slice and the
 *       rest after it (the odd row/column goes to the bottom/right). Back: the padding is cropped away, every
 *       slice pixel gets the model's value at its padded position.</li>
 *   <li><b>longer than the model</b>: CENTRE-CROPPED, the model sees source pixels
 *       {@code floor((n - size) / 2)} .. that + size - 1. Back: the window gets the model's values; pixels
 *       OUTSIDE the window get the INPUT pixel itself (the reconstruction is the identity where the model did not
 *       look), so their residual |rec − input| is exactly 0: the model adds no evidence, for or against an
 *       anomaly, where it saw nothing. (Zero there would turn all tissue outside the window into residual.)</li>
 * </ul>
 * Example: a 5x7 slice into 8x8: rows 1 zero before / 2 after, columns 0 before / 1 after; slice pixel (r, c)
 * comes back from model pixel (r + 1, c). A 10x12 slice: model pixel (r, c) is slice pixel (r + 1, c + 2); slice
 * rows 0 and 9 and columns 0, 1, 10, 11 are copied from the input.
 *
 * <p>Planes are row-major float32, addressed by an offset into a larger array so whole batches are filled in
 * place. Instances are immutable and thread-safe.
 */
public final class SliceFit {

    /**
     * Where a line of {@code n} pixels goes in a line of {@code size}: source pixels
     * {@code sourceStart .. sourceStart + length - 1} sit at model pixels {@code targetStart ..}.
     */
    public record AxisFit(int sourceStart, int targetStart, int length) {

        /** Centred, the odd pixel after the content (training's {@code fit_offsets}). */
        public static AxisFit of(int n, int size) {
            if (n <= 0 || size <= 0) {
                throw new IllegalArgumentException("line lengths must be positive, got " + n + " into " + size);
            }
            return n <= size ? new AxisFit(0, (size - n) / 2, n) : new AxisFit((n - size) / 2, 0, size);
        }
    }

    private final int rows;
    private final int cols;
    private final int height;
    private final int width;
    private final AxisFit rowFit;
    private final AxisFit colFit;

    public SliceFit(int rows, int cols, int height, int width) {
        this.rows = rows;
        this.cols = cols;
        this.height = height;
        this.width = width;
        this.rowFit = AxisFit.of(rows, height);
        this.colFit = AxisFit.of(cols, width);
    }

    public AxisFit rowFit() {
        return rowFit;
    }

    public AxisFit colFit() {
        return colFit;
    }

    /** True when the slice already has the model's size: both mappings are plain copies. */
    public boolean isIdentity() {
        return rows == height && cols == width;
    }

    /** True when some slice pixels lie outside what the model sees (a cropped axis). */
    public boolean crops() {
        return rows > height || cols > width;
    }

    /** Writes the model input [height, width] for the slice at {@code src[srcOff ..]} into {@code dst[dstOff ..]}. */
    public void toModel(float[] src, int srcOff, float[] dst, int dstOff) {
        if (isIdentity()) {
            System.arraycopy(src, srcOff, dst, dstOff, rows * cols);
            return;
        }
        java.util.Arrays.fill(dst, dstOff, dstOff + height * width, 0f);
        for (int i = 0; i < rowFit.length(); i++) {
            System.arraycopy(src, srcOff + (rowFit.sourceStart() + i) * cols + colFit.sourceStart(),
                    dst, dstOff + (rowFit.targetStart() + i) * width + colFit.targetStart(), colFit.length());
        }
    }

    /**
     * Writes the slice-shaped reconstruction into {@code out[outOff ..]} from the model output at
     * {@code rec[recOff ..]}; {@code input[inOff ..]} (the slice the model was given) fills the pixels outside a
     * cropped window.
     */
    public void fromModel(float[] rec, int recOff, float[] input, int inOff, float[] out, int outOff) {
        if (isIdentity()) {
            System.arraycopy(rec, recOff, out, outOff, rows * cols);
            return;
        }
        if (crops()) {
            System.arraycopy(input, inOff, out, outOff, rows * cols);
        }
        for (int i = 0; i < rowFit.length(); i++) {
            System.arraycopy(rec, recOff + (rowFit.targetStart() + i) * width + colFit.targetStart(),
                    out, outOff + (rowFit.sourceStart() + i) * cols + colFit.sourceStart(), colFit.length());
        }
    }
}
