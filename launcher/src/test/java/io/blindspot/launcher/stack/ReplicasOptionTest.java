package io.blindspot.launcher.stack;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --replicas synth=2,inference=2,scoring=2}: what is accepted, and what each refusal says. */
class ReplicasOptionTest {
    @Test
    void namedServicesGetTheirCountsInOrder() {
        assertThat(EmbeddedStack.parseReplicas("synth=2, inference=3 ,scoring=1"))
                .containsExactly(Map.entry("synth", 2), Map.entry("inference", 3), Map.entry("scoring", 1));
        assertThat(EmbeddedStack.parseReplicas(null)).isEmpty();
        assertThat(EmbeddedStack.parseReplicas(" ")).isEmpty();
    }

    @Test
    void malformedUnknownOrOutOfRangeIsRefusedWithWhatIsExpected() {
        assertThatThrownBy(() -> EmbeddedStack.parseReplicas("synth")).hasMessageContaining("SERVICE=N");
        assertThatThrownBy(() -> EmbeddedStack.parseReplicas("=2")).hasMessageContaining("SERVICE=N");
        assertThatThrownBy(() -> EmbeddedStack.parseReplicas("synthh=2"))
                .hasMessageContaining("unknown service 'synthh'").hasMessageContaining("scoring");
        assertThatThrownBy(() -> EmbeddedStack.parseReplicas("synth=0")).hasMessageContaining("1 to 8, got '0'");
        assertThatThrownBy(() -> EmbeddedStack.parseReplicas("synth=9")).hasMessageContaining("got '9'");
        assertThatThrownBy(() -> EmbeddedStack.parseReplicas("synth=two")).hasMessageContaining("got 'two'");
        assertThatThrownBy(() -> EmbeddedStack.parseReplicas("synth=2,synth=3")).hasMessageContaining("twice");
    }

    @Test
    void theFirstReplicaKeepsTheServicesLogName() {
        assertThat(EmbeddedStack.logName("synth", 1)).isEqualTo("synth.log");
        assertThat(EmbeddedStack.logName("synth", 2)).isEqualTo("synth-2.log");
    }
}
