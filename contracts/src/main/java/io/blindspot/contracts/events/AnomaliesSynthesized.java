package io.blindspot.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * synth → inference, on {@code blindspot.anomalies}: every anomaly variant of one slice.
 * {@code anomaly.position} is the centre actually used.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnomaliesSynthesized(String experimentId, SliceRef slice, AnomalyParams anomaly,
                                   ExperimentSpec.Reconstruction reconstruction, VariantsRef variants,
                                   List<String> metrics) {

    /** @param metrics the spec's metrics ({@link Metrics}), passed on to scoring; null (older events) = ["ap"] */
    public AnomaliesSynthesized {
        metrics = Metrics.orDefault(metrics);
    }

    /** Variants whose experiment asks for AP only. */
    public AnomaliesSynthesized(String experimentId, SliceRef slice, AnomalyParams anomaly,
                                ExperimentSpec.Reconstruction reconstruction, VariantsRef variants) {
        this(experimentId, slice, anomaly, reconstruction, variants, null);
    }
}
