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

    @Test
    void experiment3PresetsRunTheShippedModelInEachModeOnExperiment1sSlicesAndPositions() throws IOException {
        ExperimentSpec exp1 = preset("exp1.json");
        for (String mode : java.util.List.of("normal-rec", "anomal-rec")) {
            ExperimentSpec exp3 = preset("exp3-" + mode + ".json");
            assertThat(exp3.reconstruction().mode()).isEqualTo(mode);
            assertThat(exp3.reconstruction().reconstructor()).isEqualTo("onnx:ae-latent128");
            assertThat(exp3.reconstruction().sigmas()).containsExactly(0.0);
            assertThat(exp3.dataset()).isEqualTo(exp1.dataset());
            // same disks: radius 20, intensities linspace(0, 1, 100), the golden positions
            assertThat(exp3.anomaly()).isEqualTo(exp1.anomaly());
        }
    }

    @Test
    void experiment2PresetsAreThePapersRadius20AndSigmasLinspace0To5Of100() throws IOException {
        ExperimentSpec exp1 = preset("exp1.json");
        for (String texture : java.util.List.of("pixel-shuffle", "sink", "source")) {
            ExperimentSpec exp2 = preset("exp2-" + texture + ".json");
            assertThat(exp2.anomaly().type()).isEqualTo(texture);
            assertThat(exp2.anomaly().radius()).isEqualTo(20);
            assertThat(exp2.anomaly().positions()).isEqualTo(exp1.anomaly().positions());
            assertThat(exp2.reconstruction()).isEqualTo(exp1.reconstruction());
            assertThat(exp2.reconstruction().sigmas()).hasSize(100).endsWith(5.0);
            assertThat(exp2.dataset()).isEqualTo(exp1.dataset());
        }
    }

    @Test
    void anAuditsDefaultDataIsTheGoldenCasesSlicesAndPositions() throws IOException {
        ExperimentSpec small = preset("exp1-small.json");
        assertThat(AuditPlan.DEFAULT_SLICES).isEqualTo(small.dataset().slices());
        assertThat(AuditPlan.DEFAULT_POSITIONS).isEqualTo(small.anomaly().positions());
        assertThat(AuditPlan.DEFAULT_SOURCE).isEqualTo(small.dataset().source());
    }
}
