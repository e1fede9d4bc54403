package io.blindspot.scoring.rest;

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
 */
public record ExperimentPage(String title, boolean refresh, String id, String name, String status, long done,
                             long expected, String description, List<Link> links, boolean heatmap, String api) {

    static ExperimentPage of(LoadedExperiment e) {
        String api = "../api/experiments/" + e.id() + "/";
        return new ExperimentPage(e.name(), ExperimentStatus.inProgress(e.status()), e.id(), e.name(), e.status(),
                e.done(), e.record().expected(), describe(e), Link.ofExperiment(e, api), e.heatmapFigure(), api);
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
