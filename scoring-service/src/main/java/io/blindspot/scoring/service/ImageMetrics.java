package io.blindspot.scoring.service;

import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.scoring.domain.Cell;
import io.blindspot.scoring.domain.ExperimentRecord;
import io.blindspot.scoring.domain.ImageLevelCells;
import io.blindspot.scoring.domain.port.SliceScoreStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * The cells of the image-level metrics ({@code auroc-image}, {@code ap-image}) of an experiment, from its stored
 * slice scores ({@link ImageLevelCells}); {@link Experiments#cells(ExperimentRecord, String, String)} delegates
 * here.
 */
@ApplicationScoped
public class ImageMetrics {
    private final SliceScoreStore scores;

    public ImageMetrics(SliceScoreStore scores) {
        this.scores = scores;
    }

    /** @param metric and aggregation already checked against the spec ({@link Experiments#metric}) */
    public List<Cell> cells(ExperimentRecord record, ExperimentSpec spec, String metric, String aggregation) {
        ExperimentSpec.Anomaly anomaly = spec.anomaly();
        int volumes = Math.max(1, spec.dataset().volumeCount());
        List<Integer> slices = spec.dataset().slices();
        String imageScore = spec.evaluation() == null ? null : spec.evaluation().imageScore();
        long seed = anomaly.seed() == null ? 0L : anomaly.seed();
        return ImageLevelCells.of(scores.scores(record.id()), metric, aggregation, imageScore, volumes, slices,
                anomaly.lesionFreeCount(volumes * slices.size()), seed, record.intensities(), record.sigmas());
    }
}
