package io.blindspot.launcher.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {
    @Test
    void barAndPercentRoundDown() {
        // 1234/4000 = 0.3085: 18 * 0.3085 = 5.55 -> 5 marks; 30.85 % -> 30 %
        assertThat(Progress.bar(1234, 4000)).isEqualTo("[#####.............] 1234/4000 results  30%");
        assertThat(Progress.bar(4000, 4000)).isEqualTo("[##################] 4000/4000 results 100%");
        assertThat(Progress.bar(0, 0)).isEqualTo("[..................] 0/0 results   0%");
    }

    @Test
    void redrawsInPlaceOnATerminal() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(buffer, true, StandardCharsets.UTF_8), true);
        p.update(1, 2);
        p.finish(2, 2);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).isEqualTo(
                "\r[#########.........] 1/2 results  50%\r[##################] 2/2 results 100%"
                        + System.lineSeparator());
    }

    @Test
    void printsWholeLinesElsewhere() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(buffer, true, StandardCharsets.UTF_8), false);
        p.update(1, 4);
        p.update(2, 4); // within 5 s of the previous line: not printed
        p.finish(4, 4);
        assertThat(buffer.toString(StandardCharsets.UTF_8).split("\\R")).containsExactly(
                "[####..............] 1/4 results  25%",
                "[##################] 4/4 results 100%");
    }

    @Test
    void theFinalStateIsPrintedEvenWhenAnUpdateWithItWasSkipped() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(buffer, true, StandardCharsets.UTF_8), false);
        p.update(1, 4);
        p.update(4, 4); // skipped: too soon after the first line
        p.finish(4, 4);
        assertThat(buffer.toString(StandardCharsets.UTF_8).split("\\R")).containsExactly(
                "[####..............] 1/4 results  25%",
                "[##################] 4/4 results 100%");
    }
}
