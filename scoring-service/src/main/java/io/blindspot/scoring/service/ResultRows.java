package io.blindspot.scoring.service;

import io.blindspot.contracts.events.AnomalyParams;
import io.blindspot.contracts.events.AnomalyTypes;
import io.blindspot.contracts.events.ReconstructionRef;
import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.scoring.domain.ExperimentRecord;
import io.blindspot.scoring.domain.ResultRow;
import io.blindspot.scoring.domain.VariantScore;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Turns the scores of one {@code SliceReconstructed} event (each sigma of its block) into {@code results} rows. */
final class ResultRows {
    /** The metric the scorer writes by default; the only one the paper uses. */
    static final String AP = "ap";

    private ResultRows() {
    }

    /**
     * One row per variant: intensity {@code anomaly.intensities[v]} (index v), sigma and its index from the
     * reconstruction, position from {@code anomaly.position}. A texture (pixel-shuffle, sink, source) has one
     * variant and no intensity: its row has intensity null at index 0.
     *
     * @throws IllegalArgumentException when the event lacks what identifies a row, or the number of
     *                                  intensities (1 for a texture) differs from the number of scored variants
     */
    static List<ResultRow> of(SliceReconstructed event, List<VariantScore> scores) {
        return of(event, 0, scores);
    }

    /**
     * {@link #of(SliceReconstructed, List)} for the j-th sigma of the event's block: sigma index
     * {@code sigmaIndex + j}, sigma {@code sigmaAt(j)} (j = 0 for an event of one sigma).
     *
     * @throws IllegalArgumentException as {@link #of(SliceReconstructed, List)}, or when j is not a sigma of the
     *                                  block
     */
    static List<ResultRow> of(SliceReconstructed event, int j, List<VariantScore> scores) {
        return of(event, j, scores, List.of(AP), null);
    }

    /**
     * {@link #of(SliceReconstructed, int, List)} with one row per variant and metric: variant v's value of
     * {@code metrics.get(m)} is {@code values.get(v)[m]} (variant-major, metrics in the given order).
     *
     * @param values per variant, one value per metric ({@link io.blindspot.scoring.domain.SliceMetrics}); null
     *               when metrics is {@code [ap]} (then the scores' AP)
     */
    static List<ResultRow> of(SliceReconstructed event, int j, List<VariantScore> scores, List<String> metrics,
                              List<double[]> values) {
        return of(event, j, scores, metrics, values, null);
    }

    /**
     * {@link #of(SliceReconstructed, int, List, List, List)} with the slice's lesion prevalence (AP's chance level,
     * {@link io.blindspot.scoring.domain.SliceVariants#prevalence()}) on every row; null leaves it unknown.
     */
    static List<ResultRow> of(SliceReconstructed event, int j, List<VariantScore> scores, List<String> metrics,
                              List<double[]> values, Double prevalence) {
        return of(event, j, scores, metrics, values, prevalence, null);
    }

    /**
     * {@link #of(SliceReconstructed, int, List, List, List, Double)} with dice-best's threshold per variant on its
     * rows ({@link io.blindspot.scoring.domain.SliceMetrics.Scored#diceThresholds}; null or NaN: none).
     */
    static List<ResultRow> of(SliceReconstructed event, int j, List<VariantScore> scores, List<String> metrics,
                              List<double[]> values, Double prevalence, double[] diceThresholds) {
        if (values != null && values.size() != scores.size()) {
            throw new IllegalArgumentException(values.size() + " metric values for " + scores.size() + " variants");
        }
        UUID experimentId = ExperimentRecord.parseId(event.experimentId());
        AnomalyParams anomaly = event.anomaly();
        ReconstructionRef reconstruction = event.reconstruction();
        boolean texture = AnomalyTypes.isTexture(anomaly.type());
        List<Double> intensities = anomaly.intensities();
        if (texture && scores.size() != 1) {
            throw new IllegalArgumentException("a " + anomaly.type() + " anomaly has one variant per slice, "
                    + scores.size() + " were scored");
        }
        if (!texture && (intensities == null || intensities.size() != scores.size())) {
            throw new IllegalArgumentException("event lists " + (intensities == null ? 0 : intensities.size())
                    + " intensities for " + scores.size() + " anomalous variants");
        }
        if (j < 0 || j >= reconstruction.sigmaCount()) {
            throw new IllegalArgumentException("sigma " + j + " of a block of " + reconstruction.sigmaCount());
        }
        int sigmaIndex = reconstruction.sigmaIndex() + j;
        double sigma = reconstruction.sigmaAt(j);
        List<Integer> position = anomaly.position();
        Integer row = position != null && position.size() == 2 ? position.get(0) : null;
        Integer col = position != null && position.size() == 2 ? position.get(1) : null;
        List<ResultRow> rows = new ArrayList<>(scores.size() * metrics.size());
        for (int s = 0; s < scores.size(); s++) {
            VariantScore score = scores.get(s);
            for (int m = 0; m < metrics.size(); m++) {
                rows.add(new ResultRow(experimentId, event.slice().volume(), event.slice().axis(),
                        event.slice().index(), reconstruction.reconstructor(), reconstruction.mode(), score.variant(),
                        sigmaIndex, texture ? null : intensities.get(score.variant()), sigma, metrics.get(m),
                        values == null ? score.ap() : values.get(s)[m], score.meanResidual(), row, col, prevalence,
                        threshold(metrics.get(m), diceThresholds, s)));
            }
        }
        return rows;
    }

    private static Double threshold(String metric, double[] diceThresholds, int s) {
        if (diceThresholds == null || !io.blindspot.contracts.events.Metrics.DICE_BEST.equals(metric)
                || Double.isNaN(diceThresholds[s])) {
            return null;
        }
        return diceThresholds[s];
    }
}
