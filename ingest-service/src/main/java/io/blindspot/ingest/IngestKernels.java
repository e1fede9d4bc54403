package io.blindspot.ingest;

import io.blindspot.ingest.domain.NiftiReader;
import io.blindspot.ingest.domain.Normalisation;
import io.blindspot.ingest.domain.Sequences;
import io.blindspot.ingest.domain.Volume;

import java.io.InputStream;

/**
 * The ingest-service's public entry point for code outside the service (bench): the NIfTI-1 reader with the
 * normalisation by the volume maximum, and numpy's linspace. Plain delegation to the domain classes, so a move
 * inside the service changes this class only; nothing is copied on the way.
 */
public final class IngestKernels {
    private IngestKernels() {
    }

    /**
     * Reads a whole NIfTI-1 volume ({@code .nii} or gzipped; {@code in} is not closed) and divides it by its
     * maximum as a float32 division, as the service does before slicing (golden rules 1-2).
     *
     * @throws RuntimeException the domain's InvalidVolumeException when the file is not a volume the service
     *                          accepts (corrupt, truncated, no positive voxel), the same message as its 4xx
     */
    public static NormalisedVolume readNormalised(InputStream in) {
        return new NormalisedVolume(Normalisation.byVolumeMaximum(NiftiReader.read(in)));
    }

    /** numpy's {@code linspace(start, stop, num)}: {@code i * step + start}, the last value exactly stop. */
    public static double[] linspace(double start, double stop, int num) {
        return Sequences.linspace(start, stop, num);
    }

    /** A volume normalised to [0, 1] by its maximum: its slices as the service cuts them. */
    public static final class NormalisedVolume {
        private final Volume volume;

        private NormalisedVolume(Volume volume) {
            this.volume = volume;
        }

        /** [rows, cols] of a slice along {@code axis} (0, 1 or 2). */
        public int[] sliceShape(int axis) {
            return volume.sliceShape(axis);
        }

        /** Slice {@code index} along {@code axis}, row-major [rows * cols] (a new array, as the service's). */
        public float[] slice(int axis, int index) {
            return volume.slice(axis, index);
        }

        /** Number of slices along {@code axis}. */
        public int size(int axis) {
            return volume.size(axis);
        }
    }
}
