package io.blindspot.scoring.rest;

import io.blindspot.contracts.events.Aggregations;
import io.blindspot.contracts.events.Metrics;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.scoring.domain.ExperimentStatus;
import io.blindspot.scoring.service.LoadedExperiment;

import java.util.ArrayList;
import java.util.List;

/**
 * What one experiment's page shows ({@code templates/experiment.html}): its figure large (the heatmap of a grid,
 * then the curve), its progress and the links to its numbers. The page lives at {@code results/ID}, so its links
 * go up one level.
 *
 * @param refresh the experiment is still in progress: the page reloads every 5 s
 * @param api     the experiment's API path, relative to the page ({@code ../api/experiments/ID/})
 * @param heatmap whether it is an intensity × sigma grid drawn as a heatmap
 * @param query   the figures' and numbers' query: "" for AP under slice-mean (the page of before metrics),
 *                else {@code ?metric=M&aggregation=A} (only what differs from the default)
 * @param metrics the selector: one link per metric of the spec (the shown one without href); empty when the spec
 *                has one metric only
 * @param aggregations the selector of the spec's aggregations, likewise
 */
public record ExperimentPage(String title, boolean refresh, String id, String name, String status, long done,
                             long expected, String description, List<Link> links, boolean heatmap, String api,
                             String query, List<Link> metrics, List<Link> aggregations) {

    static ExperimentPage of(LoadedExperiment e) {
        return of(e, null, null);
    }

    /**
     * The page of {@code metric} under {@code aggregation} (null: ap, slice-mean; already checked against the
     * spec by the read side).
     */
    static ExperimentPage of(LoadedExperiment e, String metric, String aggregation) {
        String m = metric == null || metric.isEmpty() ? Metrics.AP : metric;
        String a = aggregation == null || aggregation.isEmpty() ? Aggregations.SLICE_MEAN : aggregation;
        String api = "../api/experiments/" + e.id() + "/";
        String query = query(m, a);
        List<String> specMetrics = e.spec() == null ? Metrics.DEFAULT : Metrics.orDefault(e.spec().metrics());
        List<String> specAggregations = new ArrayList<>(List.of(Aggregations.SLICE_MEAN));
        if (e.spec() != null) {
            for (String x : Aggregations.orDefault(e.spec().aggregation())) {
                if (!specAggregations.contains(x)) {
                    specAggregations.add(x);
                }
            }
        }
        List<Link> metrics = new ArrayList<>();
        if (specMetrics.size() > 1) {
            for (String x : specMetrics) {
                metrics.add(new Link(x.equals(m) ? null : e.id() + query(x, a), x));
            }
        }
        List<Link> aggregations = new ArrayList<>();
        if (specAggregations.size() > 1) {
            for (String x : specAggregations) {
                aggregations.add(new Link(x.equals(a) ? null : e.id() + query(m, x), x));
            }
        }
        return new ExperimentPage(e.name() + ExperimentFigureResource.qualifier(m, a),
                ExperimentStatus.inProgress(e.status()), e.id(), e.name(), e.status(), e.done(),
                e.record().expected(), describe(e), Link.ofExperiment(e, api, query), e.heatmapFigure(), api, query,
                metrics, aggregations);
    }

    /** "" for the defaults, else "?metric=auroc", "?aggregation=pooled", "?metric=auroc&aggregation=pooled". */
    static String query(String metric, String aggregation) {
        List<String> parts = new ArrayList<>();
        if (!Metrics.AP.equals(metric)) {
            parts.add("metric=" + metric);
        }
        if (!Aggregations.SLICE_MEAN.equals(aggregation)) {
            parts.add("aggregation=" + aggregation);
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    /** "disk · normal-rec · gaussian-blur · 6 intensities × 5 σ · 4 slices" (and the preprocessing, if any). */
    static String describe(LoadedExperiment e) {
        List<String> parts = new ArrayList<>();
        if (e.anomalyType() != null) {
            parts.add(e.anomalyType());
        }
        if (e.mode() != null) {
            parts.add(e.mode());
        }
        if (e.reconstructor() != null) {
            parts.add(e.reconstructor());
        }
        parts.add((e.texture() ? "" : e.record().intensities().length + " intensities × ")
                + e.record().sigmas().length + " σ");
        parts.add(e.record().slices().length + " slices");
        if (e.spec() != null && e.spec().dataset() != null
                && !ExperimentSpec.Dataset.NO_PREPROCESSING.equals(e.spec().dataset().preprocessing())) {
            parts.add(e.spec().dataset().preprocessing());
        }
        return String.join(" · ", parts);
    }
}
