package io.blindspot.scoring.domain.metric;

/**
 * The regions of a label: its 8-connected components (pixels that touch by an edge or a corner), as
 * {@code skimage.measure.label(label)} with its default connectivity for 2D images (2, the full 3 × 3
 * neighbourhood; also the MVTec AD reference's {@code scipy.ndimage.label} with {@code np.ones((3, 3))}).
 *
 * <p>Regions are numbered 1, 2, … in the raster order of their first pixel (row by row, left to right), as
 * skimage numbers them; 0 is the background. A disk cut by the brain mask may fall apart into several regions.
 */
public final class ConnectedComponents {
    private ConnectedComponents() {
    }

    /** The labelled regions: {@code region[i]} in 0..count (0 = background), and each region's pixel count. */
    public record Regions(int[] region, int count, int[] sizes) {
        /** Pixels of region r (1-based). */
        public int size(int r) {
            return sizes[r - 1];
        }
    }

    /**
     * @param mask [rows, cols] in C order
     * @throws IllegalArgumentException when the length is not rows × cols
     */
    public static Regions label(boolean[] mask, int rows, int cols) {
        if (mask.length != rows * cols) {
            throw new IllegalArgumentException(mask.length + " pixels, not " + rows + " x " + cols);
        }
        int[] region = new int[mask.length];
        int[] stack = new int[mask.length];
        int[] sizes = new int[16];
        int count = 0;
        for (int start = 0; start < mask.length; start++) {
            if (!mask[start] || region[start] != 0) {
                continue;
            }
            count++;
            if (count > sizes.length) {
                sizes = java.util.Arrays.copyOf(sizes, sizes.length * 2);
            }
            // Flood fill: each pixel is pushed once (marked when pushed).
            int top = 0;
            stack[top++] = start;
            region[start] = count;
            int size = 0;
            while (top > 0) {
                int p = stack[--top];
                size++;
                int r = p / cols;
                int c = p % cols;
                for (int dr = -1; dr <= 1; dr++) {
                    int rr = r + dr;
                    if (rr < 0 || rr >= rows) {
                        continue;
                    }
                    for (int dc = -1; dc <= 1; dc++) {
                        int cc = c + dc;
                        if (cc < 0 || cc >= cols) {
                            continue;
                        }
                        int q = rr * cols + cc;
                        if (mask[q] && region[q] == 0) {
                            region[q] = count;
                            stack[top++] = q;
                        }
                    }
                }
            }
            sizes[count - 1] = size;
        }
        return new Regions(region, count, java.util.Arrays.copyOf(sizes, count));
    }
}
