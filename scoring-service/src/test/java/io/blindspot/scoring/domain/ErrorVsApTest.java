package io.blindspot.scoring.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ErrorVsApTest {

    @Test
    void bothCoordinatesAreMeansOverTheCells() {
        // residuals 0.02 and 0.04 -> 0.03; APs 0.2 and 0.6 -> 0.4
        ErrorVsAp p = ErrorVsAp.of(List.of(CurveTest.cell(0, 0, 0.0, 0.0, 0.2, null, 1, 0.02),
                CurveTest.cell(1, 0, 1.0, 0.0, 0.6, null, 1, 0.04)));
        assertThat(p.meanResidual()).isCloseTo(0.03, within(1e-15));
        assertThat(p.meanAp()).isCloseTo(0.4, within(1e-15));
        assertThat(p.cells()).isEqualTo(2);
    }

    @Test
    void noCellsGiveNoPoint() {
        ErrorVsAp p = ErrorVsAp.of(List.of());
        assertThat(p.meanResidual()).isNaN();
        assertThat(p.meanAp()).isNaN();
        assertThat(p.cells()).isZero();
    }
}
