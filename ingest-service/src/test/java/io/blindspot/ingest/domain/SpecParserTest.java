package io.blindspot.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.contracts.events.AnomalyParams;
import io.blindspot.contracts.events.ExperimentSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpecParserTest {
    private static final String EXAMPLE = """
            {"name": "exp1",
             "dataset": {"source": "sample:ch2bet", "axis": 2, "slices": [80, 85]},
             "anomaly": {"type": "disk", "radius": 20, "intensities": [0.0, 0.5, 1.0],
                         "positions": [[90, 110], [95, 100]]},
             "reconstruction": {"mode": "normal-rec", "reconstructor": "gaussian-blur", "sigmas": [0.0, 1.0, 2.0]},
             "metrics": ["ap"]}
            """;

    private static ExperimentSpec json(String text) {
        return SpecParser.parse(SpecReader.read(text, SpecReader.Format.JSON));
    }

    private static Preprocessing preprocessingOf(String text) {
        return Preprocessing.of(json(text));
    }

    /** The example with one fragment replaced, for the error cases. */
    private static ExperimentSpec example(String from, String to) {
        assertThat(EXAMPLE).contains(from);
        return json(EXAMPLE.replace(from, to));
    }

    private static void assertRefused(String from, String to, String fragment) {
        assertThatThrownBy(() -> example(from, to)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining(fragment);
    }

    @Test
    void parsesTheExample() {
        ExperimentSpec spec = json(EXAMPLE);

        assertThat(spec.name()).isEqualTo("exp1");
        assertThat(spec.dataset()).isEqualTo(new ExperimentSpec.Dataset("sample:ch2bet", 2, List.of(80, 85)));
        assertThat(spec.anomaly()).isEqualTo(new ExperimentSpec.Anomaly("disk", 20, List.of(0.0, 0.5, 1.0),
                List.of(List.of(90, 110), List.of(95, 100)), null));
        assertThat(spec.reconstruction()).isEqualTo(new ExperimentSpec.Reconstruction("normal-rec",
                "gaussian-blur", List.of(0.0, 1.0, 2.0)));
        assertThat(spec.metrics()).containsExactly("ap");
        // 2 slices x 3 intensities x 3 sigmas x 1 metric
        assertThat(spec.expectedResults()).isEqualTo(18);
    }

    @Test
    void yamlGivesTheSameSpecAsJson() {
        String yaml = """
                name: exp1
                dataset:
                  source: sample:ch2bet
                  axis: 2
                  slices: [80, 85]
                anomaly:
                  type: disk
                  radius: 20
                  intensities: [0.0, 0.5, 1.0]
                  positions:
                    - [90, 110]
                    - [95, 100]
                reconstruction:
                  mode: normal-rec
                  reconstructor: gaussian-blur
                  sigmas: [0.0, 1.0, 2.0]
                metrics: [ap]
                """;
        assertThat(SpecParser.parse(SpecReader.read(yaml, SpecReader.Format.YAML))).isEqualTo(json(EXAMPLE));
    }

    @Test
    void fillsDefaults() {
        ExperimentSpec spec = json("""
                {"dataset": {"source": "sample:ch2bet", "slices": [80]},
                 "anomaly": {"type": "disk", "radius": 20.0, "intensities": [1]},
                 "reconstruction": {"reconstructor": "gaussian-blur", "sigmas": [0]}}
                """);
        assertThat(spec.name()).isEqualTo("experiment");
        assertThat(spec.dataset().axis()).isEqualTo(2);
        assertThat(spec.metrics()).containsExactly("ap");
        assertThat(spec.reconstruction().mode()).isEqualTo("normal-rec");
        assertThat(spec.anomaly().seed()).isEqualTo(0L);
        assertThat(spec.anomaly().positions()).isNull();
        assertThat(spec.anomaly().radius()).isEqualTo(20);
    }

    @Test
    void preprocessingDefaultsToNone() {
        assertThat(json(EXAMPLE).dataset().preprocessing()).isEqualTo("none");
        ExperimentSpec explicit = json(EXAMPLE.replace("[80, 85]}", "[80, 85], \"preprocessing\": \"none\"}"));
        assertThat(explicit).isEqualTo(json(EXAMPLE));
        // JSON null counts as absent, like every other optional field
        assertThat(preprocessingOf(EXAMPLE.replace("[80, 85]}", "[80, 85], \"preprocessing\": null}")))
                .isEqualTo(Preprocessing.NONE);
    }

    @Test
    void acceptsEqualizeHistInJsonAndYaml() {
        ExperimentSpec equalised = json(EXAMPLE.replace("[80, 85]}",
                "[80, 85], \"preprocessing\": \"equalize-hist\"}"));
        // the resolved spec carries the choice (scoring shows it); only the stored slices change
        assertThat(equalised).isEqualTo(new ExperimentSpec(json(EXAMPLE).name(),
                json(EXAMPLE).dataset().withPreprocessing("equalize-hist"), json(EXAMPLE).anomaly(),
                json(EXAMPLE).reconstruction(), json(EXAMPLE).metrics()));
        assertThat(Preprocessing.of(equalised)).isEqualTo(Preprocessing.EQUALIZE_HIST);

        String yaml = """
                dataset: {source: "sample:ch2bet", slices: [80], preprocessing: equalize-hist}
                anomaly: {type: disk, radius: 20, intensities: [1]}
                reconstruction: {reconstructor: gaussian-blur, sigmas: [0]}
                """;
        assertThat(Preprocessing.of(SpecParser.parse(SpecReader.read(yaml, SpecReader.Format.YAML))))
                .isEqualTo(Preprocessing.EQUALIZE_HIST);
    }

    @Test
    void refusesAnUnknownPreprocessingNamingTheSupportedOnes() {
        assertThatThrownBy(() -> example("[80, 85]}", "[80, 85], \"preprocessing\": \"equalise-hist\"}"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("dataset.preprocessing: unknown preprocessing 'equalise-hist'; supported: none, "
                        + "equalize-hist");
        assertThatThrownBy(() -> example("[80, 85]}", "[80, 85], \"preprocessing\": true}"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("dataset.preprocessing: expected a string, got true");
        assertRefused("\"axis\"", "\"preprocess\": \"none\", \"axis\"",
                "unknown field 'dataset.preprocess'; allowed in dataset: source, volumes, axis, slices, preprocessing");
    }

    @Test
    void keepsAGivenSeedAndAnomalRecMode() {
        ExperimentSpec spec = example("\"positions\": [[90, 110], [95, 100]]", "\"seed\": 42");
        assertThat(spec.anomaly().seed()).isEqualTo(42L);
        assertThat(spec.anomaly().positions()).isNull();
        assertThat(example("\"normal-rec\"", "\"anomal-rec\"").reconstruction().mode()).isEqualTo("anomal-rec");
    }

    @Test
    void expandsLinspaceWithNumpySemantics() {
        ExperimentSpec spec = example("[0.0, 0.5, 1.0]", "{\"linspace\": [0, 1, 100]}");
        List<Double> intensities = spec.anomaly().intensities();
        assertThat(intensities).hasSize(100);
        for (int i = 0; i < 99; i++) {
            assertThat(intensities.get(i)).isEqualTo(i * (1.0 / 99) + 0);
        }
        assertThat(intensities.get(99)).isEqualTo(1.0);

        List<Double> sigmas = example("[0.0, 1.0, 2.0]", "{\"linspace\": [0, 5, 100]}").reconstruction().sigmas();
        assertThat(sigmas).hasSize(100);
        assertThat(sigmas.get(7)).isEqualTo(0.35353535353535354);
        assertThat(sigmas.get(99)).isEqualTo(5.0);
    }

    @Test
    void slicesMayBeARangeOrAnIntegralLinspace() {
        // range(80, 96, 5) = 80, 85, 90, 95; positions dropped so the count need not match
        String seeded = EXAMPLE.replace("\"positions\": [[90, 110], [95, 100]]", "\"seed\": 1");
        assertThat(json(seeded.replace("[80, 85]", "{\"range\": [80, 96, 5]}")).dataset().slices())
                .containsExactly(80, 85, 90, 95);
        assertThat(json(seeded.replace("[80, 85]", "{\"range\": [80, 83]}")).dataset().slices())
                .containsExactly(80, 81, 82);
        // linspace(80, 95, 4) = 80, 85, 90, 95
        assertThat(json(seeded.replace("[80, 85]", "{\"linspace\": [80, 95, 4]}")).dataset().slices())
                .containsExactly(80, 85, 90, 95);
        assertThatThrownBy(() -> json(seeded.replace("[80, 85]", "{\"linspace\": [80, 85, 3]}")))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("dataset.slices.linspace: value 1 is 82.5, slices must be integers");
    }

    @Test
    void refusesUnknownFieldsNamingThem() {
        assertRefused("\"intensities\"", "\"intensites\"", "unknown field 'anomaly.intensites'");
        assertRefused("\"metrics\"", "\"metric\"", "unknown field 'metric'");
        assertRefused("\"axis\"", "\"axes\"", "unknown field 'dataset.axes'");
        assertRefused("\"mode\"", "\"mdoe\"", "unknown field 'reconstruction.mdoe'");
    }

    @Test
    void refusesIntensitiesOutsideTheNormalisedRange() {
        assertRefused("[0.0, 0.5, 1.0]", "[0.0, 1.5]", "anomaly.intensities[1]: 1.5 is outside [0, 1]");
        assertRefused("[0.0, 0.5, 1.0]", "[-0.1]", "anomaly.intensities[0]: -0.1 is outside [0, 1]");
        assertRefused("[0.0, 0.5, 1.0]", "{\"linspace\": [0, 133, 3]}", "66.5 is outside [0, 1]");
        assertThat(example("[0.0, 0.5, 1.0]", "[0, 1]").anomaly().intensities()).containsExactly(0.0, 1.0);
    }

    @Test
    void yamlAnchorsAliasesAndSeveralDocumentsAreRefused() {
        String yaml = """
                name: y
                dataset: {source: "sample:ch2bet", slices: [80]}
                anomaly: {type: disk, radius: 20, intensities: &i [0.5], positions: [[90, 110]]}
                reconstruction: {sigmas: *i}
                """;
        assertThatThrownBy(() -> SpecReader.read(yaml, SpecReader.Format.YAML))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("YAML anchors (&i) are not supported");
        StringBuilder bomb = new StringBuilder("a0: [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("a").append(i).append(": [*a").append(i - 1).append(", *a").append(i - 1).append("]\n");
        }
        assertThatThrownBy(() -> SpecReader.read(bomb.toString(), SpecReader.Format.YAML))
                .hasMessageContaining("YAML aliases (*a0) are not supported");
        assertThatThrownBy(() -> SpecReader.read("name: a\n---\nname: b\n", SpecReader.Format.YAML))
                .hasMessageContaining("more than one YAML document");
        assertThatThrownBy(() -> SpecReader.read("name: a\nname: b\n", SpecReader.Format.YAML))
                .hasMessageContaining("Duplicate field 'name'");
    }

    @Test
    void refusesAMisspeltGenerator() {
        assertRefused("[0.0, 0.5, 1.0]", "{\"lnspace\": [0, 1, 3]}", "unknown field 'anomaly.intensities.lnspace'");
    }

    @Test
    void refusesPositionsAndSeedTogether() {
        assertRefused("\"positions\"", "\"seed\": 3, \"positions\"", "give either positions");
    }

    @Test
    void refusesAPositionCountOtherThanTheSliceCount() {
        assertRefused("[[90, 110], [95, 100]]", "[[90, 110]]", "anomaly.positions: 1 positions for 2 slices");
        assertRefused("[[90, 110], [95, 100]]", "[[90, 110], [95]]", "anomaly.positions[1]: expected a [row, col]");
        assertRefused("[[90, 110], [95, 100]]", "[[90, 110], [95, 100.5]]",
                "anomaly.positions[1][1]: expected an integer");
        assertRefused("[[90, 110], [95, 100]]", "[[90, 110], [-1, 3]]", "anomaly.positions[1]: row and column");
    }

    @Test
    void aModelReconstructorTakesNoSigmaAndIsRecordedAtSigmaZero() {
        ExperimentSpec spec = json(EXAMPLE.replace(
                "\"mode\": \"normal-rec\", \"reconstructor\": \"gaussian-blur\", \"sigmas\": [0.0, 1.0, 2.0]",
                "\"mode\": \"anomal-rec\", \"reconstructor\": \"onnx:ae-latent128\""));
        assertThat(spec.reconstruction()).isEqualTo(
                new ExperimentSpec.Reconstruction("anomal-rec", "onnx:ae-latent128", List.of(0.0)));
        assertThat(spec.expectedResults()).isEqualTo(2 * 3);
        assertRefused("\"gaussian-blur\"", "\"onnx:ae-latent128\"",
                "reconstruction.sigmas: a model reconstructor ('onnx:ae-latent128') takes no sigma; remove the field");
    }

    @Test
    void refusesUnknownModeReconstructorTypeAndMetric() {
        assertRefused("\"normal-rec\"", "\"normal\"",
                "reconstruction.mode: unknown mode 'normal'; supported: normal-rec, anomal-rec");
        assertRefused("\"gaussian-blur\"", "\"x\"",
                "unknown reconstructor 'x'; supported: gaussian-blur, onnx:<model name>");
        assertRefused("\"gaussian-blur\"", "\"onnx:Bad Name\"", "unknown reconstructor 'onnx:Bad Name'");
        assertRefused("\"disk\"", "\"square\"",
                "anomaly.type: unknown anomaly type 'square'; supported: disk, pixel-shuffle, sink, source");
        // names are exact, like every other enumerated value
        assertRefused("\"disk\"", "\"Sink\"", "anomaly.type: unknown anomaly type 'Sink'");
        assertRefused("[\"ap\"]", "[\"auc\"]",
                "metrics[0]: unknown metric 'auc'; supported: ap, ap-normalised, auroc, dice-best, aupro-0.3");
        assertRefused("[\"ap\"]", "[\"ap\", \"ap\"]", "metrics: 'ap' is listed twice");
    }

    @Test
    void acceptsEveryMetricInTheGivenOrderAndCountsTheirValues() {
        ExperimentSpec spec = example("[\"ap\"]", "[\"aupro-0.3\", \"ap\", \"auroc\", \"dice-best\", \"ap-normalised\"]");
        assertThat(spec.metrics()).containsExactly("aupro-0.3", "ap", "auroc", "dice-best", "ap-normalised");
        // 2 slices x 3 intensities x 3 sigmas x 5 metrics
        assertThat(spec.expectedResults()).isEqualTo(90);
        // absent (a JSON null is the same) gives the default
        assertThat(example("[\"ap\"]", "null").metrics()).containsExactly("ap");
    }

    @Test
    void refusesMalformedLinspace() {
        assertRefused("[0.0, 0.5, 1.0]", "{\"linspace\": [0, 1]}",
                "anomaly.intensities.linspace: expected [start, stop, num]");
        assertRefused("[0.0, 0.5, 1.0]", "{\"linspace\": [0, 1, 2.5]}",
                "anomaly.intensities.linspace[2] (num): expected an integer");
        assertRefused("[0.0, 0.5, 1.0]", "{\"linspace\": [0, \"1\", 3]}",
                "anomaly.intensities.linspace[1] (stop): expected a number");
        assertRefused("[0.0, 0.5, 1.0]", "{\"linspace\": [0, 1, -1]}",
                "anomaly.intensities.linspace[2] (num): must be 0 to 10000");
        assertRefused("[0.0, 0.5, 1.0]", "{\"linspace\": [0, 1, 0]}", "anomaly.intensities: must not be empty");
        assertRefused("[0.0, 0.5, 1.0]", "\"0.5\"",
                "anomaly.intensities: expected a list of numbers or {\"linspace\": [start, stop, num]}");
        assertRefused("[0.0, 0.5, 1.0]", "{\"linspace\": [0, 1, 3], \"extra\": 1}",
                "unknown field 'anomaly.intensities.extra'");
    }

    @Test
    void refusesBadSigmasAndIntensities() {
        assertRefused("[0.0, 1.0, 2.0]", "[0.0, -1.0]", "reconstruction.sigmas[1]: sigma must be >= 0, got -1.0");
        assertRefused("[0.0, 1.0, 2.0]", "[]", "reconstruction.sigmas: must not be empty");
        assertRefused("[0.0, 0.5, 1.0]", "[]", "anomaly.intensities: must not be empty");
        assertRefused("[0.0, 0.5, 1.0]", "[0.0, null]", "anomaly.intensities[1]: expected a number");
        assertRefused("[0.0, 0.5, 1.0]", "[1e999]", "anomaly.intensities[0]: must be finite");
    }

    @Test
    void refusesBadSlices() {
        assertRefused("[80, 85]", "[]", "dataset.slices: must not be empty");
        assertRefused("[80, 85]", "[80, 80]", "dataset.slices: slice 80 is listed twice");
        assertRefused("[80, 85]", "[80, 85.5]", "dataset.slices[1]: expected an integer");
        assertRefused("[80, 85]", "[80, -85]", "dataset.slices[1]: a slice index must be >= 0");
        assertRefused("[80, 85]", "{\"range\": [80, 80]}", "dataset.slices: must not be empty");
        assertRefused("[80, 85]", "{\"range\": [80, 90, 0]}", "dataset.slices.range: range() step must not be zero");
        assertRefused("[80, 85]", "{\"range\": [80]}", "dataset.slices.range: expected [start, stop]");
        assertRefused("[80, 85]", "80", "dataset.slices: expected a list of integers");
    }

    @Test
    void refusesBadRadiusAxisSourceAndName() {
        assertRefused("\"radius\": 20", "\"radius\": 20.5", "anomaly.radius: expected an integer, got 20.5");
        assertRefused("\"radius\": 20", "\"radius\": 0", "anomaly.radius: must be a positive number of pixels");
        assertRefused("\"radius\": 20,", "", "anomaly.radius: required field is missing");
        assertRefused("\"axis\": 2", "\"axis\": 3", "dataset.axis: must be 0, 1 or 2, got 3");
        assertRefused("\"sample:ch2bet\"", "\"ch2bet\"",
                "dataset.source must be sample:NAME, upload:ID or store:KEY, got 'ch2bet'");
        assertRefused("\"exp1\"", "\" \"", "name: must be 1 to 200 characters");
        assertRefused("\"exp1\"", "7", "name: expected a string, got 7");
    }

    @Test
    void refusesMalformedTextWithALocation() {
        assertThatThrownBy(() -> SpecReader.read("{\"name\": ", SpecReader.Format.JSON))
                .isInstanceOf(InvalidSpecException.class).hasMessageStartingWith("malformed spec: ")
                .hasMessageContaining("line 1");
        // the flow sequence opened at line 1 is still open when the text ends (line 2, column 1)
        assertThatThrownBy(() -> SpecReader.read("name: [unclosed\n", SpecReader.Format.YAML))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("malformed spec: while parsing a flow sequence: expected ',' or ']', but got "
                        + "<stream end> (line 2, column 1)");
        assertThatThrownBy(() -> SpecReader.read("{\"name\": \"a\", \"name\": \"b\"}", SpecReader.Format.JSON))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("Duplicate field 'name'");
        assertThatThrownBy(() -> SpecReader.read("name: a\nname: b\n", SpecReader.Format.YAML))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("Duplicate field 'name'");
        assertThatThrownBy(() -> SpecReader.read("  ", SpecReader.Format.JSON))
                .isInstanceOf(InvalidSpecException.class).hasMessage("malformed spec: the body is empty");
        assertThatThrownBy(() -> json("[1, 2]")).isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("spec: expected an object");
    }

    // ---- experiment 2: textures ------------------------------------------------------------------------------

    /** The example as a texture: intensities dropped (a texture refuses them). */
    private static String texture(String type) {
        return EXAMPLE.replace("\"disk\"", "\"" + type + "\"").replace("\"intensities\": [0.0, 0.5, 1.0],", "");
    }

    @Test
    void aTextureHasNoIntensitiesOneVariantAndSeedZeroBesideItsPositions() {
        for (String type : List.of("pixel-shuffle", "sink", "source")) {
            ExperimentSpec spec = json(texture(type));
            // positions place the centres; the seed (default 0) drives pixel-shuffle's permutation
            assertThat(spec.anomaly()).as(type).isEqualTo(new ExperimentSpec.Anomaly(type, 20, null,
                    List.of(List.of(90, 110), List.of(95, 100)), 0L));
            assertThat(spec.anomaly().variantCount()).isEqualTo(1);
            // 2 slices x 1 variant x 3 sigmas x 1 metric
            assertThat(spec.expectedResults()).as(type).isEqualTo(6);
        }
        // the disk keeps one variant per intensity: 2 x 3 x 3 x 1
        assertThat(json(EXAMPLE).anomaly().variantCount()).isEqualTo(3);
        assertThat(json(EXAMPLE).expectedResults()).isEqualTo(18);
    }

    @Test
    void aTextureMayGiveItsSeedTogetherWithPositionsOrAlone() {
        ExperimentSpec both = json(texture("pixel-shuffle").replace("\"positions\"", "\"seed\": 7, \"positions\""));
        assertThat(both.anomaly().seed()).isEqualTo(7L);
        assertThat(both.anomaly().positions()).containsExactly(List.of(90, 110), List.of(95, 100));

        ExperimentSpec seeded = json(texture("sink").replace("\"positions\": [[90, 110], [95, 100]]", "\"seed\": 3"));
        assertThat(seeded.anomaly().seed()).isEqualTo(3L);
        assertThat(seeded.anomaly().positions()).isNull();
        assertThatThrownBy(() -> json(texture("source").replace("\"positions\"", "\"seed\": -1, \"positions\"")))
                .isInstanceOf(InvalidSpecException.class).hasMessage("anomaly.seed: must be >= 0, got -1");
    }

    @Test
    void aTextureRefusesIntensitiesNamingTheField() {
        for (String type : List.of("pixel-shuffle", "sink", "source")) {
            assertThatThrownBy(() -> example("\"disk\"", "\"" + type + "\""))
                    .isInstanceOf(InvalidSpecException.class)
                    .hasMessage("anomaly.intensities: a " + type + " anomaly has no intensities (its texture comes "
                            + "from the slice itself, one variant per slice); remove the field");
        }
        // JSON null counts as absent, as for every optional field
        assertThat(json(texture("sink").replace("\"radius\"", "\"intensities\": null, \"radius\"")).anomaly()
                .intensities()).isNull();
    }

    @Test
    void aDiskStillNeedsIntensitiesAndStillRefusesSeedWithPositions() {
        assertRefused("\"intensities\": [0.0, 0.5, 1.0],", "", "anomaly.intensities: required field is missing");
        assertRefused("\"positions\"", "\"seed\": 3, \"positions\"",
                "anomaly: give either positions (one [row, col] per slice) or seed, not both");
    }

    @Test
    void aTextureSpecInYamlAndItsPerSliceParams() {
        String yaml = """
                dataset: {source: "sample:ch2bet", slices: [80]}
                anomaly: {type: pixel-shuffle, radius: 20, positions: [[90, 110]], seed: 4}
                reconstruction: {reconstructor: gaussian-blur, sigmas: [0, 1]}
                """;
        ExperimentSpec spec = SpecParser.parse(SpecReader.read(yaml, SpecReader.Format.YAML));
        assertThat(spec.anomaly()).isEqualTo(new ExperimentSpec.Anomaly("pixel-shuffle", 20, null,
                List.of(List.of(90, 110)), 4L));
        assertThat(spec.expectedResults()).isEqualTo(2);
        assertThat(new AnomalyParams("pixel-shuffle", 20, null, List.of(90, 110), 4L).variantCount()).isEqualTo(1);
        assertThat(new AnomalyParams("disk", 20, List.of(0.0, 1.0), List.of(90, 110), null).variantCount())
                .isEqualTo(2);
    }

    /** The resolved texture spec as the events carry it: no intensities, and no helper leaking into the JSON. */
    @Test
    void aResolvedTextureSpecTravelsAsJsonWithoutIntensities() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ExperimentSpec spec = json(texture("source"));
        JsonNode tree = mapper.readTree(mapper.writeValueAsString(spec));
        assertThat(tree.get("anomaly").has("intensities")).isFalse();
        assertThat(tree.get("anomaly").has("variantCount")).isFalse();
        assertThat(tree.has("expectedResults")).isFalse();
        assertThat(mapper.readValue(mapper.writeValueAsString(spec), ExperimentSpec.class)).isEqualTo(spec);
        AnomalyParams params = new AnomalyParams("source", 20, null, List.of(1, 2), 0L);
        assertThat(mapper.readTree(mapper.writeValueAsString(params)).has("variantCount")).isFalse();
    }

    /**
     * presets/exp2-*.json: the paper's experiment 2 on the bundled brain, the slices and positions of
     * presets/exp1.json, radius 20, sigmas linspace(0, 5, 100), seed 0.
     */
    @Test
    void experimentTwoPresetsAreExperimentOneWithATexture() throws IOException {
        ExperimentSpec exp1 = preset("exp1.json");
        for (String type : List.of("pixel-shuffle", "sink", "source")) {
            ExperimentSpec exp2 = preset("exp2-" + type + ".json");
            assertThat(exp2.name()).isEqualTo("exp2-ch2bet-" + type);
            assertThat(exp2.dataset()).isEqualTo(exp1.dataset());
            assertThat(exp2.anomaly()).isEqualTo(new ExperimentSpec.Anomaly(type, 20, null,
                    exp1.anomaly().positions(), 0L));
            assertThat(exp2.reconstruction()).isEqualTo(exp1.reconstruction());
            assertThat(exp2.reconstruction().sigmas()).hasSize(100);
            assertThat(exp2.metrics()).containsExactly("ap");
            // 4 slices x 1 variant x 100 sigmas
            assertThat(exp2.expectedResults()).isEqualTo(400);
        }
    }

    private static ExperimentSpec preset(String file) throws IOException {
        return SpecParser.parse(SpecReader.read(Files.readString(Path.of("..", "presets", file)),
                SpecReader.Format.JSON));
    }
}
