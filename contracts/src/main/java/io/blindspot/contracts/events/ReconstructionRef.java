package io.blindspot.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One reconstructor's output for one slice.
 *
 * @param mode       {@code normal-rec}: key holds float32 [rows, cols], the normal slice reconstructed, scored
 *                   against every variant; {@code anomal-rec}: key holds [variants, rows, cols], one per variant
 * @param sigmaIndex index of {@code sigma} in the experiment's sigma list
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReconstructionRef(String mode, String reconstructor, int sigmaIndex, double sigma, String key) {
}
