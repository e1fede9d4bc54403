package io.blindspot.scoring.rest;

import io.blindspot.scoring.service.InvalidRequestException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FigureQueryTest {
    private static final String A = "0b6e1f7c-2d4a-4f8e-9c3b-5a6d7e8f9a01";
    private static final String B = "0b6e1f7c-2d4a-4f8e-9c3b-5a6d7e8f9a02";

    @Test
    void theExperimentsParameterIsACommaSeparatedListOfDistinctIds() {
        assertThat(FigureQuery.ids(" a, b,,a ,c")).isEqualTo(List.of("a", "b", "c"));
        assertThatThrownBy(() -> FigureQuery.ids(null)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("experiments=ID,ID,... is required (the experiments to draw)");
        assertThatThrownBy(() -> FigureQuery.ids(" , ")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void readsEveryParameterWithItsDefaults() {
        FigureQuery q = FigureQuery.of(B + "," + A + " ," + B, A, "Figure 2", 3);
        assertThat(q.experiments()).containsExactly(B, A);
        assertThat(q.reference()).isEqualTo(A);
        assertThat(q.titleOr("default")).isEqualTo("Figure 2");
        assertThat(q.sigma()).isEqualTo(3);
        assertThat(q.sigmaIndex()).isEqualTo(3);

        FigureQuery plain = FigureQuery.of(A, " ", "  ", null);
        assertThat(plain.reference()).isNull();
        assertThat(plain.title()).isNull();
        assertThat(plain.titleOr("AP vs σ")).isEqualTo("AP vs σ");
        assertThat(plain.sigma()).isZero();
        assertThat(plain.sigmaIndex()).isNull();
    }

    @Test
    void aMalformedIdOrReferenceIsA400NamingIt() {
        assertThatThrownBy(() -> FigureQuery.of(A + ",nope", null, null, null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("experiment id 'nope' is not a UUID");
        assertThatThrownBy(() -> FigureQuery.of(A, "1-1-1-1-1", null, null))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("experiment id '1-1-1-1-1' is not a UUID");
        assertThatThrownBy(() -> FigureQuery.of(null, "bad", null, null))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("experiments=");
    }
}
