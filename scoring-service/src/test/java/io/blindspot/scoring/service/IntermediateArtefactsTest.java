package io.blindspot.scoring.service;

import io.blindspot.contracts.events.VariantsRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IntermediateArtefactsTest {

    @Test
    void theVariantsAreTheStackOrThePlaneAndTheLabelValues() {
        assertThat(IntermediateArtefacts.variantsKeys(new VariantsRef("s/anomalous.npy", "s/label.npy", 100)))
                .containsExactly("s/anomalous.npy");
        assertThat(IntermediateArtefacts.variantsKeys(
                new VariantsRef("s/anomalous.npy", "s/label.npy", 100, "s/label-values.npy")))
                .containsExactly("s/anomalous.npy", "s/label-values.npy");
    }
}
