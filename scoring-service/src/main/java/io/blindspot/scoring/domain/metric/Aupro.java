package io.blindspot.scoring.domain.metric;

import java.util.Arrays;

/**
 * {@code aupro-0.3}: the normalised area under the per-region-overlap (PRO) curve up to a false positive rate of
 * 0.3, as the MVTec AD evaluation code defines it (Bergmann et al., IJCV 2021; {@code compute_pro} and
 * {@code trapezoid(..., x_max=0.3)} of its {@code generic_util.py}).
 *
 * <p>Definition, for one label with regions r = 1..R ({@link ConnectedComponents}, 8-connected) and N negative
 * pixels:
 * <ul>
 *   <li>for each threshold t over the distinct scores, the prediction {@code score ≥ t};
 *       FPR(t) = (negatives predicted) / N and PRO(t) = (1/R) Σ_r |prediction ∩ r| / |r|;</li>
 *   <li>the curve: the points (FPR(t), PRO(t)) from the highest t down, after the point (0, 0) (nothing
 *       predicted); the lowest t predicts everything and ends at (1, 1);</li>
 *   <li>its area by the trapezoid rule from FPR 0 to {@code maxFpr}: points beyond the limit are dropped and the
 *       last segment is cut at the limit, its PRO linearly interpolated there; then divided by {@code maxFpr},
 *       so the value lies in [0, 1] (1: every region fully found before any false positive).</li>
 * </ul>
 * Undefined without a region (an all-normal label) or without a negative pixel: NaN.
 *
 * <p>Where anomalib differs: its {@code AUPRO} up to v2.2.x integrates per-region ROC curves averaged on an FPR
 * grid and divides the area by {@code fpr[-1]}, the endpoint of that averaged curve, instead of by the limit;
 * when the curves do not reach the limit, the divisor is smaller than 0.3 and the value is inflated, above 1 in the
 * extreme (anomalib issues #1651, #2442, #3718; replaced in v2.3.0). Here the divisor is always the limit, and the
 * curve always reaches it (it ends at FPR 1).
 */
public final class Aupro {
    /** The limit of {@code aupro-0.3}. */
    public static final double MAX_FPR = 0.3;

    private Aupro() {
    }

    /**
     * @param scores   [rows, cols] score map (a residual), C order; NaN rejected
     * @param positive its label, same shape
     * @param maxFpr   the integration limit, in (0, 1]
     */
    public static double compute(float[] scores, boolean[] positive, int rows, int cols, double maxFpr) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + positive.length + " labels");
        }
        if (!(maxFpr > 0 && maxFpr <= 1)) {
            throw new IllegalArgumentException("maxFpr must lie in (0, 1], got " + maxFpr);
        }
        ConnectedComponents.Regions regions = ConnectedComponents.label(positive, rows, cols);
        int n = scores.length;
        long negatives = 0;
        for (boolean b : positive) {
            negatives += b ? 0 : 1;
        }
        if (regions.count() == 0 || negatives == 0) {
            return Double.NaN;
        }
        // One key per pixel: score order above, pixel index below, so a descending walk meets each tie together.
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) Scores.key(scores[i], i) << 32) | i;
        }
        Arrays.sort(keys);
        Curve curve = new Curve(maxFpr);
        long fp = 0;
        double overlapSum = 0.0;      // Σ_r |prediction ∩ r| / |r|, one 1/|r| per predicted region pixel
        int i = n - 1;
        while (i >= 0 && !curve.done()) {
            int score = (int) (keys[i] >> 32);
            do {
                int pixel = (int) keys[i];
                int r = regions.region()[pixel];
                if (r == 0) {
                    fp++;
                } else {
                    overlapSum += 1.0 / regions.size(r);
                }
                i--;
            } while (i >= 0 && (int) (keys[i] >> 32) == score);
            curve.add((double) fp / negatives, overlapSum / regions.count());
        }
        return curve.area();
    }

    /**
     * The trapezoid area of a curve given point by point (FPR non-decreasing) from (0, 0), cut at the limit,
     * divided by it.
     */
    static final class Curve {
        private final double limit;
        private double x = 0.0;
        private double y = 0.0;
        private double area = 0.0;
        private boolean done;

        Curve(double limit) {
            this.limit = limit;
        }

        void add(double nextX, double nextY) {
            if (done) {
                return;
            }
            if (nextX <= limit) {
                area += 0.5 * (y + nextY) * (nextX - x);
                x = nextX;
                y = nextY;
            } else {
                double cut = y + (nextY - y) * (limit - x) / (nextX - x);
                area += 0.5 * (cut + y) * (limit - x);
                done = true;
            }
        }

        boolean done() {
            return done;
        }

        double area() {
            return area / limit;
        }
    }
}
