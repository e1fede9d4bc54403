package io.blindspot.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * inference → scoring, on {@code blindspot.reconstructions}: one slice, one reconstructor, every anomaly variant.
 * A sweep of 100 intensities is one event, not 100.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SliceReconstructed(String experimentId, SliceRef slice, AnomalyParams anomaly, VariantsRef variants,
                                 ReconstructionRef reconstruction) {
}
