package io.blindspot.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * inference → scoring, on {@code blindspot.reconstructions}: one slice, one reconstructor, every anomaly variant.
 * A sweep of 100 intensities is one event, not 100.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SliceReconstructed(String experimentId, SliceRef slice, AnomalyParams anomaly, VariantsRef variants,
                                 ReconstructionRef reconstruction, List<String> metrics) {

    /** @param metrics the metrics scoring computes ({@link Metrics}); null (older events) = ["ap"] */
    public SliceReconstructed {
        metrics = Metrics.orDefault(metrics);
    }

    /** A reconstruction whose experiment asks for AP only. */
    public SliceReconstructed(String experimentId, SliceRef slice, AnomalyParams anomaly, VariantsRef variants,
                              ReconstructionRef reconstruction) {
        this(experimentId, slice, anomaly, variants, reconstruction, null);
    }
}
