package io.blindspot.scoring.rest;

import io.blindspot.contracts.events.Aggregations;
import io.blindspot.contracts.events.Metrics;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.scoring.domain.ExperimentStatus;
import io.blindspot.scoring.service.LoadedExperiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the results page shows ({@code templates/results.html}): every experiment (newest first) with progress,
 * links and a thumbnail of its figure, then the audits with their experiments' statuses. Links are relative, so
 * the page also works behind a proxy that mounts the service under a prefix.
 *
 * @param refresh something is still running: the page reloads every 5 s
 */
public record ResultsPage(String title, boolean refresh, List<Row> experiments, List<AuditRow> audits) {
    static final String TITLE = "Blindspot results";

    /**
     * One experiment.
     *
     * @param figure the thumbnail: the heatmap of an intensity × sigma grid, the curve otherwise
     * @param views  the experiment's page per metric and aggregation of its spec beside the default (AP,
     *               slice-mean), e.g. "auroc" → {@code results/ID?metric=auroc}; empty for an AP-only experiment
     */
    public record Row(String id, String name, String description, List<Link> links, String status, long done,
                      long expected, String submitted, String figure, List<Link> views) {
    }

    /** One audit: its experiments in the order they are listed. */
    public record AuditRow(String id, String model, List<Member> members) {
    }

    /** @param role reference, normal-rec or anomal-rec */
    public record Member(String role, String status) {
    }

    /** @param all every experiment, newest first ({@code Experiments.summaries()}) */
    static ResultsPage of(List<LoadedExperiment> all) {
        boolean running = all.stream().anyMatch(e -> ExperimentStatus.inProgress(e.status()));
        List<Row> rows = new ArrayList<>();
        Map<String, List<LoadedExperiment>> byAudit = new LinkedHashMap<>();
        for (LoadedExperiment e : all) {
            String api = "api/experiments/" + e.id() + "/";
            rows.add(new Row(e.id(), e.name(), ExperimentPage.describe(e), Link.ofExperiment(e, api), e.status(),
                    e.done(), e.record().expected(), e.record().submittedAt().toInstant().toString(),
                    api + (e.heatmapFigure() ? "heatmap.svg" : "curve.svg"), views(e)));
            if (e.audit() != null && e.audit().id() != null) {
                byAudit.computeIfAbsent(e.audit().id(), k -> new ArrayList<>()).add(e);
            }
        }
        List<AuditRow> audits = new ArrayList<>();
        for (Map.Entry<String, List<LoadedExperiment>> a : byAudit.entrySet()) {
            ExperimentSpec.AuditRef ref = a.getValue().get(0).audit();
            audits.add(new AuditRow(a.getKey(), ref.model(), a.getValue().stream()
                    .map(e -> new Member(e.audit().role(), e.status())).toList()));
        }
        return new ResultsPage(TITLE, running, rows, audits);
    }

    /** Links to the experiment's page of each further metric (under slice-mean) and aggregation (of AP). */
    static List<Link> views(LoadedExperiment e) {
        List<Link> views = new ArrayList<>();
        if (e.spec() == null) {
            return views;
        }
        for (String m : Metrics.orDefault(e.spec().metrics())) {
            if (!Metrics.AP.equals(m)) {
                views.add(new Link("results/" + e.id() + ExperimentPage.query(m, Aggregations.SLICE_MEAN), m));
            }
        }
        for (String a : Aggregations.orDefault(e.spec().aggregation())) {
            if (!Aggregations.SLICE_MEAN.equals(a)) {
                views.add(new Link("results/" + e.id() + ExperimentPage.query(Metrics.AP, a), a));
            }
        }
        return views;
    }
}
