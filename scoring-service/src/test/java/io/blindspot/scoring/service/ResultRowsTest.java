package io.blindspot.scoring.service;

import io.blindspot.contracts.events.AnomalyParams;
import io.blindspot.contracts.events.ReconstructionRef;
import io.blindspot.contracts.events.SliceReconstructed;
import io.blindspot.contracts.events.SliceRef;
import io.blindspot.contracts.events.VariantsRef;
import io.blindspot.scoring.domain.ResultRow;
import io.blindspot.scoring.domain.VariantScore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultRowsTest {
    private static final String ID = "3f1d6c1e-2a4b-4c8d-9e0f-112233445566";

    private static SliceReconstructed event(List<Double> intensities, List<Integer> position) {
        return new SliceReconstructed(ID, new SliceRef(2, 85, 181, 217, "img"),
                new AnomalyParams("disk", 20, intensities, position, null),
                new VariantsRef("an", "lab", intensities.size()),
                new ReconstructionRef("normal-rec", "gaussian-blur", 3, 2.0, "rec"));
    }

    @Test
    void oneApRowPerVariantWithIntensitySigmaAndPosition() {
        List<ResultRow> rows = ResultRows.of(event(List.of(0.0, 0.5), List.of(99, 52)),
                List.of(new VariantScore(0, 1.0, 0.01), new VariantScore(1, 0.25, 0.02)));
        UUID id = UUID.fromString(ID);
        assertThat(rows).containsExactly(
                new ResultRow(id, 2, 85, "gaussian-blur", "normal-rec", 0, 3, 0.0, 2.0, "ap", 1.0, 0.01, 99, 52),
                new ResultRow(id, 2, 85, "gaussian-blur", "normal-rec", 1, 3, 0.5, 2.0, "ap", 0.25, 0.02, 99, 52));
    }

    @Test
    void theRowCarriesTheSlicesVolume() {
        SliceReconstructed ofVolume3 = new SliceReconstructed(ID, new SliceRef(3, 2, 128, 181, 217, "img"),
                new AnomalyParams("disk", 20, List.of(0.5), List.of(99, 52), null),
                new VariantsRef("an", "lab", 1),
                new ReconstructionRef("normal-rec", "gaussian-blur", 0, 0.0, "rec"));
        assertThat(ResultRows.of(ofVolume3, List.of(new VariantScore(0, 1.0, 0.01)))).containsExactly(
                new ResultRow(UUID.fromString(ID), 3, 2, 128, "gaussian-blur", "normal-rec", 0, 0, 0.5, 0.0, "ap",
                        1.0, 0.01, 99, 52));
    }

    @Test
    void positionMayBeMissing() {
        List<ResultRow> rows = ResultRows.of(event(List.of(0.5), null), List.of(new VariantScore(0, 1.0, 0.0)));
        assertThat(rows.get(0).positionRow()).isNull();
        assertThat(rows.get(0).positionCol()).isNull();
    }

    @Test
    void rejectsAsManyIntensitiesAsVariantsOnly() {
        assertThatThrownBy(() -> ResultRows.of(event(List.of(0.5), null),
                List.of(new VariantScore(0, 1.0, 0.0), new VariantScore(1, 1.0, 0.0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 intensities for 2");
    }

    private static SliceReconstructed texture(String type, int variants) {
        return new SliceReconstructed(ID, new SliceRef(2, 85, 181, 217, "img"),
                new AnomalyParams(type, 20, null, List.of(99, 52), 0L),
                new VariantsRef("an", "lab", variants),
                new ReconstructionRef("normal-rec", "gaussian-blur", 3, 2.0, "rec"));
    }

    @Test
    void aTextureGivesOneRowWithoutIntensityAtIndexZero() {
        UUID id = UUID.fromString(ID);
        for (String type : List.of("pixel-shuffle", "sink", "source")) {
            assertThat(ResultRows.of(texture(type, 1), List.of(new VariantScore(0, 0.75, 0.03))))
                    .containsExactly(new ResultRow(id, 2, 85, "gaussian-blur", "normal-rec", 0, 3, null, 2.0, "ap",
                            0.75, 0.03, 99, 52));
        }
    }

    @Test
    void aTextureHasExactlyOneVariant() {
        assertThatThrownBy(() -> ResultRows.of(texture("sink", 2),
                List.of(new VariantScore(0, 1.0, 0.0), new VariantScore(1, 1.0, 0.0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a sink anomaly has one variant per slice, 2 were scored");
    }

    @Test
    void theJthSigmaOfABlockHasItsOwnIndexAndValue() {
        SliceReconstructed block = new SliceReconstructed(ID, new SliceRef(2, 85, 181, 217, "img"),
                new AnomalyParams("disk", 20, List.of(0.0, 0.5), List.of(99, 52), null),
                new VariantsRef("an", "lab", 2, "values"),
                new ReconstructionRef("normal-rec", "gaussian-blur", 40, 4.0, "rec", List.of(4.0, 4.1, 4.2)));
        UUID id = UUID.fromString(ID);
        // sigma 2 of a block starting at index 40: index 42, value 4.2
        assertThat(ResultRows.of(block, 2, List.of(new VariantScore(0, 0.5, 0.01), new VariantScore(1, 0.75, 0.02))))
                .containsExactly(
                        new ResultRow(id, 2, 85, "gaussian-blur", "normal-rec", 0, 42, 0.0, 4.2, "ap", 0.5, 0.01, 99, 52),
                        new ResultRow(id, 2, 85, "gaussian-blur", "normal-rec", 1, 42, 0.5, 4.2, "ap", 0.75, 0.02, 99, 52));
        assertThatThrownBy(() -> ResultRows.of(block, 3,
                List.of(new VariantScore(0, 0.5, 0.01), new VariantScore(1, 0.75, 0.02))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("sigma 3 of a block of 3");
    }
}
