package io.blindspot.ingest.domain;

/**
 * Brings a volume to [0, 1] the way the golden values were computed (golden/README.md rule 2): every voxel
 * divided by the maximum of the WHOLE volume, as a float32 division {@code (float) v / (float) max}. For
 * ch2bet the maximum is 133, not the type's 255; dividing by 255 or per slice changes every AP.
 *
 * <p>The brain mask (pixel &gt; 0) survives unchanged because the maximum is positive. Voxels below 0 stay
 * negative; the downstream services treat them as background like 0.
 */
public final class Normalisation {
    private Normalisation() {
    }

    /**
     * @throws InvalidVolumeException when a voxel is NaN or infinite (no meaningful maximum or residual), or no
     *                                voxel is positive
     */
    public static Volume byVolumeMaximum(Volume volume) {
        float[] data = volume.data();
        long nonFinite = 0;
        for (float v : data) {
            if (!Float.isFinite(v)) {
                nonFinite++;
            }
        }
        if (nonFinite > 0) {
            throw new InvalidVolumeException("volume has " + nonFinite + " non-finite voxels (NaN or infinity); "
                    + "cannot normalise it; replace them (e.g. with 0, numpy.nan_to_num) and upload again");
        }
        float max = volume.max();
        if (!(max > 0f)) {
            throw new InvalidVolumeException("volume has no positive voxel, so its brain mask "
                    + "(voxels > 0) is empty and it cannot be normalised by its maximum; is it the right file (a "
                    + "label map or an all-zero volume)?");
        }
        float[] out = new float[data.length];
        for (int n = 0; n < data.length; n++) {
            out[n] = data[n] / max;
        }
        return volume.withData(out);
    }
}
