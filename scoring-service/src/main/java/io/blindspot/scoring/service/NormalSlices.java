package io.blindspot.scoring.service;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.scoring.domain.port.ArtefactStore;

import java.util.Arrays;

/**
 * The normal slice of an event (ingest's {@code image.npy}, which retention keeps): the lesion-free copy of the
 * image-level metrics and the normal residuals of dice-at-normal-q99's threshold.
 */
final class NormalSlices {
    private NormalSlices() {
    }

    /**
     * @throws IllegalArgumentException when the stored slice does not have the event's rows × cols
     */
    static float[] read(ArtefactStore store, SliceReconstructed event) {
        FloatArray image = store.get(event.slice().imageKey());
        if (image.data().length != event.slice().rows() * event.slice().cols()) {
            throw new IllegalArgumentException("normal slice " + event.slice().imageKey() + " has shape "
                    + Arrays.toString(image.shape()) + ", the event says " + event.slice().rows() + "x"
                    + event.slice().cols());
        }
        return image.data();
    }
}
