package io.blindspot.scoring.domain.metric;

/**
 * AP against chance: a random score ranks positives anywhere, and its expected AP is the prevalence p = P / n
 * (the lesion's share of the pixels; ~0.03 for a radius-20 disk in a slice), so a fixed "AP < 0.5" says little.
 * The normalised AP {@code (AP − p) / (1 − p)} is 0 at chance and 1 for a perfect ranking (negative below
 * chance).
 *
 * <p>Edge cases: no positive: p = 0 and AP = 0 (the AP convention), so the normalised AP is 0; every pixel
 * positive: p = 1, normalised AP undefined (NaN).
 */
public final class ChanceLevel {
    private ChanceLevel() {
    }

    /** P / n. */
    public static double prevalence(long positives, long pixels) {
        if (pixels <= 0 || positives < 0 || positives > pixels) {
            throw new IllegalArgumentException(positives + " positives of " + pixels + " pixels");
        }
        return (double) positives / pixels;
    }

    public static double prevalence(boolean[] positive) {
        long p = 0;
        for (boolean b : positive) {
            p += b ? 1 : 0;
        }
        return prevalence(p, positive.length);
    }

    /** (AP − p) / (1 − p); NaN when p = 1. */
    public static double normalisedAp(double ap, double prevalence) {
        return prevalence == 1.0 ? Double.NaN : (ap - prevalence) / (1 - prevalence);
    }
}
