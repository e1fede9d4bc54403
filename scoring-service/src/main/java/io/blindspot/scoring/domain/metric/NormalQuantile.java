package io.blindspot.scoring.domain.metric;

import java.util.Arrays;

/**
 * The threshold of {@code dice-at-normal-q99}: the q-quantile of the normal pixels' residuals, so that a fraction
 * 1 − q of them exceed it — as a deployed detector must choose it, from lesion-free data of the same
 * reconstructor.
 *
 * <p>Rule: numpy 1.24's default {@code np.quantile(values.astype(float64), q)} (method {@code 'linear'}): sorted
 * ascending x[0..n), virtual index h = (n − 1)·q, i = ⌊h⌋, γ = h − i, then numpy's {@code _lerp}: with
 * d = x[i+1] − x[i], {@code x[i] + d·γ} when γ < 0.5, else {@code x[i+1] − d·(1 − γ)}; h ≥ n − 1 gives x[n − 1].
 * All in double, so the value equals numpy's bit for bit.
 */
public final class NormalQuantile {
    /** {@code dice-at-normal-q99}: 1 % of normal pixels exceed the threshold. */
    public static final double Q99 = 0.99;

    private NormalQuantile() {
    }

    /**
     * @param values the normal pixels' residuals (not modified); NaN rejected
     * @param q      in [0, 1]
     * @throws IllegalArgumentException on no values, NaN, or q outside [0, 1]
     */
    public static double linear(float[] values, double q) {
        check(values.length, q);
        // sorted as floats (half the memory of doubles: the aggregation stage sorts ~10^6 per sigma); float to
        // double is exact and monotone, so the order statistics and the result are those of the doubles
        float[] x = values.clone();
        for (int i = 0; i < x.length; i++) {
            if (Float.isNaN(x[i])) {
                throw new IllegalArgumentException("value " + i + " is NaN");
            }
        }
        Arrays.sort(x);
        return interpolate(x.length, q, i -> x[i]);
    }

    public static double linear(double[] values, double q) {
        check(values.length, q);
        double[] x = values.clone();
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i])) {
                throw new IllegalArgumentException("value " + i + " is NaN");
            }
        }
        Arrays.sort(x);
        return linearOfSorted(x, q);
    }

    private static void check(int n, double q) {
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile must lie in [0, 1], got " + q);
        }
        if (n == 0) {
            throw new IllegalArgumentException("quantile of zero values is undefined");
        }
    }

    /** {@link #linear} of values already sorted ascending. */
    static double linearOfSorted(double[] x, double q) {
        return interpolate(x.length, q, i -> x[i]);
    }

    /** numpy's 'linear' between the sorted values {@code at(i)}: h = (n − 1) q, then {@code _lerp}. */
    private static double interpolate(int n, double q, java.util.function.IntToDoubleFunction at) {
        double h = (n - 1) * q;
        if (h >= n - 1) {
            return at.applyAsDouble(n - 1);
        }
        int i = (int) Math.floor(h);
        double gamma = h - i;
        double a = at.applyAsDouble(i);
        double b = at.applyAsDouble(i + 1);
        double d = b - a;
        return gamma < 0.5 ? a + d * gamma : b - d * (1 - gamma);
    }
}
