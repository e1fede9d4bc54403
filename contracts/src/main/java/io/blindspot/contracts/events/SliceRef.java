package io.blindspot.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One normalised 2D slice in the object store: float32 [rows, cols], values in [0, 1], brain = pixel &gt; 0.
 *
 * @param volume   the slice's volume: its position in the experiment's {@code dataset.volumes} (0 for a
 *                 one-volume dataset; absent in older events, which Jackson reads as 0)
 * @param index    the slice's index along {@code axis} in the source volume
 * @param imageKey object key of the .npy
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SliceRef(int volume, int axis, int index, int rows, int cols, String imageKey) {

    /** A slice of a one-volume dataset (volume 0). */
    public SliceRef(int axis, int index, int rows, int cols, String imageKey) {
        this(0, axis, index, rows, cols, imageKey);
    }
}
