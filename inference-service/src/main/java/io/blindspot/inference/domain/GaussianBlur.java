package io.blindspot.inference.domain;

import io.blindspot.contracts.FloatArray;

/**
 * {@code scipy.ndimage.gaussian_filter(image, sigma)} on a float32 2D image (truncate 4, mode {@code reflect},
 * output float32), reproduced bit for bit (golden rule 5):
 * <ul>
 *   <li>radius {@code r = (int) (4.0 * sigma + 0.5)}; sigma 0 (or r 0) is the identity;</li>
 *   <li>weights {@code exp(-0.5 * x² / sigma²)} for x = -r..r divided by their sum, in double — evaluated as
 *       numpy does it, {@code exp((-0.5 / sigma²) * x²)} with a correctly rounded exp and numpy's pairwise sum
 *       (see {@link #kernel}; the textbook association {@code -0.5 * x * x / (sigma * sigma)} differs in the last
 *       bit for one weight in six);</li>
 *   <li>pass 1 along axis 0 (down each column), stored as float32; pass 2 along axis 1 on that float32 image,
 *       stored as float32 — not a double intermediate, not axis 1 first;</li>
 *   <li>each output accumulates in double as {@code acc = x[l]*w[0]; for k = r..1: acc += (x[l-k] + x[l+k]) * w[k]}
 *       — scipy's loop for symmetric kernels, whose order and pairing decide the last bits;</li>
 *   <li>reflect extension {@code d c b a | a b c d | d c b a} repeated for kernels wider than the line (see
 *       {@link #reflect}).</li>
 * </ul>
 * Instances are immutable and thread-safe; the kernel is computed once per sigma.
 */
public final class GaussianBlur {
    /** scipy's default {@code truncate}: the kernel reaches 4 sigma each side. */
    public static final double TRUNCATE = 4.0;

    private final double sigma;
    private final int radius;
    /** {@code w[k]} = normalised weight at offset ±k, k = 0..r (the kernel is exactly symmetric). */
    private final double[] w;

    /** @param sigma standard deviation in pixels, finite and &gt;= 0 */
    public GaussianBlur(double sigma) {
        if (!(sigma >= 0.0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("sigma must be a finite number >= 0, got " + sigma);
        }
        this.sigma = sigma;
        this.radius = radius(sigma);
        if (radius == 0) {
            this.w = new double[] {1.0};
        } else {
            double[] full = kernel(sigma, radius);
            this.w = new double[radius + 1];
            for (int k = 0; k <= radius; k++) {
                w[k] = full[radius + k];
            }
        }
    }

    public double sigma() {
        return sigma;
    }

    public int radius() {
        return radius;
    }

    /** scipy's {@code int(truncate * sigma + 0.5)}. */
    public static int radius(double sigma) {
        return (int) (TRUNCATE * sigma + 0.5);
    }

    /**
     * The 2r+1 normalised weights for x = -r..r, as {@code scipy.ndimage._filters._gaussian_kernel1d}:
     * {@code phi = numpy.exp(-0.5 / sigma2 * x ** 2); phi / phi.sum()} — the factor {@code -0.5 / sigma²} is
     * rounded first, then multiplied by the exact integer x², and the sum is numpy's pairwise sum.
     */
    public static double[] kernel(double sigma, int radius) {
        double factor = -0.5 / (sigma * sigma);
        double[] phi = new double[2 * radius + 1];
        for (int x = -radius; x <= radius; x++) {
            phi[x + radius] = ExactMath.exp(factor * (double) ((long) x * x));
        }
        double sum = ExactMath.pairwiseSum(phi);
        for (int i = 0; i < phi.length; i++) {
            phi[i] /= sum;
        }
        return phi;
    }

    /**
     * scipy's {@code reflect} mode for any distance past the ends: the line mirrored about its edges with the edge
     * pixel repeated, periodic with period 2n: {@code p = 2n; j = ((i % p) + p) % p; if (j >= n) j = p - 1 - j}.
     */
    public static int reflect(int i, int n) {
        int p = 2 * n;
        int j = ((i % p) + p) % p;
        return j >= n ? p - 1 - j : j;
    }

    /** The blurred image, a new float32 row-major [rows, cols] array; {@code image} is left untouched. */
    public float[] apply(float[] image, int rows, int cols) {
        if (image.length != rows * cols) {
            throw new IllegalArgumentException("image has " + image.length + " pixels, expected " + rows + "x" + cols);
        }
        float[] out = new float[rows * cols];
        new Workspace(rows, cols).blur(image, 0, out, 0);
        return out;
    }

    /** Blurs every plane of a [n, rows, cols] stack (buffers reused across planes). */
    public FloatArray applyToStack(FloatArray stack) {
        int[] shape = stack.shape();
        if (shape.length != 3) {
            throw new IllegalArgumentException("expected a [n, rows, cols] stack, got shape "
                    + java.util.Arrays.toString(shape));
        }
        float[] out = new float[stack.data().length];
        applyToStack(stack, out, 0);
        return new FloatArray(shape.clone(), out);
    }

    /**
     * Blurs every plane of a [n, rows, cols] stack into {@code out[offset .. offset + n * rows * cols)}, e.g. one
     * sigma's slot of a block of sigmas (no intermediate stack).
     */
    public void applyToStack(FloatArray stack, float[] out, int offset) {
        int[] shape = stack.shape();
        if (shape.length != 3) {
            throw new IllegalArgumentException("expected a [n, rows, cols] stack, got shape "
                    + java.util.Arrays.toString(shape));
        }
        int rows = shape[1];
        int cols = shape[2];
        int size = rows * cols;
        if (offset < 0 || (long) offset + (long) shape[0] * size > out.length) {
            throw new IllegalArgumentException("output of " + out.length + " values has no room for "
                    + shape[0] * size + " at offset " + offset);
        }
        Workspace ws = new Workspace(rows, cols);
        for (int i = 0; i < shape[0]; i++) {
            ws.blur(stack.data(), i * size, out, offset + i * size);
        }
    }

    /** Per-call scratch arrays, so one GaussianBlur serves many threads. */
    private final class Workspace {
        private final int rows;
        private final int cols;
        /** Source row of padded row index i + r, for pass 1. */
        private final int[] rowAt;
        /** Source column of padded column index i + r, for pass 2. */
        private final int[] colAt;
        private final float[] mid;
        private final double[] acc;
        private final double[] line;

        Workspace(int rows, int cols) {
            this.rows = rows;
            this.cols = cols;
            this.rowAt = reflectTable(rows);
            this.colAt = reflectTable(cols);
            this.mid = new float[rows * cols];
            this.acc = new double[cols];
            this.line = new double[cols + 2 * radius];
        }

        private int[] reflectTable(int n) {
            int[] table = new int[n + 2 * radius];
            for (int i = 0; i < table.length; i++) {
                table[i] = reflect(i - radius, n);
            }
            return table;
        }

        void blur(float[] src, int srcOffset, float[] dst, int dstOffset) {
            int size = rows * cols;
            if (radius == 0) {
                System.arraycopy(src, srcOffset, dst, dstOffset, size);
                return;
            }
            alongColumns(src, srcOffset);
            alongRows(dst, dstOffset);
        }

        /**
         * Pass 1, axis 0. Computed a whole output row at a time (all columns in step) for memory locality; every
         * pixel still sees exactly scipy's sequence of operations, so the order of the loops does not matter.
         */
        private void alongColumns(float[] src, int off) {
            double w0 = w[0];
            for (int l = 0; l < rows; l++) {
                int base = off + l * cols;
                for (int c = 0; c < cols; c++) {
                    acc[c] = src[base + c] * w0;
                }
                for (int k = radius; k >= 1; k--) {
                    int above = off + rowAt[l - k + radius] * cols;
                    int below = off + rowAt[l + k + radius] * cols;
                    double wk = w[k];
                    for (int c = 0; c < cols; c++) {
                        acc[c] += ((double) src[above + c] + (double) src[below + c]) * wk;
                    }
                }
                int midBase = l * cols;
                for (int c = 0; c < cols; c++) {
                    mid[midBase + c] = (float) acc[c]; // the float32 store between the passes
                }
            }
        }

        /**
         * Pass 2, axis 1, on the float32 result of pass 1: each row copied once into a reflect-padded buffer, then
         * accumulated a whole row at a time (all pixels in step, like pass 1), which the JIT vectorises; every
         * pixel still sees scipy's sequence of operations.
         */
        private void alongRows(float[] dst, int off) {
            double w0 = w[0];
            int padded = cols + 2 * radius;
            for (int l = 0; l < rows; l++) {
                int base = l * cols;
                for (int i = 0; i < padded; i++) {
                    line[i] = mid[base + colAt[i]];
                }
                for (int i = 0; i < cols; i++) {
                    acc[i] = line[i + radius] * w0;
                }
                for (int k = radius; k >= 1; k--) {
                    double wk = w[k];
                    int left = radius - k;
                    int right = radius + k;
                    for (int i = 0; i < cols; i++) {
                        acc[i] += (line[left + i] + line[right + i]) * wk;
                    }
                }
                int outBase = off + base;
                for (int i = 0; i < cols; i++) {
                    dst[outBase + i] = (float) acc[i];
                }
            }
        }
    }
}
