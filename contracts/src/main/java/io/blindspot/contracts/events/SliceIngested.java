package io.blindspot.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/** ingest → synth, on {@code blindspot.slices}: one slice of an experiment and what to do with it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SliceIngested(String experimentId, SliceRef slice, AnomalyParams anomaly,
                            ExperimentSpec.Reconstruction reconstruction, List<String> metrics) {

    /** @param metrics the spec's metrics ({@link Metrics}), passed on to scoring; null (older events) = ["ap"] */
    public SliceIngested {
        metrics = Metrics.orDefault(metrics);
    }

    /** A slice whose experiment asks for AP only. */
    public SliceIngested(String experimentId, SliceRef slice, AnomalyParams anomaly,
                         ExperimentSpec.Reconstruction reconstruction) {
        this(experimentId, slice, anomaly, reconstruction, null);
    }
}
