package io.blindspot.ingest.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.Metrics;
import io.blindspot.contracts.events.Modes;

import java.util.List;

import static io.blindspot.ingest.domain.JsonFields.number;

/**
 * The spec's image-level test set (issue 14): {@code "anomaly": {"normal-fraction": f}} and the checks that tie
 * {@code auroc-image} / {@code ap-image} to it.
 *
 * <p>The test set of an image-level metric is every anomalous slice of the spec (N = volumes × slices, at one
 * (intensity, sigma) cell) plus n = round(N·f / (1 − f)) lesion-free copies ({@link
 * ExperimentSpec.Anomaly#lesionFreeCount}): the slices themselves, without the disk, whose normal-rec residual
 * scoring has at event time. Each slice has one such copy, so n ≤ N and f ≤ 0.5.
 */
final class ImageLevelFields {
    private ImageLevelFields() {
    }

    /** {@code anomaly.normal-fraction}: 0 < f ≤ 0.5. */
    static double normalFraction(JsonNode node, String path) {
        double f = number(node, path);
        if (!(f > 0.0 && f <= ExperimentSpec.Anomaly.MAX_NORMAL_FRACTION)) {
            throw new InvalidSpecException(path + ": must be in (0, " + ExperimentSpec.Anomaly.MAX_NORMAL_FRACTION
                    + "], got " + f + "; it is the share of lesion-free slices in the image-level test set, and each "
                    + "slice has one lesion-free copy (0.5: as many lesion-free as anomalous slices)");
        }
        return f;
    }

    /**
     * The image-level metrics need lesion-free slices and their reconstruction.
     *
     * @param slices the spec's anomalous slices, volumes × slices
     */
    static void check(ExperimentSpec.Anomaly anomaly, ExperimentSpec.Reconstruction reconstruction,
                      List<String> metrics, int slices) {
        if (metrics.contains(Metrics.DICE_AT_NORMAL_Q99) && Modes.ANOMAL_REC.equals(reconstruction.mode())) {
            // The threshold is the q99 of the normal slices' residuals |normal − normal-rec|: anomal-rec never
            // reconstructs the normal slice, so a deployed detector's threshold has nothing to come from.
            throw new InvalidSpecException("metrics: " + Metrics.DICE_AT_NORMAL_Q99 + " is computed in normal-rec "
                    + "only: its threshold is the 99th percentile of the normal slices' residuals, and anomal-rec "
                    + "does not reconstruct the normal slices");
        }
        String image = metrics.stream().filter(Metrics.IMAGE_LEVEL::contains).findFirst().orElse(null);
        if (image == null) {
            return;
        }
        if (anomaly.normalFraction() == null) {
            throw new InvalidSpecException("metrics: " + image + " needs lesion-free slices: add "
                    + "anomaly.normal-fraction (e.g. 0.5: one lesion-free copy of every slice)");
        }
        if (Modes.ANOMAL_REC.equals(reconstruction.mode())) {
            // The lesion-free copy is the normal slice; anomal-rec reconstructs only the anomalous variants, so
            // its residual does not exist there (reconstructing it too would be one more plane per event).
            throw new InvalidSpecException("metrics: " + image + " is computed in normal-rec only: anomal-rec does "
                    + "not reconstruct the lesion-free slices it would rank the anomalous ones against");
        }
        if (anomaly.lesionFreeCount(slices) < 1) {
            throw new InvalidSpecException("anomaly.normal-fraction: " + anomaly.normalFraction() + " of "
                    + slices + " slices gives no lesion-free slice (n = round(N·f/(1−f)) = 0); raise it");
        }
    }
}
