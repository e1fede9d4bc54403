package io.blindspot.bench;

import io.blindspot.ingest.IngestKernels;
import io.blindspot.synth.SynthKernels;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The inputs every part of the benchmark shares: the normalised axial slices of ch2bet and one disk centre per
 * slice, drawn once here and handed explicitly to Python, to the kernel benchmark and to the spec
 * ({@code anomaly.positions}), so that all three score the very same anomalies.
 *
 * <p>Slices z = 60, 62, …, 118 (30 slices): every one holds 12,800–19,500 brain pixels of the 39,277
 * (181 × 217), so a radius-20 disk (1,257 pixels) around any brain pixel is mostly brain and the label is never
 * empty. The volume is read and normalised by the ingest-service's own code ({@link IngestKernels}, golden
 * rules 1–2).
 *
 * @param slices  z of each slice (axis 2)
 * @param normals normalised slices, row-major [rows * cols], in the order of {@code slices}
 * @param centres [row, col] of each slice's disk centre
 */
public record Workload(Path nifti, int rows, int cols, int radius, List<Integer> slices, List<float[]> normals,
                       List<int[]> centres) {
    /** The experiment-1 disk radius of the paper. */
    public static final int RADIUS = 20;
    /** The draw's seed; any fixed value would do, it only has to be the same every run. */
    public static final long CENTRE_SEED = 2022L;
    /** Axial slices, as in the paper's experiments. */
    public static final int AXIS = 2;

    /** z = first, first + step, … (count slices). */
    public static List<Integer> sliceRange(int first, int step, int count) {
        List<Integer> z = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            z.add(first + i * step);
        }
        return List.copyOf(z);
    }

    /** The benchmark's 30 slices: z = 60..118 step 2. */
    public static List<Integer> defaultSlices() {
        return sliceRange(60, 2, 30);
    }

    /** Reads and normalises the volume, takes the slices and draws their centres. */
    public static Workload load(Path nifti, List<Integer> slices) throws IOException {
        IngestKernels.NormalisedVolume volume;
        try (InputStream in = Files.newInputStream(nifti)) {
            volume = IngestKernels.readNormalised(in);
        }
        int[] shape = volume.sliceShape(AXIS);
        List<float[]> normals = new ArrayList<>(slices.size());
        List<int[]> centres = new ArrayList<>(slices.size());
        for (int z : slices) {
            float[] slice = volume.slice(AXIS, z);
            normals.add(slice);
            centres.add(centre(slice, shape[0], shape[1], z));
        }
        return new Workload(nifti, shape[0], shape[1], RADIUS, List.copyOf(slices), List.copyOf(normals),
                List.copyOf(centres));
    }

    /**
     * The disk centre of slice z: a brain pixel (normal &gt; 0) drawn uniformly with the synth-service's
     * draw ({@link SynthKernels#centre}) from {@link #CENTRE_SEED} — deterministic, and independent of which other slices are
     * benchmarked. It equals what a spec with {@code "seed": 2022} would draw; the spec still lists the
     * positions, so that Python and the services need not share any random generator.
     */
    public static int[] centre(float[] slice, int rows, int cols, int z) {
        return SynthKernels.centre(CENTRE_SEED, slice, rows, cols, AXIS, z);
    }

    public int pixels() {
        return rows * cols;
    }

    /** The centres as the spec's {@code positions} / Python's input want them: [[row, col], …]. */
    public List<List<Integer>> positions() {
        return centres.stream().map(c -> List.of(c[0], c[1])).toList();
    }
}
