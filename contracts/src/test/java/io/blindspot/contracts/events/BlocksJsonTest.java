package io.blindspot.contracts.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The compact variants and the sigma blocks on the wire, and the older one-sigma, full-stack events. */
class BlocksJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void variantsInBothForms() throws Exception {
        VariantsRef full = new VariantsRef("a.npy", "l.npy", 100);
        String json = JSON.writeValueAsString(full);
        assertThat(json).doesNotContain("labelValuesKey");
        assertThat(JSON.readValue(json, VariantsRef.class)).isEqualTo(full);
        assertThat(full.compact()).isFalse();
        VariantsRef compact = new VariantsRef("a.npy", "l.npy", 100, "lv.npy");
        assertThat(JSON.readValue(JSON.writeValueAsString(compact), VariantsRef.class)).isEqualTo(compact);
        assertThat(compact.compact()).isTrue();
    }

    @Test
    void aBlockListsItsSigmasAndAnOldEventIsABlockOfOne() throws Exception {
        ReconstructionRef block = new ReconstructionRef("normal-rec", "gaussian-blur", 4, 0.2, "r.npy",
                List.of(0.2, 0.25, 0.3));
        String json = JSON.writeValueAsString(block);
        assertThat(json).doesNotContain("sigmaCount").doesNotContain("\"block\"");
        ReconstructionRef read = JSON.readValue(json, ReconstructionRef.class);
        assertThat(read).isEqualTo(block);
        assertThat(read.block()).isTrue();
        assertThat(read.sigmaCount()).isEqualTo(3);
        assertThat(read.sigmaAt(2)).isEqualTo(0.3);

        ReconstructionRef old = JSON.readValue("{\"mode\":\"normal-rec\",\"reconstructor\":\"gaussian-blur\","
                + "\"sigmaIndex\":7,\"sigma\":1.5,\"key\":\"r.npy\"}", ReconstructionRef.class);
        assertThat(old.block()).isFalse();
        assertThat(old.sigmaCount()).isEqualTo(1);
        assertThat(old.sigmaAt(0)).isEqualTo(1.5);
        assertThat(old).isEqualTo(new ReconstructionRef("normal-rec", "gaussian-blur", 7, 1.5, "r.npy"));
    }
}
