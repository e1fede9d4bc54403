package io.blindspot.synth.domain;

import io.blindspot.contracts.FloatArray;

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
}
