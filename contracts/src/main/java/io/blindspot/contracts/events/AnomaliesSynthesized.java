package io.blindspot.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * synth → inference, on {@code blindspot.anomalies}: every anomaly variant of one slice.
 * {@code anomaly.position} is the centre actually used.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnomaliesSynthesized(String experimentId, SliceRef slice, AnomalyParams anomaly,
                                   ExperimentSpec.Reconstruction reconstruction, VariantsRef variants) {
}
