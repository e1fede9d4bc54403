package io.blindspot.scoring.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CurveTest {
    static Cell cell(int i, int j, Double intensity, double sigma, double ap, Double std, int n, double residual) {
        return new Cell(i, j, intensity, sigma, ap, std, n, residual);
    }

    private static final double[] INTENSITIES = {0.0, 0.5, 1.0};
    private static final double[] SIGMAS = {0.0, 2.0};
    // a 3 x 2 grid listed out of order; cell (1, 1) not scored yet
    private static final List<Cell> CELLS = List.of(
            cell(2, 0, 1.0, 0.0, 0.9, 0.1, 4, 0.01),
            cell(0, 0, 0.0, 0.0, 0.1, 0.2, 4, 0.02),
            cell(1, 0, 0.5, 0.0, 0.3, null, 1, 0.03),
            cell(0, 1, 0.0, 2.0, 0.05, 0.0, 2, 0.04),
            cell(2, 1, 1.0, 2.0, 0.6, 0.1, 4, 0.05));

    @Test
    void alongIntensityTakesOneSigmaColumnInIndexOrder() {
        Curve curve = Curve.alongIntensity(CELLS, INTENSITIES, 0);
        assertThat(curve.along()).isEqualTo(Curve.INTENSITY);
        assertThat(curve.points()).extracting(CurvePoint::x).containsExactly(0.0, 0.5, 1.0);
        assertThat(curve.points()).extracting(CurvePoint::apMean).containsExactly(0.1, 0.3, 0.9);
        assertThat(curve.complete()).isTrue();
        assertThat(curve.meanAp()).isCloseTo((0.1 + 0.3 + 0.9) / 3, within(1e-15));
    }

    @Test
    void eachPointCarriesItsBandAndNoBandForOneSlice() {
        Curve curve = Curve.alongIntensity(CELLS, INTENSITIES, 0);
        CurvePoint first = curve.points().get(0);
        // n = 4, s = 0.2: 0.1 -/+ 3.182446305284263 * 0.2 / 2
        assertThat(first.ciLow()).isCloseTo(0.1 - 0.3182446305284263, within(1e-12));
        assertThat(first.ciHigh()).isCloseTo(0.1 + 0.3182446305284263, within(1e-12));
        CurvePoint single = curve.points().get(1);
        assertThat(single.n()).isEqualTo(1);
        assertThat(single.ciLow()).isNull();
        assertThat(single.ciHigh()).isNull();
    }

    @Test
    void aRunningColumnHasAGapAndIsNotComplete() {
        Curve curve = Curve.alongIntensity(CELLS, INTENSITIES, 1);
        assertThat(curve.points()).extracting(CurvePoint::index).containsExactly(0, 2);
        assertThat(curve.complete()).isFalse();
        assertThat(curve.apByIndex()).containsExactly(0.05, Double.NaN, 0.6);
    }

    @Test
    void alongSigmaTakesOneIntensityRow() {
        // a texture: one row, intensity index 0, intensity null
        List<Cell> texture = List.of(cell(0, 1, null, 2.0, 0.4, 0.1, 3, 0.0), cell(0, 0, null, 0.0, 0.8, 0.1, 3, 0.0));
        Curve curve = Curve.alongSigma(texture, SIGMAS, 0);
        assertThat(curve.along()).isEqualTo(Curve.SIGMA);
        assertThat(curve.points()).extracting(CurvePoint::x).containsExactly(0.0, 2.0);
        assertThat(curve.points()).extracting(CurvePoint::apMean).containsExactly(0.8, 0.4);
        assertThat(curve.grid()).containsExactly(SIGMAS);
    }

    @Test
    void noCellsGiveAnEmptyCurve() {
        Curve curve = Curve.alongIntensity(List.of(), INTENSITIES, 0);
        assertThat(curve.points()).isEmpty();
        assertThat(curve.meanAp()).isNaN();
    }
}
