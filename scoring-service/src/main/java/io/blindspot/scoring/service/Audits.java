package io.blindspot.scoring.service;

import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.Modes;
import io.blindspot.scoring.domain.BlindSpotRule;
import io.blindspot.scoring.domain.BlindSpots;
import io.blindspot.scoring.domain.Cell;
import io.blindspot.scoring.domain.Curve;
import io.blindspot.scoring.domain.ExperimentRecord;
import io.blindspot.scoring.domain.ExperimentStatus;
import io.blindspot.scoring.domain.GridMatch;
import io.blindspot.scoring.domain.IntensityHistogram;
import io.blindspot.scoring.domain.port.ExperimentStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Assembles an {@link Audit} from the experiments whose spec carries its id. */
@ApplicationScoped
public class Audits {
    /** The order modes are reported and drawn in (and their colours). */
    public static final List<String> MODES = List.of(Modes.NORMAL_REC, Modes.ANOMAL_REC);

    private final ExperimentStore experiments;
    private final Experiments figures;
    private final BrainHistograms histograms;

    public Audits(ExperimentStore experiments, Experiments figures, BrainHistograms histograms) {
        this.experiments = experiments;
        this.figures = figures;
        this.histograms = histograms;
    }

    /** @throws UnknownAuditException when no experiment carries {@code auditId} */
    public Audit load(String auditId) {
        List<ExperimentRecord> records = experiments.findByAudit(auditId);
        if (records.isEmpty()) {
            throw new UnknownAuditException(auditId);
        }
        // Oldest first, so a role submitted twice (a retried audit) resolves to its latest experiment.
        Map<String, LoadedExperiment> byRole = new LinkedHashMap<>();
        ExperimentSpec.AuditRef ref = null;
        for (ExperimentRecord r : records) {
            LoadedExperiment e = figures.load(r);
            if (e.audit() != null) {
                byRole.put(e.audit().role(), e);
                ref = ref == null ? e.audit() : ref;
            }
        }
        if (ref == null) {
            throw new UnknownAuditException(auditId);
        }
        LoadedExperiment reference = byRole.get(ExperimentSpec.AuditRef.REFERENCE);
        BlindSpotRule rule = BlindSpotRule.of(ref.thresholdMetric(), ref.threshold(), ref.timesChance());
        List<Audit.Mode> modes = new ArrayList<>();
        for (String mode : MODES) {
            modes.add(mode(mode, byRole.get(mode), reference, rule));
        }
        List<String> statuses = new ArrayList<>();
        for (LoadedExperiment e : new LoadedExperiment[] {reference, byRole.get(Modes.NORMAL_REC),
                byRole.get(Modes.ANOMAL_REC)}) {
            statuses.add(e == null ? null : e.status());
        }
        IntensityHistogram histogram = null;
        for (LoadedExperiment e : new LoadedExperiment[] {reference, byRole.get(Modes.NORMAL_REC),
                byRole.get(Modes.ANOMAL_REC)}) {
            if (histogram == null && e != null) {
                histogram = histograms.of(e);
            }
        }
        return new Audit(auditId, ref.model(), ref.threshold(), worst(statuses), reference, modes, histogram, rule);
    }

    private Audit.Mode mode(String mode, LoadedExperiment e, LoadedExperiment reference, BlindSpotRule rule) {
        if (e == null) {
            return new Audit.Mode(mode, null, null, null, "the " + mode + " experiment is not registered yet",
                    List.of());
        }
        Curve curve = figures.curve(e, 0);
        GridMatch match = null;
        String error = null;
        if (reference == null) {
            error = "the reference experiment is not registered yet";
        } else {
            try {
                match = figures.match(e, curve, reference);
            } catch (GridMatch.IncompleteException | InvalidRequestException notMatched) {
                error = notMatched.getMessage();
            }
        }
        if (!Curve.INTENSITY.equals(curve.along())) {
            return new Audit.Mode(mode, e, curve, match, error, List.of(), curve, Double.NaN, null);
        }
        double[] chance = chanceByIntensity(e);
        Curve ruleCurve = curve;
        String ruleError = null;
        if (!BlindSpotRule.AP.equals(rule.metric())) {
            try {
                ruleCurve = Curve.alongIntensity(figures.cells(e.record(), figures.metric(e.record(), rule.metric())),
                        e.record().intensities(), 0);
            } catch (InvalidRequestException notComputed) {
                ruleCurve = null;
                ruleError = notComputed.getMessage();
            }
        }
        List<BlindSpots.Interval> spots = ruleCurve == null ? List.of()
                : BlindSpots.below(ruleCurve.grid(), ruleCurve.apByIndex(), rule.thresholds(chance));
        return new Audit.Mode(mode, e, curve, match, error, spots, ruleCurve, mean(chance), ruleError);
    }

    /**
     * AP's chance level per intensity index of a model experiment (its one sigma): each cell's mean prevalence
     * over its slices; NaN where the cell is not scored or its rows predate the prevalence column.
     */
    static double[] chanceByIntensity(LoadedExperiment e) {
        double[] chance = new double[e.record().intensities().length];
        java.util.Arrays.fill(chance, Double.NaN);
        for (Cell c : e.cells()) {
            if (c.sigmaIndex() == 0 && c.intensityIndex() >= 0 && c.intensityIndex() < chance.length
                    && c.prevalence() != null) {
                chance[c.intensityIndex()] = c.prevalence();
            }
        }
        return chance;
    }

    /** The mean of the defined values; NaN without any. */
    static double mean(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * The audit's status: failed if any experiment failed, else running if one is not registered (null), else
     * stalled, waiting or running if any experiment is (in that order), else done.
     */
    static String worst(List<String> statuses) {
        if (statuses.contains(ExperimentStatus.FAILED.label())) {
            return ExperimentStatus.FAILED.label();
        }
        if (statuses.contains(null)) {
            return ExperimentStatus.RUNNING.label();
        }
        // not finished: the most telling of stalled, waiting, running
        for (ExperimentStatus s : new ExperimentStatus[] {ExperimentStatus.STALLED, ExperimentStatus.WAITING,
                ExperimentStatus.RUNNING}) {
            if (statuses.contains(s.label())) {
                return s.label();
            }
        }
        return ExperimentStatus.DONE.label();
    }
}
