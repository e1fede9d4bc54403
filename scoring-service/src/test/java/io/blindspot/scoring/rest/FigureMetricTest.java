package io.blindspot.scoring.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.ExperimentSubmitted;
import io.blindspot.scoring.domain.ExperimentRecord;
import io.blindspot.scoring.domain.SliceResult;
import io.blindspot.scoring.plot.ApHeatmap;
import io.blindspot.scoring.plot.MetricScale;
import io.blindspot.scoring.service.BrainHistograms;
import io.blindspot.scoring.service.Experiments;
import io.blindspot.scoring.service.InvalidRequestException;
import io.blindspot.scoring.service.LoadedExperiment;
import io.blindspot.scoring.service.StatusReports;
import io.blindspot.scoring.service.Waits;
import jakarta.ws.rs.core.Response;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.title.PaintScaleLegend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ?metric=} and {@code ?aggregation=} on the figures and the experiment page (issue 14): a 2 × 2 grid
 * with metrics [ap, ap-normalised, auroc] on two slices of prevalence 0.02 and 0.03, AUROC undefined (NaN) on one
 * slice of one cell; and a reference grid with the same metrics.
 */
class FigureMetricTest {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(UndefinedAsNull.module());
    private static final UUID GRID = UUID.fromString("0b6e1f7c-2d4a-4f8e-9c3b-5a6d7e8f9a21");
    private static final UUID REFERENCE = UUID.fromString("0b6e1f7c-2d4a-4f8e-9c3b-5a6d7e8f9a22");
    private static final double[] PREVALENCE = {0.02, 0.03};

    private Experiments experiments;
    private ExperimentFigureResource figures;
    private FiguresResource curves;

    @BeforeEach
    void grid() throws Exception {
        Instant now = Instant.parse("2026-12-06T00:00:00Z");
        List<ExperimentRecord> records = new ArrayList<>();
        Map<UUID, Map<String, List<SliceResult>>> rows = new HashMap<>();
        for (UUID id : List.of(GRID, REFERENCE)) {
            ExperimentSpec spec = new ExperimentSpec(id.equals(GRID) ? "grid" : "reference",
                    new ExperimentSpec.Dataset("sample:ch2bet", 2, List.of(80, 85)),
                    new ExperimentSpec.Anomaly("disk", 20, List.of(0.2, 0.6), null, 0L),
                    new ExperimentSpec.Reconstruction("normal-rec", "gaussian-blur", List.of(0.0, 1.0)),
                    List.of("ap", "ap-normalised", "auroc"), null, List.of("slice-mean"), null);
            records.add(ExperimentRecord.from(new ExperimentSubmitted(id.toString(), now.toString(), spec),
                    JSON.writeValueAsString(spec), now));
            Map<String, List<SliceResult>> byMetric = new HashMap<>();
            for (int s = 0; s < 2; s++) {
                for (int i = 0; i < 2; i++) {
                    for (int k = 0; k < 2; k++) {
                        double ap = 0.9 - 0.4 * k + 0.05 * i - 0.1 * s;
                        double p = PREVALENCE[s];
                        double auroc = i == 1 && k == 1 && s == 0 ? Double.NaN : 0.95 - 0.2 * k;
                        add(byMetric, "ap", s, i, k, ap, p);
                        add(byMetric, "ap-normalised", s, i, k, (ap - p) / (1 - p), p);
                        add(byMetric, "auroc", s, i, k, auroc, p);
                    }
                }
            }
            rows.put(id, byMetric);
        }
        MemoryStores stores = new MemoryStores(records, rows);
        StatusReports statuses = new StatusReports(stores, stores, new Waits(), JSON, Duration.ofMinutes(2),
                Clock.fixed(now, ZoneOffset.UTC));
        experiments = new Experiments(stores, stores, statuses, JSON);
        figures = new ExperimentFigureResource(experiments, new BrainHistograms(stores));
        curves = new FiguresResource(experiments);
    }

    private static void add(Map<String, List<SliceResult>> byMetric, String metric, int s, int i, int k,
                            double value, double p) {
        byMetric.computeIfAbsent(metric, m -> new ArrayList<>()).add(new SliceResult(0, 2, 80 + 5 * s, i, k,
                i == 0 ? 0.2 : 0.6, k, value, 0.01, 10, 10, p));
    }

    private static String svg(Response r) {
        return new String((byte[]) r.getEntity(), StandardCharsets.UTF_8);
    }

    @Test
    void theHeatmapsColourBarNamesTheMetricAndSpansItsRange() {
        assertThat(svg(figures.heatmap(GRID.toString(), "svg", "auroc", null))).contains("grid · auroc")
                .contains("AUROC");
        assertThat(svg(figures.heatmap(GRID.toString(), "svg", "ap-normalised", "slice-mean")))
                .contains("normalised AP");
        // the normalised AP on [-1, 1]: coolwarm's grey middle at 0, chance
        JFreeChart chart = ApHeatmap.chart("t", new double[] {0.2, 0.6}, new double[] {0, 1},
                new double[][] {{0.5, -0.2}, {0.9, 0.1}}, MetricScale.of("ap-normalised"));
        PaintScaleLegend legend = (PaintScaleLegend) chart.getSubtitle(0);
        ValueAxis axis = legend.getAxis();
        assertThat(axis.getLabel()).isEqualTo("normalised AP");
        assertThat(axis.getLowerBound()).isEqualTo(-1.0);
        assertThat(axis.getUpperBound()).isEqualTo(1.0);
        assertThat(legend.getScale().getPaint(0.0)).isEqualTo(io.blindspot.scoring.plot.Coolwarm.color(0.5));
        assertThat(MetricScale.of("auroc", "pooled").label()).isEqualTo("AUROC (pooled)");
        assertThat(MetricScale.of("ap").low()).isZero();
        assertThat(MetricScale.of("auroc-image").label()).isEqualTo("image AUROC");
        assertThat(AuditResource.chanceLevel("auroc-image", 0.03)).isEqualTo(0.5);
        assertThat(AuditResource.chanceLevel("dice-best", 0.03)).isNaN();
    }

    @Test
    void theCurveDrawsTheMetricWithItsChanceLevel() {
        // AP: the chance line at the cells' mean prevalence (0.02 + 0.03) / 2
        assertThat(svg(figures.curve(GRID.toString(), "svg", null, null, null, null)))
                .contains("chance 0.02500 (lesion prevalence)");
        String auroc = svg(figures.curve(GRID.toString(), "svg", REFERENCE.toString(), 1, "auroc", null));
        assertThat(auroc).contains("AUROC").contains("chance 0.5000").contains("grid (σ = 1) · auroc");
        assertThat(svg(figures.curve(GRID.toString(), "svg", null, null, "ap-normalised", null)))
                .contains("chance 0.000");
    }

    @Test
    void aCurveIsMatchedToTheReferencesGridOfTheSameMetric() {
        FigureViews.Match m = figures.match(GRID.toString(), REFERENCE.toString(), 0, "auroc", null);
        assertThat(m.sad()).isZero();   // the same rows: the grid's own sigma column 0 matches
        assertThat(m.value()).isEqualTo(0.0);
    }

    @Test
    void theCurvesFigureTakesMetricAndAggregation() throws Exception {
        FigureViews.Curves c = curves.curves(GRID.toString(), null, null, 1, "auroc", null);
        assertThat(c.metric()).isEqualTo("auroc");
        assertThat(c.aggregation()).isEqualTo("slice-mean");
        assertThat(c.title()).isEqualTo("AUROC vs anomaly intensity");
        JsonNode json = JSON.readTree(JSON.writeValueAsString(c));
        // intensity 0.6 at sigma 1: AUROC NaN on slice 80, 0.75 on slice 85: the defined one, n 1
        JsonNode point = json.get("curves").get(0).get("curve").get(1);
        assertThat(point.get("apMean").asDouble()).isEqualTo(0.75);
        assertThat(point.get("n").asInt()).isEqualTo(1);
        assertThat(svg(curves.curvesImage("svg", GRID.toString(), null, null, 1, "auroc", null))).contains("AUROC");
    }

    @Test
    void aMetricOrAggregationTheSpecDidNotListIs400() {
        assertThatThrownBy(() -> figures.heatmap(GRID.toString(), "png", "dice-best", null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("did not compute metric 'dice-best'");
        assertThatThrownBy(() -> figures.curve(GRID.toString(), "png", null, null, "ap", "pooled"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("did not compute aggregation 'pooled'");
        assertThatThrownBy(() -> curves.curves(GRID.toString(), null, null, null, "auc", null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("unknown metric 'auc'");
        assertThatThrownBy(() -> figures.heatmap(GRID.toString(), "png", null, "median"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("unknown aggregation 'median'");
    }

    @Test
    void theExperimentPageSelectsAmongTheSpecsMetrics() {
        LoadedExperiment e = experiments.load(GRID.toString(), "auroc");
        ExperimentPage page = ExperimentPage.of(e, "auroc", null);
        assertThat(page.title()).isEqualTo("grid · auroc");
        assertThat(page.query()).isEqualTo("?metric=auroc");
        assertThat(page.metrics()).containsExactly(new Link(GRID + "", "ap"),
                new Link(GRID + "?metric=ap-normalised", "ap-normalised"), new Link(null, "auroc"));
        assertThat(page.aggregations()).isEmpty();      // slice-mean only
        assertThat(page.links()).contains(new Link("../api/experiments/" + GRID + "/heatmap.svg?metric=auroc",
                "heatmap.svg"), new Link("../api/experiments/" + GRID + "/cells?metric=auroc&format=csv", "csv"));
        // the default page is the page of before metrics: no query on its figures
        ExperimentPage ap = ExperimentPage.of(experiments.load(GRID.toString()));
        assertThat(ap.query()).isEmpty();
        assertThat(ap.links()).contains(new Link("../api/experiments/" + GRID + "/cells?format=csv", "csv"));
        assertThat(ExperimentPage.query("auroc", "pooled")).isEqualTo("?metric=auroc&aggregation=pooled");
    }

    @Test
    void theResultsPageLinksEachFurtherMetric() {
        ResultsPage page = ResultsPage.of(experiments.summaries());
        assertThat(page.experiments().get(0).views()).containsExactly(
                new Link("results/" + GRID + "?metric=ap-normalised", "ap-normalised"),
                new Link("results/" + GRID + "?metric=auroc", "auroc"));
    }
}
