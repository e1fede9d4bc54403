package io.blindspot.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** ingest → synth, on {@code blindspot.slices}: one slice of an experiment and what to do with it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SliceIngested(String experimentId, SliceRef slice, AnomalyParams anomaly,
                            ExperimentSpec.Reconstruction reconstruction) {
}
