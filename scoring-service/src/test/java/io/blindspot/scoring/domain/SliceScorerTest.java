package io.blindspot.scoring.domain;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.Modes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SliceScorerTest {
    // A 2x3 slice; the anomaly covers pixel (0,1) only.
    private static final FloatArray LABEL = FloatArray.of2d(2, 3, new float[] {0, 1, 0, 0, 0, 0});
    private static final FloatArray ANOMALOUS = FloatArray.stack(2, 3, new float[][] {
        {0.25f, 1.0f, 0.5f, 0.5f, 0f, 0f},     // variant 0, intensity 1.0
        {0.5f, 0.5f, 0.5f, 0.5f, 0f, 0f},      // variant 1, intensity 0.5 (and pixel (0,0) differs too)
    });

    @Test
    void normalRecScoresEveryVariantAgainstOneReconstruction() {
        FloatArray rec = FloatArray.of2d(2, 3, new float[] {0.25f, 0.25f, 0.5f, 0.5f, 0f, 0f});
        List<VariantScore> scores = SliceScorer.score(ANOMALOUS, LABEL, rec, Modes.NORMAL_REC);

        // variant 0: residual 0 .75 0 0 0 0 -> the positive alone on top: AP 1; mean .75 / 6 = .125
        // variant 1: residual .25 .25 0 0 0 0 -> t=.25: TP 1 FP 1 -> recall 1 at precision 1/2: AP .5;
        //            mean .5 / 6
        assertThat(scores).containsExactly(new VariantScore(0, 1.0, 0.125), new VariantScore(1, 0.5, 0.5 / 6));
    }

    @Test
    void anomalRecPairsEachVariantWithItsOwnReconstruction() {
        FloatArray rec = FloatArray.stack(2, 3, new float[][] {
            {0.25f, 1.0f, 0.5f, 0.5f, 0f, 0f},     // variant 0 reconstructed perfectly
            {0.5f, 0f, 0.5f, 0.25f, 0f, 0f},       // variant 1: the anomaly removed, (1,0) off by .25
        });
        List<VariantScore> scores = SliceScorer.score(ANOMALOUS, LABEL, rec, Modes.ANOMAL_REC);

        // variant 0: residual all 0 -> one tied threshold -> AP = positive fraction 1/6; mean 0
        // variant 1: residual 0 .5 0 .25 0 0 -> positive on top alone: AP 1; mean .75 / 6 = .125
        assertThat(scores).containsExactly(new VariantScore(0, 1.0 / 6, 0.0), new VariantScore(1, 1.0, 0.125));
    }

    @Test
    void acceptsAOneVariantNormalRecStack() {
        FloatArray rec = new FloatArray(new int[] {1, 2, 3}, new float[] {0.25f, 0.25f, 0.5f, 0.5f, 0f, 0f});
        assertThat(SliceScorer.score(ANOMALOUS, LABEL, rec, Modes.NORMAL_REC)).hasSize(2);
    }

    @Test
    void rejectsShapesThatDisagree() {
        FloatArray wrong = FloatArray.of2d(3, 2, new float[6]);
        assertThatThrownBy(() -> SliceScorer.score(ANOMALOUS, LABEL, wrong, Modes.NORMAL_REC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3]");
        FloatArray plane = FloatArray.of2d(2, 3, new float[6]);
        assertThatThrownBy(() -> SliceScorer.score(ANOMALOUS, LABEL, plane, Modes.ANOMAL_REC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("anomal-rec");
        assertThatThrownBy(() -> SliceScorer.score(plane, LABEL, plane, Modes.NORMAL_REC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("variants");
        assertThatThrownBy(() -> SliceScorer.score(ANOMALOUS, wrong, plane, Modes.NORMAL_REC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label");
    }

    @Test
    void rejectsUnknownModeAndSoftLabels() {
        FloatArray plane = FloatArray.of2d(2, 3, new float[6]);
        assertThatThrownBy(() -> SliceScorer.score(ANOMALOUS, LABEL, plane, "blur"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown reconstruction mode");
        FloatArray soft = FloatArray.of2d(2, 3, new float[] {0, 0.5f, 0, 0, 0, 0});
        assertThatThrownBy(() -> SliceScorer.score(ANOMALOUS, soft, plane, Modes.NORMAL_REC))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 or 1");
    }
}
