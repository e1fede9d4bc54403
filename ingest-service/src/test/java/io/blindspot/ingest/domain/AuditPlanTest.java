package io.blindspot.ingest.domain;

import io.blindspot.contracts.events.ExperimentSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditPlanTest {
    private static AuditPlan parse(String json) {
        return AuditPlan.parse(SpecReader.read(json, SpecReader.Format.JSON));
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(InvalidSpecException.class).hasMessage(message);
    }

    @Test
    void aModelAloneAuditsTheBundledBrainWithThePapersGrids() {
        AuditPlan plan = parse("{\"model\": \"ae-latent128\"}");

        assertThat(plan.model()).isEqualTo("ae-latent128");
        assertThat(plan.threshold()).isEqualTo(0.5);
        assertThat(plan.specs().keySet()).containsExactly("reference", "normal-rec", "anomal-rec");
        ExperimentSpec reference = plan.specs().get("reference");
        assertThat(reference.name()).isEqualTo("audit-ae-latent128-reference");
        assertThat(reference.dataset()).isEqualTo(new ExperimentSpec.Dataset("sample:ch2bet", 2,
                List.of(80, 85, 90, 95)));
        assertThat(reference.anomaly().type()).isEqualTo("disk");
        assertThat(reference.anomaly().radius()).isEqualTo(20);
        // the golden positions of presets/exp1-small.json, no seed
        assertThat(reference.anomaly().positions()).containsExactly(List.of(136, 49), List.of(99, 52),
                List.of(70, 55), List.of(36, 138));
        assertThat(reference.anomaly().seed()).isNull();
        // linspace(0, 1, 100): step 1/99; linspace(0, 5, 100): step 5/99 = 0.050505050505050504
        assertThat(reference.anomaly().intensities()).hasSize(100).startsWith(0.0, 1.0 / 99).endsWith(1.0);
        assertThat(reference.reconstruction().mode()).isEqualTo("normal-rec");
        assertThat(reference.reconstruction().reconstructor()).isEqualTo("gaussian-blur");
        assertThat(reference.reconstruction().sigmas()).hasSize(100).startsWith(0.0, 0.050505050505050504)
                .endsWith(5.0);
        assertThat(reference.audit()).isNull();

        for (String mode : List.of("normal-rec", "anomal-rec")) {
            ExperimentSpec model = plan.specs().get(mode);
            assertThat(model.name()).isEqualTo("audit-ae-latent128-" + mode);
            assertThat(model.reconstruction().mode()).isEqualTo(mode);
            assertThat(model.reconstruction().reconstructor()).isEqualTo("onnx:ae-latent128");
            assertThat(model.reconstruction().sigmas()).containsExactly(0.0);
            assertThat(model.dataset()).isEqualTo(reference.dataset());
            assertThat(model.anomaly()).isEqualTo(reference.anomaly());
        }
    }

    @Test
    void aUsersDatasetIsSeededAndTheGridsAndThresholdCanBeChosen() {
        AuditPlan plan = parse("""
                {"model": "vae", "dataset": {"volumes": ["upload:a", "upload:b"], "slices": [128]},
                 "intensities": [0.2, 0.4], "sigmas": {"linspace": [0, 1, 3]}, "radius": 10, "threshold": 0.25}""");

        assertThat(plan.threshold()).isEqualTo(0.25);
        ExperimentSpec reference = plan.specs().get("reference");
        assertThat(reference.dataset().volumes()).containsExactly("upload:a", "upload:b");
        assertThat(reference.anomaly().positions()).isNull();
        assertThat(reference.anomaly().seed()).isZero();
        assertThat(reference.anomaly().radius()).isEqualTo(10);
        assertThat(reference.anomaly().intensities()).containsExactly(0.2, 0.4);
        assertThat(reference.reconstruction().sigmas()).containsExactly(0.0, 0.5, 1.0);
        assertThat(plan.specs().get("anomal-rec").anomaly()).isEqualTo(reference.anomaly());
        // a seed with the default dataset replaces the golden positions
        assertThat(parse("{\"model\": \"vae\", \"seed\": 4}").specs().get("normal-rec").anomaly().seed())
                .isEqualTo(4L);
    }

    @Test
    void refusesWhatIsNotAnAudit() {
        assertRefused("{}", "model: required field is missing (the name of a model registered with the "
                + "inference-service, e.g. \"ae-latent128\")");
        assertRefused("{\"model\": \"AE 128\"}", "model: expected a model name matching [a-z0-9][a-z0-9._-]{0,63}, "
                + "got \"AE 128\"");
        assertRefused("{\"model\": \"ae\", \"mode\": \"normal-rec\"}", "unknown field 'mode'; allowed: model, "
                + "dataset, positions, seed, intensities, sigmas, radius, threshold");
        assertRefused("{\"model\": \"ae\", \"threshold\": 0}", "threshold: expected an AP in (0, 1], got 0");
        assertRefused("{\"model\": \"ae\", \"threshold\": \"high\"}",
                "threshold: expected an AP in (0, 1], got \"high\"");
        assertRefused("[1]", "audit: expected an object with the fields model, dataset, positions, seed, "
                + "intensities, sigmas, radius, threshold");
    }

    @Test
    void theSpecsMessagesNameTheAuditsFields() {
        assertRefused("{\"model\": \"ae\", \"intensities\": []}", "intensities: must not be empty");
        assertRefused("{\"model\": \"ae\", \"sigmas\": [-1]}", "sigmas[0]: sigma must be >= 0, got -1.0");
        assertRefused("{\"model\": \"ae\", \"radius\": 0}", "radius: must be a positive number of pixels, got 0");
        assertRefused("{\"model\": \"ae\", \"seed\": 1, \"positions\": [[1, 1], [1, 1], [1, 1], [1, 1]]}",
                "give either positions or seed, not both");
        assertRefused("{\"model\": \"ae\", \"positions\": [[1, 1]]}",
                "positions: 1 positions for 4 slices; give exactly one [row, col] per slice, in the order of "
                        + "dataset.slices");
        assertRefused("{\"model\": \"ae\", \"dataset\": {\"source\": \"nowhere\", \"slices\": [1]}}",
                "dataset.source must be sample:NAME, upload:ID or store:KEY, got 'nowhere'");
    }

    @Test
    void aPlainThresholdKeepsMeaningApAndTheRefOfBefore() {
        AuditPlan plan = parse("{\"model\": \"ae\", \"threshold\": 0.25}");
        assertThat(plan.thresholdMetric()).isEqualTo("ap");
        assertThat(plan.timesChance()).isNull();
        assertThat(plan.ref("a1", "normal-rec")).isEqualTo(new ExperimentSpec.AuditRef("a1", "normal-rec", "ae", 0.25));
        assertThat(plan.specs().get("normal-rec").metrics()).containsExactly("ap");
    }

    @Test
    void aThresholdOnAnotherMetricMakesTheModesComputeIt() {
        AuditPlan plan = parse("{\"model\": \"ae\", \"threshold\": {\"metric\": \"ap-normalised\", \"below\": 0.5}}");
        assertThat(plan.threshold()).isEqualTo(0.5);
        assertThat(plan.thresholdMetric()).isEqualTo("ap-normalised");
        assertThat(plan.specs().get("reference").metrics()).containsExactly("ap");
        assertThat(plan.specs().get("normal-rec").metrics()).containsExactly("ap", "ap-normalised");
        assertThat(plan.specs().get("anomal-rec").metrics()).containsExactly("ap", "ap-normalised");
        assertThat(plan.ref("a1", "anomal-rec")).isEqualTo(new ExperimentSpec.AuditRef("a1", "anomal-rec", "ae", 0.5,
                "ap-normalised", null));

        AuditPlan auroc = parse("{\"model\": \"ae\", \"threshold\": {\"metric\": \"auroc\", \"below\": 0.7}}");
        assertThat(auroc.specs().get("normal-rec").metrics()).containsExactly("ap", "auroc");
        // a normalised AP below 0 is below chance: allowed down to (not including) -1
        assertThat(parse("{\"model\": \"ae\", \"threshold\": {\"metric\": \"ap-normalised\", \"below\": -0.5}}")
                .threshold()).isEqualTo(-0.5);
        // {"below": t} alone is on AP
        AuditPlan ap = parse("{\"model\": \"ae\", \"threshold\": {\"below\": 0.1}}");
        assertThat(ap.ref("a1", "reference")).isEqualTo(new ExperimentSpec.AuditRef("a1", "reference", "ae", 0.1));
    }

    @Test
    void aThresholdAsAMultipleOfChanceIsOnAp() {
        AuditPlan plan = parse("{\"model\": \"ae\", \"threshold\": {\"times-chance\": 5}}");
        assertThat(plan.thresholdMetric()).isEqualTo("ap");
        assertThat(plan.timesChance()).isEqualTo(5.0);
        assertThat(plan.threshold()).isZero();
        assertThat(plan.specs().get("normal-rec").metrics()).containsExactly("ap");
        ExperimentSpec.AuditRef ref = plan.ref("a1", "normal-rec");
        assertThat(ref).isEqualTo(new ExperimentSpec.AuditRef("a1", "normal-rec", "ae", 0.0, "ap", 5.0));
        assertThat(ref.metricOrAp()).isEqualTo("ap");
    }

    @Test
    void refusesThresholdsThatSayNothingClear() {
        String prefix = "{\"model\": \"ae\", \"threshold\": ";
        assertRefused(prefix + "{\"metric\": \"auc\", \"below\": 0.5}}", "threshold.metric: expected one of ap, "
                + "ap-normalised, auroc, dice-best, aupro-0.3, got \"auc\"");
        assertRefused(prefix + "{\"metric\": \"auroc\"}}", "threshold: give either below (a value of the metric) "
                + "or times-chance (a multiple of AP's chance level), not neither");
        assertRefused(prefix + "{\"below\": 0.5, \"times-chance\": 5}}", "threshold: give either below (a value of "
                + "the metric) or times-chance (a multiple of AP's chance level), not both");
        assertRefused(prefix + "{\"metric\": \"ap-normalised\", \"times-chance\": 5}}",
                "threshold.times-chance: a multiple of AP's chance level (the lesion prevalence) applies to metric "
                        + "ap only, got metric ap-normalised (it already measures against chance: use below)");
        assertRefused(prefix + "{\"times-chance\": 0}}", "threshold.times-chance: expected a number > 0, got 0");
        assertRefused(prefix + "{\"metric\": \"auroc\", \"below\": 1.5}}",
                "threshold.below: expected a value of auroc in (0, 1], got 1.5");
        assertRefused(prefix + "{\"metric\": \"ap-normalised\", \"below\": -1}}",
                "threshold.below: expected a value of ap-normalised in (-1, 1], got -1");
        assertRefused(prefix + "{\"limit\": 0.5}}", "unknown field 'threshold.limit'; allowed in threshold: metric, "
                + "below, times-chance");
    }
}
