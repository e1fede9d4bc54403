package io.blindspot.scoring.rest;

import io.blindspot.scoring.service.Ids;
import io.blindspot.scoring.service.InvalidRequestException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The query parameters the figure endpoints over several experiments share ({@code /api/figures/...}), read and
 * checked in one place: {@code experiments} (ids separated by commas, each once, in the order given; required),
 * {@code reference} (an experiment-1 grid to match the curves to; optional), {@code title} and
 * {@code sigma-index} (the sigma column of a disk experiment's curve; default 0, checked against each experiment
 * by the read side), {@code metric} and {@code aggregation} (what every curve, and the reference grid it is
 * matched to, is drawn from: default ap under slice-mean; checked per experiment by the read side). Every id is
 * checked before any is looked up: a malformed one is a 400, whatever its place.
 *
 * @param experiments the distinct ids, in the order given; never empty
 * @param reference   the reference's id; null when none is given
 * @param title       the figure's title; null when none is given
 * @param sigmaIndex  as given; null when absent
 * @param metric      as given ({@code ?metric=}); null when absent (ap)
 * @param aggregation as given ({@code ?aggregation=}); null when absent (slice-mean)
 */
public record FigureQuery(List<String> experiments, String reference, String title, Integer sigmaIndex,
                          String metric, String aggregation) {

    public FigureQuery(List<String> experiments, String reference, String title, Integer sigmaIndex) {
        this(experiments, reference, title, sigmaIndex, null, null);
    }

    /**
     * @throws InvalidRequestException (400) when {@code experiments} names no id, or an id or the reference is
     *                                 not a UUID
     */
    public static FigureQuery of(String experiments, String reference, String title, Integer sigmaIndex) {
        return of(experiments, reference, title, sigmaIndex, null, null);
    }

    /** {@link #of(String, String, String, Integer)} with {@code ?metric=} and {@code ?aggregation=}. */
    public static FigureQuery of(String experiments, String reference, String title, Integer sigmaIndex,
                                 String metric, String aggregation) {
        List<String> ids = ids(experiments);
        ids.forEach(Ids::experiment);
        String ref = reference == null || reference.isBlank() ? null : reference;
        if (ref != null) {
            Ids.experiment(ref);
        }
        return new FigureQuery(ids, ref, title == null || title.isBlank() ? null : title, sigmaIndex,
                metric == null || metric.isBlank() ? null : metric,
                aggregation == null || aggregation.isBlank() ? null : aggregation);
    }

    /** The title given, else {@code fallback}. */
    public String titleOr(String fallback) {
        return title == null ? fallback : title;
    }

    /** The sigma column of a disk experiment's curve: {@code sigma-index}, default 0. */
    public int sigma() {
        return sigmaIndex == null ? 0 : sigmaIndex;
    }

    /** The {@code experiments} parameter: ids separated by commas, each once, in the order given. */
    static List<String> ids(String ids) {
        Set<String> out = new LinkedHashSet<>();
        if (ids != null) {
            for (String id : ids.split(",")) {
                if (!id.isBlank()) {
                    out.add(id.trim());
                }
            }
        }
        if (out.isEmpty()) {
            throw new InvalidRequestException("experiments=ID,ID,... is required (the experiments to draw)");
        }
        return List.copyOf(out);
    }
}
