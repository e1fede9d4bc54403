package io.blindspot.launcher.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditSummaryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void printsTheMatchedSigmaAndTheIntervalsOfEachMode() throws Exception {
        var audit = JSON.readTree("""
                {"auditId": "a", "modes": {
                   "normal-rec": {"mode": "normal-rec", "curve": [{"x": 0.0, "ap": 0.1}], "matchedIndex": 25,
                                  "matchedSigma": 1.2626262626, "blindSpots": [[0.1818, 0.6262], [0.9, 1.0]]},
                   "anomal-rec": {"match": {"sigma": 0.5}, "blind_spot": [{"from": 0.2, "to": 0.3}]}}}""");

        assertThat(AuditSummary.lines(audit, 0.5)).containsExactly(
                "normal-rec matched blur sigma 1.263; AP < 0.5 for intensities [0.182, 0.626], [0.900, 1.00]",
                "anomal-rec matched blur sigma 0.5000; AP < 0.5 for intensities [0.200, 0.300]");
    }

    @Test
    void findsModesInAnArrayAndSaysWhatItCannotFind() throws Exception {
        var audit = JSON.readTree("""
                {"curves": [{"role": "anomal-rec", "stats": {"matchedSigma": 2.0}}]}""");

        assertThat(AuditSummary.lines(audit, 0.25)).containsExactly(
                "normal-rec: not in the audit JSON (see audit.json)",
                "anomal-rec matched blur sigma 2.000; AP < 0.25 for intensities (see audit.json)");
    }

    @Test
    void aMatchAtTheEdgeOfTheGridSaysWhichWayAndWhatToRunInstead() throws Exception {
        var audit = JSON.readTree("""
                {"modes": {
                   "normal-rec": {"matchedSigma": 5.0, "atEdge": true, "edge": {"side": "last",
                                  "note": "above the largest σ tried", "suggestedGrid": [0.0, 10.0],
                                  "suggestedSpec": "{\\"linspace\\": [0, 10, 199]}"}, "blindSpots": []},
                   "anomal-rec": {"matchedSigma": 0.0, "atEdge": true, "edge": {"side": "first",
                  "note": "below the smallest σ tried (σ = 0 ends the scale: nothing to run beyond it)",
                                  "suggestedGrid": null, "suggestedSpec": null}, "blindSpots": []}}}""");

        assertThat(AuditSummary.lines(audit, 0.5)).containsExactly(
                "normal-rec matched blur sigma 5.000 (at the edge: above the largest σ tried; grid to run instead: "
                        + "{\"linspace\": [0, 10, 199]}); AP < 0.5 for intensities none",
                "anomal-rec matched blur sigma 0.000 (at the edge: below the smallest σ tried (σ = 0 ends the scale: "
                        + "nothing to run beyond it)); AP < 0.5 for intensities none");
    }

    @Test
    void noIntervalIsNone() throws Exception {
        assertThat(AuditSummary.intervals(JSON.readTree("[]"))).isEqualTo("none");
    }
}
