package io.blindspot.synth.domain;

/**
 * The sink and source deformations of the paper's experiment 2: each label pixel I takes the original value at
 * another point on the ray from the centre C through I, chosen by its squared relative distance
 * {@code s = (‖I − C‖₂ / R)²}.
 *
 * <p>Conventions, as the paper's numpy code has them:
 * <ul>
 *   <li>s in double, literally {@code (sqrt(dr² + dc²) / R)²} with {@code dr = r − row}, {@code dc = c − col};</li>
 *   <li>the sampled point, computed per coordinate in double, is rounded half to even ({@link Math#rint}, numpy's
 *       {@code round}) and clamped to the image ({@code [0, rows−1]}, {@code [0, cols−1]});</li>
 *   <li>the sampled pixel may be background or outside the label: its original value is taken as it is.</li>
 * </ul>
 */
public abstract class RadialDeformation extends TextureAnomaly {

    protected RadialDeformation(int radius) {
        super(radius);
    }

    /**
     * The unrounded coordinate, along one axis, that the label pixel at {@code pixel} samples.
     *
     * @param pixel  I's coordinate (row or column)
     * @param centre C's coordinate on the same axis
     * @param s      {@code (‖I − C‖₂ / R)²}
     */
    protected abstract double sampled(int pixel, int centre, double s);

    @Override
    protected final void fill(float[] original, int rows, int cols, int row, int col, boolean[] label,
                              float[] out) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                if (label[i]) {
                    double s = s(r, c, row, col, radius());
                    int fromRow = roundAndClamp(sampled(r, row, s), rows);
                    int fromCol = roundAndClamp(sampled(c, col, s), cols);
                    out[i] = original[fromRow * cols + fromCol];
                }
            }
        }
    }

    /** {@code (‖I − C‖₂ / R)²} in double: 0 at the centre, just below 1 on the disk's rim. */
    static double s(int r, int c, int row, int col, int radius) {
        double dr = r - row;
        double dc = c - col;
        double relative = Math.sqrt(dr * dr + dc * dc) / radius;
        return relative * relative;
    }

    /** numpy's {@code clip(round(x), 0, n − 1)}: half to even, then into the image. */
    static int roundAndClamp(double coordinate, int n) {
        double rounded = Math.rint(coordinate);
        return (int) Math.max(0, Math.min(n - 1, rounded));
    }
}
