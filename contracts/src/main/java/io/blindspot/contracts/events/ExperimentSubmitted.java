package io.blindspot.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * ingest → scoring, on {@code blindspot.experiments}: an experiment was accepted; sent before any of its slices.
 *
 * @param submittedAt ISO-8601 instant
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExperimentSubmitted(String experimentId, String submittedAt, ExperimentSpec spec) {
}
