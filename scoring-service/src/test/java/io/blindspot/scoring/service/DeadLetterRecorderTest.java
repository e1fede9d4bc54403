package io.blindspot.scoring.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterRecorderTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void takesTheExperimentIdFromAJsonPayload() {
        String id = "3f1d6c1e-2a4b-4c8d-9e0f-112233445566";
        assertThat(DeadLetterRecorder.experimentId(mapper, "{\"experimentId\":\"" + id + "\",\"slice\":{}}"))
                .isEqualTo(UUID.fromString(id));
    }

    @Test
    void keepsLettersWithoutAUsableIdUnattached() {
        assertThat(DeadLetterRecorder.experimentId(mapper, null)).isNull();
        assertThat(DeadLetterRecorder.experimentId(mapper, "not json {")).isNull();
        assertThat(DeadLetterRecorder.experimentId(mapper, "{\"slice\":1}")).isNull();
        assertThat(DeadLetterRecorder.experimentId(mapper, "{\"experimentId\":\"nope\"}")).isNull();
        assertThat(DeadLetterRecorder.experimentId(mapper, "[1,2]")).isNull();
    }
}
