package io.blindspot.synth.domain;

import io.blindspot.contracts.CompactVariants;
import io.blindspot.contracts.FloatArray;

import java.util.Optional;

/**
 * Every anomalous variant of one slice and the label they share.
 *
 * @param anomalous float32 [k, rows, cols]; plane i carries intensity i of the request
 * @param label     float32 [rows, cols] of 0/1: anomaly ∩ brain (does not depend on the intensity)
 */
public record Variants(FloatArray anomalous, FloatArray label) {

    public int count() {
        return anomalous.shape()[0];
    }

    /**
     * The compact form to store (see {@link CompactVariants}), or empty when the full stack must be stored.
     *
     * <p>Compact when it is lossless (every variant equals variant 0 outside the label, bit for bit) AND it has
     * fewer floats: one plane + count × k label values against count planes. So a single variant (a texture)
     * stays full: its compact form would be the same plane plus k values, and a second object to write and
     * read. The paper's disk, R = 20 (k = 1,245 label pixels when it lies wholly in the brain, fewer when it
     * crosses background), with 100 intensities on 181 × 217: 39,277 + 124,500 floats instead of 3,927,700, 24×
     * fewer (0.66 MB instead of 15.7 MB).
     *
     * <p>The disk is lossless for intensities of one sign: a disk pixel on background becomes
     * {@code intensity × 0f}, which is -0f for a negative intensity and +0f for a positive one (numpy's
     * {@code img * mask}), so intensities of both signs differ outside the label there and stay full.
     */
    public Optional<CompactVariants> compact() {
        int count = count();
        if (count < 2) {
            return Optional.empty();
        }
        return CompactVariants.of(anomalous, label).filter(c -> {
            long plane = (long) anomalous.shape()[1] * anomalous.shape()[2];
            long compactFloats = plane + (long) count * c.labelValues().shape()[1];
            return compactFloats < count * plane;
        });
    }
}
