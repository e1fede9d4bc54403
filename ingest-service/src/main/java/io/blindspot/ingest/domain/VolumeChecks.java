package io.blindspot.ingest.domain;

import io.blindspot.contracts.events.ExperimentSpec;

import java.util.List;
import java.util.Locale;

/**
 * The checks of a parsed spec ({@link SpecParser}) that need its volume, made where the volume is known (ingest's
 * {@code ExperimentService}, one volume at a time): every slice index exists along the axis, and every position
 * lies inside the slice ({@code [rows, cols]} = {@link Volume#sliceShape(int)}).
 */
public final class VolumeChecks {
    private VolumeChecks() {
    }

    /**
     * One volume: the whole spec.
     *
     * @throws InvalidSpecException naming the field at fault
     */
    public static void check(ExperimentSpec spec, Volume volume) {
        check(spec, 0, volume);
    }

    /**
     * Volume {@code v} of {@code dataset.volumes}: its slices and its positions ({@code positions[v * slices + s]}).
     * Messages name the volume when there are several.
     *
     * @throws InvalidSpecException naming the field at fault
     */
    public static void check(ExperimentSpec spec, int v, Volume volume) {
        boolean several = spec.dataset().volumeCount() > 1;
        String which = several ? " (dataset.volumes[" + v + "] '" + spec.dataset().volumes().get(v) + "')" : "";
        int axis = spec.dataset().axis();
        if (axis < 0 || axis > 2) {
            throw new InvalidSpecException("dataset.axis: must be 0, 1 or 2, got " + axis);
        }
        int size = volume.size(axis);
        List<Integer> slices = spec.dataset().slices();
        for (int s = 0; s < slices.size(); s++) {
            int index = slices.get(s);
            if (index < 0 || index >= size) {
                throw new InvalidSpecException(String.format(Locale.ROOT,
                        "dataset.slices[%d]: slice %d is outside axis %d of the %dx%dx%d volume%s (valid: 0 to %d)",
                        s, index, axis, volume.nx(), volume.ny(), volume.nz(), which, size - 1));
            }
        }
        List<List<Integer>> positions = spec.anomaly().positions();
        if (positions != null) {
            int[] shape = volume.sliceShape(axis);
            for (int p = v * slices.size(); p < (v + 1) * slices.size(); p++) {
                int row = positions.get(p).get(0);
                int col = positions.get(p).get(1);
                if (row < 0 || row >= shape[0] || col < 0 || col >= shape[1]) {
                    throw new InvalidSpecException(String.format(Locale.ROOT,
                            "anomaly.positions[%d]: [%d, %d] lies outside the %dx%d slice%s (rows 0 to %d, "
                                    + "columns 0 to %d)", p, row, col, shape[0], shape[1], which, shape[0] - 1,
                            shape[1] - 1));
                }
            }
        }
    }
}
