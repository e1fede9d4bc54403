package io.blindspot.ingest.domain;

import io.blindspot.contracts.events.ExperimentSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VolumeChecksTest {
    /** 2x3x4, as SlicePlanTest's ramp. */
    private static Volume ramp() {
        float[] data = new float[24];
        for (int n = 0; n < 24; n++) {
            data[n] = n / 23f;
        }
        return new Volume(2, 3, 4, data, "uint8");
    }

    private static ExperimentSpec spec(int axis, List<Integer> slices, List<List<Integer>> positions, Long seed) {
        return new ExperimentSpec("t", new ExperimentSpec.Dataset("sample:x", axis, slices),
                new ExperimentSpec.Anomaly("disk", 1, List.of(0.0, 1.0), positions, seed),
                new ExperimentSpec.Reconstruction("normal-rec", "gaussian-blur", List.of(0.0, 2.0)), List.of("ap"));
    }

    private static ExperimentSpec twoVolumes(List<List<Integer>> positions, Long seed) {
        return new ExperimentSpec("t",
                ExperimentSpec.Dataset.ofVolumes(List.of("upload:a", "upload:b"), 2, List.of(3, 1), "none"),
                new ExperimentSpec.Anomaly("disk", 1, List.of(0.5), positions, seed),
                new ExperimentSpec.Reconstruction("normal-rec", "gaussian-blur", List.of(0.0)), List.of("ap"));
    }

    @Test
    void refusesSlicesAndPositionsOutsideTheVolume() {
        Volume v = ramp();
        VolumeChecks.check(spec(2, List.of(0, 3), List.of(List.of(1, 2), List.of(0, 0)), null), v);

        assertThatThrownBy(() -> VolumeChecks.check(spec(2, List.of(4), null, 0L), v))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("dataset.slices[0]: slice 4 is outside axis 2 of the 2x3x4 volume (valid: 0 to 3)");
        // axis 2 slices are 2x3: row 2 does not exist
        assertThatThrownBy(() -> VolumeChecks.check(spec(2, List.of(0), List.of(List.of(2, 0)), null), v))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("anomaly.positions[0]: [2, 0] lies outside the 2x3 slice (rows 0 to 1, columns 0 to 2)");
        // axis 1 slices are 2x4: column 3 exists
        VolumeChecks.check(spec(1, List.of(2), List.of(List.of(1, 3)), null), v);
    }

    @Test
    void aVolumeChecksItsOwnPositionsAndNamesIt() {
        Volume v = ramp();
        // volume 1's positions are entries 2 and 3; entry 3 has row 2 outside the 2x3 slice
        ExperimentSpec spec = twoVolumes(List.of(List.of(0, 0), List.of(0, 1), List.of(1, 0), List.of(2, 2)), null);
        VolumeChecks.check(spec, 0, v);
        assertThatThrownBy(() -> VolumeChecks.check(spec, 1, v))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("anomaly.positions[3]: [2, 2] lies outside the 2x3 slice (dataset.volumes[1] 'upload:b') "
                        + "(rows 0 to 1, columns 0 to 2)");
    }
}
