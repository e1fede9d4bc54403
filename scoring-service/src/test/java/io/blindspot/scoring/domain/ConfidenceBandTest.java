package io.blindspot.scoring.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ConfidenceBandTest {

    @Test
    void oneDegreeOfFreedomIsTheCauchyQuantile() {
        // t with 1 df is the Cauchy distribution: quantile(p) = tan(pi (p - 1/2)) = tan(0.475 pi)
        assertThat(ConfidenceBand.tQuantile(1)).isCloseTo(Math.tan(Math.PI * 0.475), within(1e-10));
    }

    @Test
    void twoDegreesOfFreedomHaveAClosedForm() {
        // t with 2 df: quantile(p) = (2p - 1) / sqrt(2 p (1 - p)) = 0.95 / sqrt(0.04875) = 4.302652729749464
        assertThat(ConfidenceBand.tQuantile(2)).isCloseTo(4.302652729749464, within(1e-12));
    }

    @Test
    void fourSlicesUseScipysQuantile() {
        // scipy.stats.t.ppf(0.975, 3)
        assertThat(ConfidenceBand.tQuantile(3)).isCloseTo(3.182446305284263, within(1e-12));
    }

    @Test
    void manySlicesApproachTheNormalQuantile() {
        // as df grows, t(0.975) falls towards the normal 1.959963984540054, from above
        assertThat(ConfidenceBand.tQuantile(10_000)).isBetween(1.959963984540054, 1.9603);
    }

    @Test
    void intervalIsMeanPlusMinusTTimesStandardError() {
        // n = 4, s = 0.2: half width = 3.182446305284263 * 0.2 / sqrt(4) = 0.3182446305284263
        ConfidenceBand.Interval ci = ConfidenceBand.of(0.5, 0.2, 4);
        assertThat(ci.low()).isCloseTo(0.18175536947157367, within(1e-12));
        assertThat(ci.high()).isCloseTo(0.8182446305284263, within(1e-12));
    }

    @Test
    void noBandBelowTwoSlices() {
        assertThat(ConfidenceBand.of(0.7, null, 1)).isNull();
        assertThat(ConfidenceBand.of(0.7, 0.0, 1)).isNull();
    }

    @Test
    void zeroSpreadGivesAZeroWidthBand() {
        ConfidenceBand.Interval ci = ConfidenceBand.of(0.25, 0.0, 3);
        assertThat(ci.low()).isEqualTo(0.25);
        assertThat(ci.high()).isEqualTo(0.25);
    }

    @Test
    void rejectsZeroDegreesOfFreedom() {
        assertThatThrownBy(() -> ConfidenceBand.tQuantile(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
