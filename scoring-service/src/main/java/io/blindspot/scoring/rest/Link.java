package io.blindspot.scoring.rest;

import io.blindspot.scoring.service.LoadedExperiment;

import java.util.ArrayList;
import java.util.List;

/** A link of a page: where it goes and what it says (both escaped by the template). */
public record Link(String href, String label) {

    /**
     * An experiment's figures and numbers under {@code api} (its {@code .../api/experiments/ID/}): the heatmap
     * (a grid only), the curve, the cells as JSON and CSV, the histogram.
     */
    static List<Link> ofExperiment(LoadedExperiment e, String api) {
        List<Link> links = new ArrayList<>();
        if (e.heatmapFigure()) {
            links.add(new Link(api + "heatmap.png", "heatmap.png"));
            links.add(new Link(api + "heatmap.svg", "heatmap.svg"));
        }
        links.add(new Link(api + "curve.png", "curve.png"));
        links.add(new Link(api + "curve.svg", "curve.svg"));
        links.add(new Link(api + "cells", "cells"));
        links.add(new Link(api + "cells?format=csv", "csv"));
        links.add(new Link(api + "histogram", "histogram"));
        return links;
    }
}
