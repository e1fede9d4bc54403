package io.blindspot.scoring.service;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.Metrics;
import io.blindspot.contracts.events.Modes;
import io.blindspot.contracts.events.ReconstructionRef;
import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.scoring.domain.ResultRow;
import io.blindspot.scoring.domain.SliceScoreRow;
import io.blindspot.scoring.domain.SliceScores;
import io.blindspot.scoring.domain.SliceMetrics;
import io.blindspot.scoring.domain.SliceScorer;
import io.blindspot.scoring.domain.SliceVariants;
import io.blindspot.scoring.domain.VariantScore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Scores every sigma of one {@code SliceReconstructed} event into its {@code results} rows.
 *
 * <p>An event of a block ({@link ReconstructionRef#block()}) holds its sigmas' reconstructions one after the
 * other: float32 [sigmas, rows, cols] in {@code normal-rec}, [sigmas, variants, rows, cols] in {@code anomal-rec};
 * sigma j of the block is the experiment's sigma {@code sigmaIndex + j}, value {@code sigmaAt(j)}. Each sigma is
 * scored where it lies in the block's array ({@link SliceScorer#scoreAt}), exactly as an event of that one sigma
 * would be. An event of one sigma holds [rows, cols] / [variants, rows, cols], as before blocks.
 */
final class BlockScorer {
    private BlockScorer() {
    }

    /**
     * @param slice          the slice's variants (from the cache)
     * @param reconstruction the event's reconstruction array, as read from the store
     * @param parallel       whether the sigmas of a block may be scored on several threads (common fork-join
     *                       pool; the calling thread takes part); the rows are the same either way
     * @return the rows of every sigma, in sigma order, each sigma's in variant order
     * @throws IllegalArgumentException when the mode is unknown, the array's shape does not fit the block, the
     *                                  slice's variants or its label, or the rows cannot be built
     *                                  ({@link ResultRows})
     */
    static List<ResultRow> score(SliceReconstructed event, SliceVariants slice, FloatArray reconstruction,
                                 boolean parallel) {
        return score(event, slice, reconstruction, parallel, null, new ArrayList<>());
    }

    /**
     * {@link #score(SliceReconstructed, SliceVariants, FloatArray, boolean)}, and with {@code image} the slice
     * scores of the image-level metrics ({@link SliceScores}) of every sigma into {@code sliceScores}.
     *
     * @param image       the normal slice (its lesion-free copy) when the event's metrics include an image-level
     *                    one in normal-rec; null: no slice scores
     * @param sliceScores receives the slice scores, sigma by sigma
     */
    static List<ResultRow> score(SliceReconstructed event, SliceVariants slice, FloatArray reconstruction,
                                 boolean parallel, float[] image, List<SliceScoreRow> sliceScores) {
        ReconstructionRef ref = event.reconstruction();
        String mode = ref.mode();
        // The cross-slice metrics (Metrics.CROSS_SLICE) are computed once the experiment's rows are complete.
        List<String> metrics = Metrics.perSlice(event.metrics());
        boolean apOnly = Metrics.apOnly(metrics);
        if (!ref.block()) {
            if (apOnly) {
                List<VariantScore> scores = SliceScorer.score(slice, reconstruction, mode);
                if (image != null) {
                    sliceScores.addAll(SliceScoreRows.of(event, 0,
                            SliceScores.of(slice, reconstruction.data(), 0, image, scores)));
                }
                return ResultRows.of(event, 0, scores, List.of(Metrics.AP), null, slice.prevalence());
            }
            SliceMetrics.Scored scored = SliceMetrics.scoreWithAp(slice, reconstruction, mode, metrics);
            if (image != null) {
                sliceScores.addAll(SliceScoreRows.of(event, 0,
                        SliceScores.of(slice, reconstruction.data(), 0, image, scored.scores())));
            }
            return ResultRows.of(event, 0, scored.scores(), metrics, scored.values(), slice.prevalence(),
                    scored.diceThresholds());
        }
        int[] expected = blockShape(ref, slice);
        if (!Arrays.equals(reconstruction.shape(), expected)) {
            throw new IllegalArgumentException("a block of " + ref.sigmaCount() + " sigmas in " + mode + " must be "
                    + Arrays.toString(expected) + (Modes.ANOMAL_REC.equals(mode) ? " (sigmas, variants, rows, cols)"
                    : " (sigmas, rows, cols)") + ", got " + Arrays.toString(reconstruction.shape()));
        }
        int sigmas = ref.sigmaCount();
        long perSigma = reconstruction.data().length / sigmas;
        float[] data = reconstruction.data();
        @SuppressWarnings("unchecked")
        List<VariantScore>[] scores = new List[sigmas];
        IntStream js = IntStream.range(0, sigmas);
        @SuppressWarnings("unchecked")
        List<double[]>[] values = apOnly ? null : new List[sigmas];
        double[][] diceThresholds = apOnly ? null : new double[sigmas][];
        double[][][] imageScores = image == null ? null : new double[sigmas][][];
        (parallel && sigmas > 1 ? js.parallel() : js).forEach(j -> {
            if (apOnly) {
                scores[j] = SliceScorer.scoreAt(slice, data, (int) (j * perSigma), mode);
            } else {
                // AP and the metrics in one pass: the metrics read the AP path's sorted negatives and look-ups.
                SliceMetrics.Scored scored = SliceMetrics.scoreWithAp(slice, data, (int) (j * perSigma), mode, metrics);
                scores[j] = scored.scores();
                values[j] = scored.values();
                diceThresholds[j] = scored.diceThresholds();
            }
            if (image != null) {
                imageScores[j] = SliceScores.of(slice, data, (int) (j * perSigma), image, scores[j]);
            }
        });
        List<ResultRow> rows = new ArrayList<>(sigmas * slice.variants() * metrics.size());
        for (int j = 0; j < sigmas; j++) {
            rows.addAll(ResultRows.of(event, j, scores[j], metrics, apOnly ? null : values[j], slice.prevalence(),
                    apOnly ? null : diceThresholds[j]));
        }
        if (image != null) {
            for (int j = 0; j < sigmas; j++) {
                sliceScores.addAll(SliceScoreRows.of(event, j, imageScores[j]));
            }
        }
        return rows;
    }

    /**
     * The shape a block's array must have: [sigmas, rows, cols] in normal-rec, [sigmas, variants, rows, cols] in
     * anomal-rec, rows, cols and variants those of the slice's variants.
     *
     * @throws IllegalArgumentException on an unknown mode
     */
    static int[] blockShape(ReconstructionRef ref, SliceVariants slice) {
        if (Modes.NORMAL_REC.equals(ref.mode())) {
            return new int[] {ref.sigmaCount(), slice.rows(), slice.cols()};
        }
        if (Modes.ANOMAL_REC.equals(ref.mode())) {
            return new int[] {ref.sigmaCount(), slice.variants(), slice.rows(), slice.cols()};
        }
        throw new IllegalArgumentException("unknown reconstruction mode '" + ref.mode() + "' (expected "
                + Modes.NORMAL_REC + " or " + Modes.ANOMAL_REC + ")");
    }
}
