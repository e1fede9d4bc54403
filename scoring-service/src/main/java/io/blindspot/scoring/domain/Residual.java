package io.blindspot.scoring.domain;

/**
 * The residual anomaly score |reconstruction − anomalous| of the paper, pixel by pixel.
 *
 * <p>Computed in float32 ({@code Math.abs(rec - an)} on floats), as numpy does on float32 arrays: subtracting
 * in double moves APs by up to 6.4e-7 (golden rule 4). Every pixel is kept, background included.
 */
public final class Residual {
    private Residual() {
    }

    /** The residual of two equally long images, as a new array. */
    public static float[] of(float[] reconstruction, float[] anomalous) {
        if (reconstruction.length != anomalous.length) {
            throw new IllegalArgumentException("reconstruction has " + reconstruction.length
                    + " pixels, anomalous image " + anomalous.length);
        }
        float[] residual = new float[anomalous.length];
        compute(reconstruction, 0, anomalous, 0, residual);
        return residual;
    }

    /**
     * Writes {@code out.length} residuals, reading each image from its offset, so that planes of a
     * [variants, rows, cols] stack are scored without copying them out.
     */
    public static void compute(float[] reconstruction, int reconstructionOffset, float[] anomalous,
                               int anomalousOffset, float[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.abs(reconstruction[reconstructionOffset + i] - anomalous[anomalousOffset + i]);
        }
    }

    /** Mean of a residual map, summed in double in pixel order. */
    public static double mean(float[] residual) {
        double sum = 0.0;
        for (float r : residual) {
            sum += r;
        }
        return sum / residual.length;
    }
}
