package io.blindspot.scoring.domain;

import io.blindspot.contracts.events.Aggregations;
import io.blindspot.contracts.events.Metrics;
import io.blindspot.scoring.domain.metric.ImageLevel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cells of {@code auroc-image} and {@code ap-image}: per (intensity, sigma), one value over the image-level
 * test set, computed from the stored slice scores at query time (~60 scores per cell: cheap).
 *
 * <p>The test set of a cell: positives = every anomalous slice's score at that (intensity, sigma), negatives =
 * the chosen lesion-free copies' scores at that sigma ({@link ImageLevel#lesionFree}: n of the N slices, seeded).
 * The score is the spec's {@code evaluation.image-score} ({@link SliceScores}: mean, max, top-k; mean by
 * default).
 *
 * <p>Aggregations ({@code ?aggregation=}): an image-level metric is already one value over many slices, so
 * {@code slice-mean} and {@code pooled} both give the test set's value ({@code n} = its slices, anomalous plus
 * lesion-free; {@code ap_std} null); {@code pooled-float16} the same with every slice score rounded to IEEE half
 * (through float32) first, as MOOD reads its predictions; {@code volume-mean} the value of each volume's own test
 * set (its anomalous slices and its chosen lesion-free copies) averaged over the volumes that have both
 * ({@code n} = those volumes, {@code ap_std} their sample standard deviation, null below two). A cell's
 * {@code mean_residual} is the mean over its anomalous slices of their mean residual.
 */
public final class ImageLevelCells {
    private ImageLevelCells() {
    }

    /**
     * @param rows            every stored slice score of the experiment
     * @param metric          {@link Metrics#AUROC_IMAGE} or {@link Metrics#AP_IMAGE}
     * @param aggregation     one of {@link Aggregations#ALL}
     * @param imageScore      one of {@link SliceScores#ALL}; null = {@link SliceScores#MEAN}
     * @param volumes         the spec's volumes (at least 1)
     * @param slices          the spec's {@code dataset.slices}: unit u = volume × slices + position in this list
     * @param lesionFreeCount n, the lesion-free copies in the test set
     * @param seed            the anomaly's seed (0 when it has none): which copies
     * @param intensities     the experiment's intensities (empty for a texture: intensity null)
     * @param sigmas          the experiment's sigmas
     * @return the cells with at least one anomalous slice, by intensity index, then sigma index
     */
    public static List<Cell> of(List<SliceScoreRow> rows, String metric, String aggregation, String imageScore,
                                int volumes, List<Integer> slices, int lesionFreeCount, long seed,
                                double[] intensities, double[] sigmas) {
        if (!Metrics.IMAGE_LEVEL.contains(metric)) {
            throw new IllegalArgumentException("not an image-level metric: " + metric);
        }
        if (!Aggregations.ALL.contains(aggregation)) {
            throw new IllegalArgumentException("unknown aggregation " + aggregation);
        }
        String score = imageScore == null ? SliceScores.MEAN : imageScore;
        int perVolume = slices.size();
        int units = Math.max(1, volumes) * perVolume;
        boolean[] chosen = ImageLevel.lesionFree(units, lesionFreeCount, seed);
        // (variant, sigma) → anomalous slices; sigma → chosen lesion-free copies (unit, score, mean residual)
        Map<Long, List<double[]>> positives = new TreeMap<>();
        Map<Integer, List<double[]>> negatives = new TreeMap<>();
        for (SliceScoreRow r : rows) {
            int position = slices.indexOf(r.sliceIndex());
            if (position < 0) {
                continue;
            }
            int unit = r.volume() * perVolume + position;
            double[] entry = {unit, r.score(score), r.mean()};
            if (r.lesionFree()) {
                if (chosen[unit]) {
                    negatives.computeIfAbsent(r.sigmaIndex(), s -> new ArrayList<>()).add(entry);
                }
            } else {
                positives.computeIfAbsent(((long) r.variant() << 32) | r.sigmaIndex(), k -> new ArrayList<>())
                        .add(entry);
            }
        }
        List<Cell> cells = new ArrayList<>(positives.size());
        for (Map.Entry<Long, List<double[]>> e : positives.entrySet()) {
            int variant = (int) (e.getKey() >>> 32);
            int sigmaIndex = (int) (long) e.getKey();
            List<double[]> pos = e.getValue();
            List<double[]> neg = negatives.getOrDefault(sigmaIndex, List.of());
            double meanResidual = 0.0;
            for (double[] p : pos) {
                meanResidual += p[2];
            }
            meanResidual /= pos.size();
            Double intensity = intensities.length == 0 ? null : intensities[variant];
            double sigma = sigmas[sigmaIndex];
            if (Aggregations.VOLUME_MEAN.equals(aggregation)) {
                cells.add(volumeMean(metric, pos, neg, perVolume, Math.max(1, volumes), variant, sigmaIndex,
                        intensity, sigma, meanResidual));
            } else {
                boolean float16 = Aggregations.POOLED_FLOAT16.equals(aggregation);
                double value = value(metric, scores(pos, -1, perVolume), scores(neg, -1, perVolume), float16);
                cells.add(new Cell(variant, sigmaIndex, intensity, sigma, value, null, pos.size() + neg.size(),
                        meanResidual));
            }
        }
        return cells;
    }

    private static Cell volumeMean(String metric, List<double[]> pos, List<double[]> neg, int perVolume,
                                   int volumes, int variant, int sigmaIndex, Double intensity, double sigma,
                                   double meanResidual) {
        double[] values = new double[volumes];
        int n = 0;
        for (int v = 0; v < volumes; v++) {
            double[] p = scores(pos, v, perVolume);
            double[] q = scores(neg, v, perVolume);
            if (p.length > 0 && q.length > 0) {
                values[n++] = value(metric, p, q, false);
            }
        }
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum += values[i];
        }
        double mean = n == 0 ? Double.NaN : sum / n;
        Double std = null;
        if (n >= 2) {
            double squares = 0.0;
            for (int i = 0; i < n; i++) {
                squares += (values[i] - mean) * (values[i] - mean);
            }
            std = Math.sqrt(squares / (n - 1));
        }
        return new Cell(variant, sigmaIndex, intensity, sigma, mean, std, n, meanResidual);
    }

    private static double value(String metric, double[] anomalous, double[] lesionFree, boolean float16) {
        return Metrics.AUROC_IMAGE.equals(metric) ? ImageLevel.auroc(anomalous, lesionFree, float16)
                : ImageLevel.ap(anomalous, lesionFree, float16);
    }

    /** The scores of volume {@code volume}'s entries, or of all with volume −1. */
    private static double[] scores(List<double[]> entries, int volume, int perVolume) {
        return entries.stream().filter(e -> volume < 0 || (int) e[0] / perVolume == volume)
                .mapToDouble(e -> e[1]).toArray();
    }
}
