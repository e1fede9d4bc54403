package io.blindspot.ingest.domain;

import io.blindspot.contracts.events.ExperimentSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The specs in the repository's {@code presets/} folder (tests run in the module folder, beside it). */
class PresetsTest {
    private static final Path PRESETS = Path.of("..", "presets");

    private static ExperimentSpec preset(String file) throws IOException {
        return SpecParser.parse(SpecReader.read(Files.readString(PRESETS.resolve(file)), SpecReader.Format.JSON));
    }

    private static ExperimentSpec renamed(ExperimentSpec spec, String name, String preprocessing) {
        return new ExperimentSpec(name, spec.dataset().withPreprocessing(preprocessing), spec.anomaly(),
                spec.reconstruction(), spec.metrics());
    }

    @Test
    void equalisedPresetsAreThePlainOnesWithEqualizeHist() throws IOException {
        ExperimentSpec plain = preset("exp1.json");
        ExperimentSpec equalised = preset("exp1-histeq.json");
        assertThat(Preprocessing.of(plain)).isEqualTo(Preprocessing.NONE);
        assertThat(equalised).isEqualTo(renamed(plain, "exp1-ch2bet-histeq", "equalize-hist"));

        ExperimentSpec small = preset("exp1-small.json");
        ExperimentSpec smallEqualised = preset("exp1-histeq-small.json");
        assertThat(Preprocessing.of(small)).isEqualTo(Preprocessing.NONE);
        assertThat(smallEqualised).isEqualTo(renamed(small, "exp1-ch2bet-histeq-small", "equalize-hist"));
    }
}
