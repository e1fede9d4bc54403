package io.blindspot.scoring.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GridMatchTest {
    private static final double[] INTENSITIES = {0.0, 0.5, 1.0};
    private static final double[] SIGMAS = {0.0, 1.0, 2.0};
    // [intensity][sigma]: blur lowers AP column by column
    private static final double[][] GRID = {
        {0.9, 0.5, 0.2},
        {0.9, 0.6, 0.3},
        {1.0, 0.8, 0.4},
    };

    @Test
    void aModelCurveMatchesTheColumnWithTheSmallestSumOfAbsoluteDifferences() {
        double[] curve = {0.6, 0.5, 0.7};
        // column 0: |0.6-0.9| + |0.5-0.9| + |0.7-1.0| = 0.3 + 0.4 + 0.3 = 1.0
        // column 1: |0.6-0.5| + |0.5-0.6| + |0.7-0.8| = 0.1 + 0.1 + 0.1 = 0.3
        // column 2: |0.6-0.2| + |0.5-0.3| + |0.7-0.4| = 0.4 + 0.2 + 0.3 = 0.9
        GridMatch m = GridMatch.closestSigmaColumn(curve, INTENSITIES, INTENSITIES, SIGMAS, GRID);
        assertThat(m.matchedBy()).isEqualTo("sigma");
        assertThat(m.index()).isEqualTo(1);
        assertThat(m.value()).isEqualTo(1.0);
        assertThat(m.sad()).isCloseTo(0.3, within(1e-12));
        assertThat(m.matched()).containsExactly(0.5, 0.6, 0.8);
    }

    @Test
    void aTextureCurveMatchesTheClosestIntensityRow() {
        double[] curve = {0.95, 0.75, 0.35};
        // row 0: 0.05 + 0.25 + 0.15 = 0.45; row 1: 0.05 + 0.15 + 0.05 = 0.25; row 2: 0.05 + 0.05 + 0.05 = 0.15
        GridMatch m = GridMatch.closestIntensityRow(curve, SIGMAS, INTENSITIES, SIGMAS, GRID);
        assertThat(m.matchedBy()).isEqualTo("intensity");
        assertThat(m.index()).isEqualTo(2);
        assertThat(m.value()).isEqualTo(1.0);
        assertThat(m.sad()).isCloseTo(0.15, within(1e-12));
        assertThat(m.matched()).containsExactly(1.0, 0.8, 0.4);
    }

    @Test
    void aColumnOfItsOwnGridMatchesItselfWithZeroDistance() {
        double[] column2 = {0.2, 0.3, 0.4};
        GridMatch m = GridMatch.closestSigmaColumn(column2, INTENSITIES, INTENSITIES, SIGMAS, GRID);
        assertThat(m.index()).isEqualTo(2);
        assertThat(m.sad()).isZero();
    }

    @Test
    void aTieGoesToTheLowestIndex() {
        // columns 0 and 1 of this grid are equal, so both are at SAD 0 from the curve
        double[][] tied = {{0.5, 0.5, 0.1}, {0.5, 0.5, 0.1}, {0.5, 0.5, 0.1}};
        GridMatch m = GridMatch.closestSigmaColumn(new double[] {0.5, 0.5, 0.5}, INTENSITIES, INTENSITIES, SIGMAS,
                tied);
        assertThat(m.index()).isZero();
        assertThat(m.value()).isEqualTo(0.0);
    }

    @Test
    void intensitiesWithinTheToleranceCountAsEqual() {
        double[] almost = {0.0, 0.5 + 1e-13, 1.0};
        GridMatch m = GridMatch.closestSigmaColumn(new double[] {0.2, 0.3, 0.4}, almost, INTENSITIES, SIGMAS, GRID);
        assertThat(m.index()).isEqualTo(2);
    }

    @Test
    void otherIntensitiesAreRejectedWithTheFirstDifference() {
        double[] other = {0.0, 0.4, 1.0};
        assertThatThrownBy(() -> GridMatch.closestSigmaColumn(new double[] {0.2, 0.3, 0.4}, other, INTENSITIES,
                SIGMAS, GRID))
                .isInstanceOf(GridMatch.GridMismatchException.class)
                .hasMessageStartingWith("reference intensities differ")
                .hasMessageContaining("index 1").hasMessageContaining("0.4").hasMessageContaining("0.5");
    }

    @Test
    void anotherNumberOfSigmasIsRejected() {
        assertThatThrownBy(() -> GridMatch.closestIntensityRow(new double[] {0.2, 0.3}, new double[] {0.0, 1.0},
                INTENSITIES, SIGMAS, GRID))
                .isInstanceOf(GridMatch.GridMismatchException.class)
                .hasMessage("reference sigmas differ: the curve has 2, the reference 3");
    }

    @Test
    void anIncompleteCurveOrReferenceCannotBeMatched() {
        assertThatThrownBy(() -> GridMatch.closestSigmaColumn(new double[] {0.2, Double.NaN, 0.4}, INTENSITIES,
                INTENSITIES, SIGMAS, GRID))
                .isInstanceOf(GridMatch.IncompleteException.class)
                .hasMessageContaining("intensity 0.5");
        double[][] running = {{0.9, 0.5, 0.2}, {0.9, Double.NaN, 0.3}, {1.0, 0.8, 0.4}};
        assertThatThrownBy(() -> GridMatch.closestSigmaColumn(new double[] {0.2, 0.3, 0.4}, INTENSITIES,
                INTENSITIES, SIGMAS, running))
                .isInstanceOf(GridMatch.IncompleteException.class)
                .hasMessageContaining("reference sigma 1.0");
    }

    @Test
    void aMatchInTheMiddleOfTheGridIsNotAtTheEdge() {
        GridMatch m = GridMatch.closestSigmaColumn(new double[] {0.6, 0.5, 0.7}, INTENSITIES, INTENSITIES, SIGMAS,
                GRID);
        assertThat(m.index()).isEqualTo(1);
        assertThat(m.atEdge()).isFalse();
        assertThat(m.edge()).isNull();
    }

    @Test
    void aMatchAtTheLastSigmaIsAtTheEdgeWithTheGridExtendedAboveIt() {
        GridMatch m = GridMatch.closestSigmaColumn(new double[] {0.1, 0.2, 0.3}, INTENSITIES, INTENSITIES, SIGMAS,
                GRID);
        assertThat(m.index()).isEqualTo(2);
        assertThat(m.atEdge()).isTrue();
        assertThat(m.edge().side()).isEqualTo(GridEdge.LAST);
        assertThat(m.edge().note()).isEqualTo("above the largest σ tried");
        assertThat(m.edge().suggestedGrid()).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0);
        assertThat(m.edge().suggestedSpec()).isEqualTo("{\"linspace\": [0, 4, 5]}");
    }

    @Test
    void aMatchAtTheFirstSigmaIsAtTheEdgeAndSigmaZeroEndsTheScale() {
        GridMatch m = GridMatch.closestSigmaColumn(new double[] {0.9, 0.9, 1.0}, INTENSITIES, INTENSITIES, SIGMAS,
                GRID);
        assertThat(m.index()).isZero();
        assertThat(m.atEdge()).isTrue();
        assertThat(m.edge().side()).isEqualTo(GridEdge.FIRST);
        assertThat(m.edge().note()).isEqualTo("below the smallest σ tried (σ = 0 ends the scale: nothing to run"
                + " beyond it)");
        assertThat(m.edge().suggestedGrid()).isNull();
    }

    @Test
    void aMatchAtTheFirstIntensityOfAGridStartingAbove0IsExtendedBelowIt() {
        double[] intensities = {0.4, 0.6, 0.8};
        GridMatch m = GridMatch.closestIntensityRow(new double[] {0.9, 0.5, 0.2}, SIGMAS, intensities, SIGMAS,
                GRID);
        assertThat(m.index()).isZero();
        assertThat(m.edge().side()).isEqualTo(GridEdge.FIRST);
        assertThat(m.edge().note()).isEqualTo("below the smallest intensity tried");
        assertThat(m.edge().suggestedGrid()).containsExactly(new double[] {0.0, 0.2, 0.4, 0.6, 0.8},
                within(1e-15));
    }

    @Test
    void aOneValueGridIsAtBothEdgesWithoutSuggestion() {
        GridMatch m = GridMatch.closestSigmaColumn(new double[] {0.5, 0.6, 0.8}, INTENSITIES, INTENSITIES,
                new double[] {1.0}, new double[][] {{0.5}, {0.6}, {0.8}});
        assertThat(m.atEdge()).isTrue();
        assertThat(m.edge().side()).isEqualTo(GridEdge.ONLY);
        assertThat(m.edge().note()).isEqualTo("the only σ tried: the match compares nothing");
        assertThat(m.edge().suggestedGrid()).isNull();
        assertThat(m.edge().suggestedSpec()).isNull();
    }
}
