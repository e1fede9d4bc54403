package io.blindspot.launcher.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The options parser the commands share: forms accepted, and each usage error with exit code 2. */
class OptionsTest {
    @Test
    void optionsAndPositionalsMixInAnyOrderAndTheLastValueWins() {
        Options o = Options.parse(new String[] {"run", "--out=a", "spec.json", "--out", "b", "--data", "--x"}, 1);
        assertThat(o.get("--out")).isEqualTo("b");
        assertThat(o.get("--data")).isEqualTo("--x");
        assertThat(o.get("--split")).isNull();
        assertThat(o.positionals(1)).containsExactly("spec.json");
    }

    @Test
    void anOptionWithoutAValueIsAUsageError() {
        assertThatThrownBy(() -> Options.parse(new String[] {"demo", "--help"}, 1))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessage("--help needs a value");
    }

    @Test
    void optionsACommandDoesNotTakeAndWrongPositionalCountsShowTheUsage() {
        Options o = Options.parse(new String[] {"demo", "--mode", "x", "extra"}, 1);
        assertThatThrownBy(() -> o.allow("--data", "--out"))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
                .hasMessageStartingWith("unknown option --mode\n").hasMessageEndingWith(Usage.TEXT);
        assertThatThrownBy(() -> o.positionals(0)).hasMessageStartingWith("unexpected argument [extra]\n");
        assertThatThrownBy(() -> o.positionals(2)).hasMessageStartingWith("expected 2 argument(s), got [extra]\n");
    }
}
