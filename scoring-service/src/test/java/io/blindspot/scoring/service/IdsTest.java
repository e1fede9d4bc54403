package io.blindspot.scoring.service;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdsTest {
    @Test
    void aCanonicalUuidIsTakenInEitherCase() {
        UUID id = UUID.randomUUID();
        assertThat(Ids.experiment(id.toString())).isEqualTo(id);
        assertThat(Ids.experiment(id.toString().toUpperCase())).isEqualTo(id);
        assertThat(Ids.experiment(" " + id + " ")).isEqualTo(id);
        assertThat(Ids.audit(id.toString())).isEqualTo(id.toString());
    }

    @Test
    void anythingElseIsA400NamingIt() {
        for (String bad : new String[] {"", "abc", "1-1-1-1-1", "../etc/passwd",
                "0b6e1f7c-2d4a-4f8e-9c3b-5a6d7e8f9a0", "0b6e1f7c-2d4a-4f8e-9c3b-5a6d7e8f9a0bb",
                "0b6e1f7c-2d4a-4f8e-9c3b-5a6d7e8f9a0\u0431"}) {
            assertThatThrownBy(() -> Ids.experiment(bad)).as(bad).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("is not a UUID; use the \"id\" that POST /api/experiments answered");
        }
        assertThatThrownBy(() -> Ids.experiment("a\nb")).hasMessageContaining("'a\\u000ab'");
        assertThatThrownBy(() -> Ids.audit("x")).hasMessageContaining("audit id 'x' is not a UUID");
    }
}
