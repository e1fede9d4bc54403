package io.blindspot.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The anomalous variants of one slice.
 *
 * @param anomalousKey float32 [count, rows, cols]; variant i has intensity {@code anomaly.intensities[i]}
 * @param labelKey     float32 [rows, cols] of 0/1, shared by every variant (disk ∩ brain)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VariantsRef(String anomalousKey, String labelKey, int count) {
}
