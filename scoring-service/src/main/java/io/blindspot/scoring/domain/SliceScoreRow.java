package io.blindspot.scoring.domain;

import java.util.UUID;

/**
 * The slice scores of one residual map (PostgreSQL's {@code slice_scores}): an anomalous variant of a slice at one
 * sigma, or the slice's lesion-free copy ({@link #LESION_FREE}) at that sigma. The image-level metrics rank slices
 * by one of them ({@link io.blindspot.scoring.domain.metric.SliceScore}).
 *
 * @param variant  the intensity index (0 for a texture), or {@link #LESION_FREE}
 * @param mean     mean of the residual over every pixel of the slice (double, pixel order)
 * @param max      largest residual
 * @param topKMean mean of the {@code topK} largest residuals ({@link SliceScores#topK})
 */
public record SliceScoreRow(UUID experimentId, int volume, int axis, int sliceIndex, int sigmaIndex, int variant,
                            double mean, double max, double topKMean, int topK) {
    /** The variant number of a slice's lesion-free copy. */
    public static final int LESION_FREE = -1;

    public boolean lesionFree() {
        return variant == LESION_FREE;
    }

    /** The score named by the spec's {@code evaluation.image-score}: {@code mean}, {@code max} or {@code top-k}. */
    public double score(String imageScore) {
        return switch (imageScore) {
            case SliceScores.MEAN -> mean;
            case SliceScores.MAX -> max;
            case SliceScores.TOP_K -> topKMean;
            default -> throw new IllegalArgumentException("unknown image score '" + imageScore + "' (mean, max or "
                    + "top-k)");
        };
    }
}
