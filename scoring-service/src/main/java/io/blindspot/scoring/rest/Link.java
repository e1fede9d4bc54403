package io.blindspot.scoring.rest;

import io.blindspot.scoring.service.LoadedExperiment;

import java.util.ArrayList;
import java.util.List;

/** A link of a page: where it goes and what it says (both escaped by the template); href null: the current one. */
public record Link(String href, String label) {

    /**
     * An experiment's figures and numbers under {@code api} (its {@code .../api/experiments/ID/}): the heatmap
     * (a grid only), the curve, the cells as JSON and CSV, the histogram.
     */
    static List<Link> ofExperiment(LoadedExperiment e, String api) {
        return ofExperiment(e, api, "");
    }

    /**
     * {@link #ofExperiment(LoadedExperiment, String)} of one metric and aggregation: {@code query} ("" or
     * "?metric=M&aggregation=A") goes on every figure and on the cells (JSON and CSV); the histogram has none.
     */
    static List<Link> ofExperiment(LoadedExperiment e, String api, String query) {
        List<Link> links = new ArrayList<>();
        if (e.heatmapFigure()) {
            links.add(new Link(api + "heatmap.png" + query, "heatmap.png"));
            links.add(new Link(api + "heatmap.svg" + query, "heatmap.svg"));
        }
        links.add(new Link(api + "curve.png" + query, "curve.png"));
        links.add(new Link(api + "curve.svg" + query, "curve.svg"));
        links.add(new Link(api + "cells" + query, "cells"));
        links.add(new Link(api + "cells" + (query.isEmpty() ? "?" : query + "&") + "format=csv", "csv"));
        links.add(new Link(api + "histogram", "histogram"));
        return links;
    }
}
