package io.blindspot.scoring.service;

import io.blindspot.contracts.events.AnomalyTypes;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.scoring.domain.Cell;
import io.blindspot.scoring.domain.ExperimentRecord;

import java.util.Arrays;
import java.util.List;

/**
 * An experiment as the figures need it: its row, its parsed spec, its cells so far and where it stands.
 *
 * @param status running, done or failed ({@link io.blindspot.scoring.domain.ExperimentStatus})
 * @param done   per-slice values stored so far
 */
public record LoadedExperiment(ExperimentRecord record, ExperimentSpec spec, List<Cell> cells, String status,
                               long done) {

    public String id() {
        return record.id().toString();
    }

    public String name() {
        return record.name();
    }

    /** The anomaly type (disk, pixel-shuffle, sink, source); null when the spec has none. */
    public String anomalyType() {
        return spec == null || spec.anomaly() == null ? null : spec.anomaly().type();
    }

    /** Experiment 2: one variant per slice, its curve runs along sigma. */
    public boolean texture() {
        return AnomalyTypes.isTexture(anomalyType());
    }

    /** The reconstructor's name (gaussian-blur, onnx:NAME); null when the spec has none. */
    public String reconstructor() {
        return spec == null || spec.reconstruction() == null ? null : spec.reconstruction().reconstructor();
    }

    /** normal-rec or anomal-rec; null when the spec has none. */
    public String mode() {
        return spec == null || spec.reconstruction() == null ? null : spec.reconstruction().mode();
    }

    /** The audit this experiment belongs to, or null. */
    public ExperimentSpec.AuditRef audit() {
        return spec == null ? null : spec.audit();
    }

    /**
     * The grid of mean APs, [intensity index][sigma index] (one row for a texture), NaN where no slice is
     * scored yet.
     */
    public double[][] apGrid() {
        int rows = texture() ? 1 : record.intensities().length;
        double[][] ap = new double[rows][record.sigmas().length];
        for (double[] row : ap) {
            Arrays.fill(row, Double.NaN);
        }
        for (Cell c : cells) {
            if (c.intensityIndex() >= 0 && c.intensityIndex() < rows && c.sigmaIndex() >= 0
                    && c.sigmaIndex() < record.sigmas().length) {
                ap[c.intensityIndex()][c.sigmaIndex()] = c.apMean();
            }
        }
        return ap;
    }

    /**
     * Whether this experiment's figure is a heatmap (an intensity × sigma grid with more than one sigma) rather
     * than a curve (a texture, or a model experiment with its one sigma).
     */
    public boolean heatmapFigure() {
        return !texture() && record.sigmas().length > 1 && record.intensities().length > 1;
    }
}
