package io.blindspot.scoring.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlindSpotsTest {
    private static final double[] INTENSITIES = {0.0, 0.25, 0.5, 0.75, 1.0};

    @Test
    void maximalRunsBelowTheThresholdBecomeIntervals() {
        // AP 0.9 0.4 0.3 0.7 0.2 against 0.5: indices 1-2 are a run, index 4 a run of one
        List<BlindSpots.Interval> runs = BlindSpots.below(INTENSITIES, new double[] {0.9, 0.4, 0.3, 0.7, 0.2}, 0.5);
        assertThat(runs).containsExactly(new BlindSpots.Interval(0.25, 0.5), new BlindSpots.Interval(1.0, 1.0));
    }

    @Test
    void intensitiesAreConsecutiveInAscendingOrderWhateverTheSpecOrder() {
        double[] descending = {1.0, 0.75, 0.5, 0.25, 0.0};
        double[] ap = {0.2, 0.7, 0.3, 0.4, 0.9}; // the same curve as above, listed from 1.0 down
        assertThat(BlindSpots.below(descending, ap, 0.5))
                .containsExactly(new BlindSpots.Interval(0.25, 0.5), new BlindSpots.Interval(1.0, 1.0));
    }

    @Test
    void exactlyTheThresholdIsNotBelowIt() {
        assertThat(BlindSpots.below(INTENSITIES, new double[] {0.5, 0.5, 0.5, 0.5, 0.5}, 0.5)).isEmpty();
    }

    @Test
    void allBelowIsOneIntervalOverTheWholeRange() {
        assertThat(BlindSpots.below(INTENSITIES, new double[] {0.1, 0.1, 0.1, 0.1, 0.1}, 0.5))
                .containsExactly(new BlindSpots.Interval(0.0, 1.0));
    }

    @Test
    void aCellWithoutValueEndsARun() {
        double[] ap = {0.1, Double.NaN, 0.1, 0.1, 0.9};
        assertThat(BlindSpots.below(INTENSITIES, ap, 0.5))
                .containsExactly(new BlindSpots.Interval(0.0, 0.0), new BlindSpots.Interval(0.5, 0.75));
    }

    @Test
    void aCurveAlongSigmaHasNoBlindSpotInIntensity() {
        Curve texture = new Curve(Curve.SIGMA, new double[] {0.0}, List.of());
        assertThatThrownBy(() -> BlindSpots.below(texture, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
