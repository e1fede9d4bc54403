package io.blindspot.scoring.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.ExperimentSubmitted;
import io.blindspot.scoring.domain.BlindSpots;
import io.blindspot.scoring.domain.Curve;
import io.blindspot.scoring.domain.CurvePoint;
import io.blindspot.scoring.domain.ExperimentRecord;
import io.blindspot.scoring.domain.GridEdge;
import io.blindspot.scoring.domain.GridMatch;
import io.blindspot.scoring.domain.IntensityHistogram;
import io.blindspot.scoring.service.Audit;
import io.blindspot.scoring.service.LoadedExperiment;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The page-view records compute what the templates show, without Quarkus: links, descriptions, numbers. */
class PageViewsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GRID = "0b6e1f7c-2d4a-4f8e-9c3b-5a6d7e8f9a01";
    private static final String TEXTURE = "0b6e1f7c-2d4a-4f8e-9c3b-5a6d7e8f9a02";

    private static LoadedExperiment experiment(String id, String name, String type, List<Double> intensities,
                                               List<Double> sigmas, String preprocessing, String status,
                                               ExperimentSpec.AuditRef audit) throws Exception {
        ExperimentSpec spec = new ExperimentSpec(name, new ExperimentSpec.Dataset("sample:ch2bet", 2,
                List.of(80, 85, 90), preprocessing), new ExperimentSpec.Anomaly(type, 20, intensities, null, 0L),
                new ExperimentSpec.Reconstruction("normal-rec", "gaussian-blur", sigmas), List.of("ap"), audit);
        Instant at = Instant.parse("2026-11-23T09:00:00Z");
        ExperimentRecord r = ExperimentRecord.from(new ExperimentSubmitted(id, at.toString(), spec),
                JSON.writeValueAsString(spec), at);
        return new LoadedExperiment(r, spec, List.of(), status, 7);
    }

    @Test
    void theResultsPageListsExperimentsWithTheirFigureAndGroupsAudits() throws Exception {
        ExperimentSpec.AuditRef ref = new ExperimentSpec.AuditRef("audit-1", "reference", "ae", 0.5);
        LoadedExperiment grid = experiment(GRID, "a <b>", "disk", List.of(0.1, 0.2), List.of(0.0, 1.0), null,
                "done", ref);
        LoadedExperiment texture = experiment(TEXTURE, "t", "sink", null, List.of(0.0, 1.0), "equalize-hist",
                "running", null);
        ResultsPage page = ResultsPage.of(List.of(texture, grid));

        assertThat(page.title()).isEqualTo("Blindspot results");
        assertThat(page.refresh()).isTrue();
        ResultsPage.Row t = page.experiments().get(0);
        assertThat(t.description()).isEqualTo("sink · normal-rec · gaussian-blur · 2 σ · 3 slices · equalize-hist");
        assertThat(t.figure()).isEqualTo("api/experiments/" + TEXTURE + "/curve.svg");
        assertThat(t.links()).extracting(Link::label).containsExactly("curve.png", "curve.svg", "cells", "csv",
                "histogram");
        assertThat(t.submitted()).isEqualTo("2026-11-23T09:00:00Z");
        ResultsPage.Row g = page.experiments().get(1);
        assertThat(g.name()).isEqualTo("a <b>"); // escaped by the template, not here
        assertThat(g.description()).isEqualTo("disk · normal-rec · gaussian-blur · 2 intensities × 2 σ · 3 slices");
        assertThat(g.figure()).isEqualTo("api/experiments/" + GRID + "/heatmap.svg");
        assertThat(g.links().get(0)).isEqualTo(new Link("api/experiments/" + GRID + "/heatmap.png", "heatmap.png"));
        assertThat(g.links().get(5)).isEqualTo(new Link("api/experiments/" + GRID + "/cells?format=csv", "csv"));
        assertThat(g.done()).isEqualTo(7);
        assertThat(g.expected()).isEqualTo(12);
        assertThat(page.audits()).containsExactly(new ResultsPage.AuditRow("audit-1", "ae",
                List.of(new ResultsPage.Member("reference", "done"))));

        assertThat(ResultsPage.of(List.of(grid)).refresh()).isFalse();
    }

    @Test
    void anExperimentsPageLinksOneLevelUp() throws Exception {
        ExperimentPage page = ExperimentPage.of(experiment(GRID, "g", "disk", List.of(0.1, 0.2), List.of(0.0, 1.0),
                null, "stalled", null));
        assertThat(page.refresh()).isTrue();
        assertThat(page.heatmap()).isTrue();
        assertThat(page.api()).isEqualTo("../api/experiments/" + GRID + "/");
        assertThat(page.links().get(2).href()).isEqualTo("../api/experiments/" + GRID + "/curve.png");
        assertThat(ExperimentPage.of(experiment(GRID, "g", "disk", List.of(0.1), List.of(0.0), null, "failed",
                null)).heatmap()).isFalse();
    }

    @Test
    void anAuditsPageFormatsItsNumbers() throws Exception {
        LoadedExperiment normal = experiment(GRID, "n", "disk", List.of(0.2, 0.6), List.of(0.0), null, "done", null);
        Curve curve = new Curve(Curve.INTENSITY, new double[] {0.2, 0.6}, List.of(
                new CurvePoint(0.2, 0, 0.3, 0.1, 3, 0.05123, 0.55), new CurvePoint(0.6, 1, 0.123456, null, 1, null,
                        null)));
        Audit audit = new Audit("audit-1", "ae & co", 0.5, "running", null, List.of(
                new Audit.Mode("normal-rec", normal, curve, new GridMatch("sigma", 3, 1.5, 0.25, new double[0],
                        null), null, List.of(new BlindSpots.Interval(0.2, 0.6))),
                new Audit.Mode("anomal-rec", null, null, null, "the anomal-rec experiment is not registered yet",
                        List.of())),
                new IntensityHistogram(new double[] {0, 1}, new long[] {4}, 4, 0, new double[] {0.05, 0.5},
                        new double[] {0.1, 0.45678}));
        AuditPage page = AuditPage.of(audit);

        assertThat(page.title()).isEqualTo("Blind-spot audit of ae & co");
        assertThat(page.refresh()).isTrue();
        assertThat(page.threshold()).isEqualTo("AP threshold 0.5");
        assertThat(page.rule()).isEqualTo("AP < 0.5");
        assertThat(page.chance()).isEmpty();       // rows without prevalence: no chance level claimed
        assertThat(page.modes().get(0)).isEqualTo(new AuditPage.Mode("normal-rec", GRID, "n", "done", "1.500", "",
                "", "0.2500", "[0.2000, 0.6000]"));
        assertThat(page.modes().get(1)).isEqualTo(new AuditPage.Mode("anomal-rec", null, null, null, null, "",
                "the anomal-rec experiment is not registered yet", "–", "none"));
        assertThat(page.intensities()).containsExactly(
                new AuditPage.IntensityRow("0.2000", List.of("0.3000 [0.05123, 0.5500]", "–")),
                new AuditPage.IntensityRow("0.6000", List.of("0.1235", "–")));
        assertThat(page.histogram()).isEqualTo(new AuditPage.Histogram(4, List.of(5L, 50L),
                List.of("0.1000", "0.4568")));
        // beside a match at the edge of the reference grid: which way, and the grid to run instead
        double[] sigmas = {0, 1, 2};
        assertThat(AuditPage.edge(new GridMatch("sigma", 2, 2, 0.1, new double[0], GridEdge.of("sigma", 2, sigmas))))
                .isEqualTo("at the edge: above the largest σ tried; run σ = {\"linspace\": [0, 4, 5]} instead");
        assertThat(AuditPage.edge(new GridMatch("intensity", 0, 0, 0.1, new double[0],
                GridEdge.of("intensity", 0, sigmas)))).isEqualTo("at the edge: below the smallest intensity tried "
                + "(intensity = 0 ends the scale: nothing to run beyond it)");
        assertThat(AuditPage.edge(new GridMatch("sigma", 1, 1, 0.1, new double[0], null))).isEmpty();
        // the figure's legend says it too
        LoadedExperiment reference = experiment(GRID, "exp1", "disk", List.of(0.2, 0.6), List.of(0.0, 1.0, 2.0),
                null, "done", null);
        assertThat(FigureLabels.matched(reference, curve, new GridMatch("sigma", 2, 2, 0.1, new double[] {0.5, 0.4},
                GridEdge.of("sigma", 2, sigmas))).label())
                .isEqualTo("exp1 σ = 2 (matched), at the edge: above the largest σ tried");
        assertThat(FigureLabels.matched(reference, curve, new GridMatch("sigma", 1, 1, 0.1, new double[] {0.5, 0.4},
                null)).label()).isEqualTo("exp1 σ = 1 (matched)");
        assertThat(AuditPage.intervals(List.of(new BlindSpots.Interval(0.1, 0.2), new BlindSpots.Interval(0.5,
                1.0)))).isEqualTo("[0.1000, 0.2000], [0.5000, 1.000]");
    }
}
