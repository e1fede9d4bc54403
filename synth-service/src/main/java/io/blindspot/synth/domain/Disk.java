package io.blindspot.synth.domain;

/**
 * The disk the paper paints its anomalies with: scikit-image's {@code draw.disk(centre, radius)} (drawn without a
 * shape) followed by clipping the coordinates to the image, as the paper's code does.
 *
 * <p>Conventions, each one deciding which border pixels belong to the disk (golden rule 3):
 * <ul>
 *   <li>candidate rows are {@code ceil(row - R) .. floor(row + R)}, columns likewise;</li>
 *   <li>a candidate is inside when {@code dr*dr + dc*dc < 1.0} in double with {@code dr = (r - row) / (double) R}
 *       and {@code dc = (c - col) / (double) R} — strictly less, and NOT the integer test {@code r² + c² < R²}:
 *       the two disagree where rounding of the divisions pulls a boundary point inside
 *       (R = 41, offset (40, 9): 40² + 9² = 41² exactly, yet the double sum is 0.9999999999999999);</li>
 *   <li>inside coordinates that fall outside the image are clamped to the nearest border row/column, not dropped,
 *       so a disk hanging over an edge piles up on the border pixels.</li>
 * </ul>
 */
public final class Disk {

    private Disk() {
    }

    /**
     * The disk as a row-major mask.
     *
     * @param rows   image height
     * @param cols   image width
     * @param row    centre row (may lie outside the image; clamping still applies)
     * @param col    centre column
     * @param radius R, at least 1
     * @return {@code mask[r * cols + c]} is true where the disk covers pixel (r, c)
     */
    public static boolean[] mask(int rows, int cols, int row, int col, int radius) {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("image must have at least one pixel, got " + rows + "x" + cols);
        }
        if (radius < 1) {
            throw new IllegalArgumentException("disk radius must be at least 1, got " + radius);
        }
        boolean[] mask = new boolean[rows * cols];
        double r = radius;
        // Integer centre and radius: ceil/floor of row ± R are exact, kept in the formula's form for clarity.
        int rowFirst = (int) Math.ceil(row - r);
        int rowLast = (int) Math.floor(row + r);
        int colFirst = (int) Math.ceil(col - r);
        int colLast = (int) Math.floor(col + r);
        for (int rr = rowFirst; rr <= rowLast; rr++) {
            double dr = (rr - row) / r;
            int clampedRow = clamp(rr, rows);
            for (int cc = colFirst; cc <= colLast; cc++) {
                double dc = (cc - col) / r;
                if (dr * dr + dc * dc < 1.0) {
                    mask[clampedRow * cols + clamp(cc, cols)] = true;
                }
            }
        }
        return mask;
    }

    /** numpy's {@code clip(i, 0, n - 1)}. */
    private static int clamp(int i, int n) {
        return Math.max(0, Math.min(n - 1, i));
    }
}
