package io.blindspot.launcher.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SliceSelectionTest {
    @Test
    void oneIndexARangeWithExclusiveStopOrAList() {
        assertThat(SliceSelection.parse(null)).containsExactly(128);
        assertThat(SliceSelection.parse("64")).containsExactly(64);
        assertThat(SliceSelection.parse("120:140")).hasSize(20).startsWith(120).endsWith(139);
        assertThat(SliceSelection.parse("80, 85,90")).containsExactly(80, 85, 90);
    }

    @Test
    void refusesWhatIsNoSliceSelection() {
        assertThatThrownBy(() -> SliceSelection.parse("140:120")).isInstanceOf(CliException.class)
                .hasMessageContaining("is empty: the stop is exclusive");
        assertThatThrownBy(() -> SliceSelection.parse("1:2:3")).hasMessageContaining("must be an index (128)");
        assertThatThrownBy(() -> SliceSelection.parse("-1")).hasMessageContaining("must be an index");
        assertThatThrownBy(() -> SliceSelection.parse("a")).hasMessageContaining("got 'a'");
        assertThatThrownBy(() -> SliceSelection.parse("80,80")).hasMessage("--slices lists slice 80 twice");
    }
}
