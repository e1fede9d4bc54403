package io.blindspot.contracts.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * One reconstructor's output for one slice, for a block of consecutive sigmas: the inference-service puts as many
 * sigmas in one object (and one event) as its block size allows — all 100 of the paper's grid in normal-rec —
 * instead of an object and an event per sigma.
 *
 * @param mode       {@code normal-rec}: key holds float32 [sigmas, rows, cols], the normal slice reconstructed
 *                   with each sigma, scored downstream against every variant; {@code anomal-rec}: key holds
 *                   [sigmas, variants, rows, cols], every variant reconstructed with each sigma
 * @param sigmaIndex index of the block's first sigma in the experiment's sigma list
 * @param sigma      the block's first sigma
 * @param sigmas     every sigma of the block, in order (indices {@code sigmaIndex}, {@code sigmaIndex + 1}, …);
 *                   absent in an event of one sigma whose key holds [rows, cols] / [variants, rows, cols]
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReconstructionRef(String mode, String reconstructor, int sigmaIndex, double sigma, String key,
                                List<Double> sigmas) {
    @JsonCreator
    public ReconstructionRef {
        sigmas = sigmas == null || sigmas.isEmpty() ? null : List.copyOf(sigmas);
    }

    /** A single sigma whose key holds one reconstruction without the leading sigma axis. */
    public ReconstructionRef(String mode, String reconstructor, int sigmaIndex, double sigma, String key) {
        this(mode, reconstructor, sigmaIndex, sigma, key, null);
    }

    /** Whether the key's array has a leading sigma axis ({@link #sigmas} given). */
    @JsonIgnore
    public boolean block() {
        return sigmas != null;
    }

    /** How many sigmas this reconstruction covers. */
    @JsonIgnore
    public int sigmaCount() {
        return sigmas == null ? 1 : sigmas.size();
    }

    /** The j-th sigma of the block (j = 0 for a single one). */
    public double sigmaAt(int j) {
        return sigmas == null ? sigma : sigmas.get(j);
    }
}
