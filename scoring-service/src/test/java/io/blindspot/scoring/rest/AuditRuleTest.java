package io.blindspot.scoring.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.ExperimentSubmitted;
import io.blindspot.scoring.domain.BlindSpots;
import io.blindspot.scoring.domain.ExperimentRecord;
import io.blindspot.scoring.domain.SliceResult;
import io.blindspot.scoring.service.Audit;
import io.blindspot.scoring.service.Audits;
import io.blindspot.scoring.service.BrainHistograms;
import io.blindspot.scoring.service.Experiments;
import io.blindspot.scoring.service.StatusReports;
import io.blindspot.scoring.service.Waits;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The audit's threshold (issue 14) on the golden case: shared/golden's four ch2bet slices (disks of 759, 1245,
 * 1245 and 889 brain pixels of 181 × 217: mean prevalence 0.026338569646357918), and as the audited model's
 * normal-rec curve the golden per-slice APs of the σ = 5 blur (exp1-ch2bet-small.json, intensities 0 to 1 by 0.2):
 * mean AP 0.988, 0.889, 0.387, 0.0566, 0.0614, 0.378.
 * <ul>
 *   <li>{@code "threshold": 0.5} (AP): blind [0.4, 1.0]: everything from 0.4 up is "missed", although AP 0.38
 *       is ~15 times chance;</li>
 *   <li>{@code {"times-chance": 5}}: AP &lt; 5 × 0.02634 = 0.1317: blind [0.6, 0.8] only;</li>
 *   <li>{@code {"metric": "ap-normalised", "below": 0.365}}: per slice (AP − p)/(1 − p), means 0.988, 0.887,
 *       0.3706, 0.0311, 0.0359, 0.3608 (numpy): blind [0.6, 1.0].</li>
 * </ul>
 */
class AuditRuleTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(UndefinedAsNull.module());
    private static final UUID NORMAL = UUID.fromString("0b6e1f7c-2d4a-4f8e-9c3b-5a6d7e8f9a12");
    private static final String AUDIT = "a0d1e2f3-0000-4000-8000-000000000014";
    private static final int[] LABEL_PIXELS = {759, 1245, 1245, 889};
    private static final double PIXELS = 181 * 217;
    private static final double CHANCE = 0.026338569646357918;   // numpy: mean of the four prevalences
    /** exp1-ch2bet-small.json's ap_per_slice at sigma 5 (index 4): [slice z 80, 85, 90, 95][intensity]. */
    private static final double[][] AP_SIGMA_5 = {
            {0.9738900935620282, 0.806388531202647, 0.28100950084612697, 0.04370405737397105, 0.059917661564066124, 0.39790665854005547},
            {0.9993063811449623, 0.9408756770580626, 0.3581029961079824, 0.0494883212172646, 0.05568873782043292, 0.43652548429046123},
            {0.9997954274220769, 0.9725362075579723, 0.5850801370952466, 0.08513096181981282, 0.03581325746909834, 0.18441802125627066},
            {0.9800887754554319, 0.8379924061371301, 0.322744188270818, 0.04818325271561622, 0.09416109335186877, 0.49301628909526596}};
    private static final List<Double> INTENSITIES = List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0);

    @Test
    void aPlainApThresholdAsBefore() throws Exception {
        Audit audit = audit(new ExperimentSpec.AuditRef(AUDIT, "normal-rec", "ae", 0.5));
        Audit.Mode normal = audit.modes().get(0);
        assertThat(normal.blindSpots()).containsExactly(new BlindSpots.Interval(0.4, 1.0));
        assertThat(normal.chance()).isCloseTo(CHANCE, within(1e-15));
        JsonNode view = JSON.readTree(JSON.writeValueAsString(AuditResource.view(audit)));
        assertThat(view.get("threshold").asDouble()).isEqualTo(0.5);
        assertThat(view.get("thresholdMetric").asText()).isEqualTo("ap");
        assertThat(view.get("timesChance").isNull()).isTrue();
        assertThat(view.get("rule").asText()).isEqualTo("ap < 0.5");
        JsonNode mode = view.get("modes").get("normal-rec");
        assertThat(mode.get("chance").asDouble()).isCloseTo(CHANCE, within(1e-15));
        assertThat(mode.get("threshold").asDouble()).isEqualTo(0.5);
        assertThat(mode.get("ruleCurve").isNull()).isTrue();
        assertThat(mode.get("blindSpots").toString()).isEqualTo("[[0.4,1.0]]");
        // the anomal-rec mode is not registered: no curve, no chance (null, not "NaN")
        assertThat(view.get("modes").get("anomal-rec").get("chance").isNull()).isTrue();
    }

    @Test
    void aThresholdAsAMultipleOfChanceCallsFarLessBlind() throws Exception {
        Audit audit = audit(new ExperimentSpec.AuditRef(AUDIT, "normal-rec", "ae", 0.0, "ap", 5.0));
        assertThat(audit.modes().get(0).blindSpots()).containsExactly(new BlindSpots.Interval(0.6, 0.8));
        JsonNode view = JSON.readTree(JSON.writeValueAsString(AuditResource.view(audit)));
        assertThat(view.get("rule").asText()).isEqualTo("ap < 5 × chance");
        assertThat(view.get("timesChance").asDouble()).isEqualTo(5.0);
        assertThat(view.get("modes").get("normal-rec").get("threshold").asDouble())
                .isCloseTo(0.1316928482317896, within(1e-15));
        assertThat(view.get("modes").get("normal-rec").get("blindSpots").toString()).isEqualTo("[[0.6,0.8]]");
        AuditPage page = AuditPage.of(audit);
        assertThat(page.threshold()).isEqualTo("blind where ap < 5 × chance");
        assertThat(page.rule()).isEqualTo("ap < 5 × chance = 0.1317");
        assertThat(page.chance()).isEqualTo("AP's chance level (the slices' lesion prevalence, a random score's "
                + "expected AP): 0.02634");
        assertThat(page.ruleMetric()).isNull();
        assertThat(page.modes().get(0).blindSpots()).isEqualTo("[0.6000, 0.8000]");
        // the figure draws it (threshold and chance lines); it renders
        assertThat(AuditResource.figure(audit).encode("png")).startsWith(0x89, 'P', 'N', 'G');
        assertThat(new String(AuditResource.figure(audit).encode("svg"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("chance 0.02634 (lesion prevalence)").contains("threshold ap &lt; 5 × chance = 0.1317");
    }

    @Test
    void aThresholdOnTheNormalisedAp() throws Exception {
        Audit audit = audit(new ExperimentSpec.AuditRef(AUDIT, "normal-rec", "ae", 0.365, "ap-normalised", null));
        Audit.Mode normal = audit.modes().get(0);
        assertThat(normal.blindSpots()).containsExactly(new BlindSpots.Interval(0.6, 1.0));
        assertThat(normal.ruleCurve().apByIndex()[2]).isCloseTo(0.37062236462294396, within(1e-12));
        assertThat(normal.ruleCurve().apByIndex()[5]).isCloseTo(0.36077926511161873, within(1e-12));
        JsonNode view = JSON.readTree(JSON.writeValueAsString(AuditResource.view(audit)));
        assertThat(view.get("rule").asText()).isEqualTo("ap-normalised < 0.365");
        assertThat(view.get("modes").get("normal-rec").get("ruleCurve")).hasSize(6);
        assertThat(new String(AuditResource.figure(audit).encode("svg"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("normalised AP").contains("chance 0.000");
        AuditPage page = AuditPage.of(audit);
        assertThat(page.threshold()).isEqualTo("blind where ap-normalised < 0.365");
        assertThat(page.rule()).isEqualTo("ap-normalised < 0.365");
        assertThat(page.ruleMetric()).isEqualTo("ap-normalised");
        assertThat(page.ruleRows()).hasSize(6);
        assertThat(page.ruleRows().get(2).values().get(0)).startsWith("0.3706 [");
        assertThat(page.modes().get(0).blindSpots()).isEqualTo("[0.6000, 1.000]");
    }

    @Test
    void aMetricTheExperimentDidNotComputeIsSaidNotGuessed() throws Exception {
        Audit audit = audit(new ExperimentSpec.AuditRef(AUDIT, "normal-rec", "ae", 0.7, "auroc", null), false);
        Audit.Mode normal = audit.modes().get(0);
        assertThat(normal.blindSpots()).isEmpty();
        assertThat(normal.ruleError()).contains("did not compute metric 'auroc'");
    }

    /** The audit with only its normal-rec experiment, whose stored rows are the golden σ = 5 APs. */
    private static Audit audit(ExperimentSpec.AuditRef ref) throws Exception {
        return audit(ref, true);
    }

    private static Audit audit(ExperimentSpec.AuditRef ref, boolean computed) throws Exception {
        List<Double> intensities = INTENSITIES;
        List<String> metrics = !computed || ref.thresholdMetric() == null || "ap".equals(ref.thresholdMetric())
                ? List.of("ap") : List.of("ap", ref.thresholdMetric());
        ExperimentSpec spec = new ExperimentSpec("audit-ae-normal-rec", new ExperimentSpec.Dataset("sample:ch2bet", 2,
                List.of(80, 85, 90, 95)), new ExperimentSpec.Anomaly("disk", 20, intensities, null, 0L),
                new ExperimentSpec.Reconstruction("normal-rec", "onnx:ae", List.of(0.0)), metrics, ref);
        Instant now = Instant.parse("2026-12-06T00:00:00Z");
        String json = JSON.writeValueAsString(spec);
        ExperimentRecord record = ExperimentRecord.from(new ExperimentSubmitted(NORMAL.toString(), now.toString(),
                spec), json, now);
        Map<String, List<SliceResult>> rows = new HashMap<>();
        for (int s = 0; s < 4; s++) {
            double p = LABEL_PIXELS[s] / PIXELS;
            for (int i = 0; i < intensities.size(); i++) {
                double v = AP_SIGMA_5[s][i];
                int z = 80 + 5 * s;
                rows.computeIfAbsent("ap", k -> new ArrayList<>()).add(new SliceResult(0, 2, z, i, 0,
                        intensities.get(i), 0.0, v, 0.01, 1, 1, p));
                rows.computeIfAbsent("ap-normalised", k -> new ArrayList<>()).add(new SliceResult(0, 2, z, i, 0,
                        intensities.get(i), 0.0, (v - p) / (1 - p), 0.01, 1, 1, p));
            }
        }
        MemoryStores stores = new MemoryStores(List.of(record), Map.of(record.id(), rows));
        StatusReports statuses = new StatusReports(stores, stores, new Waits(), JSON, Duration.ofMinutes(2),
                Clock.fixed(now, ZoneOffset.UTC));
        Experiments experiments = new Experiments(stores, stores, statuses, JSON);
        return new Audits(stores, experiments, new BrainHistograms(stores)).load(AUDIT);
    }
}
