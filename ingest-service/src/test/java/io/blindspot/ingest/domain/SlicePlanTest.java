package io.blindspot.ingest.domain;

import io.blindspot.contracts.events.AnomalyParams;
import io.blindspot.contracts.events.ExperimentSpec;
import io.blindspot.contracts.events.SliceRef;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SlicePlanTest {
    /** 2x3x4, voxel n = n / 23, so v[i][j][k] = (i + 2j + 6k) / 23. */
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

    @Test
    void givesEachSliceItsImageKeyAndPosition() {
        ExperimentSpec spec = spec(2, List.of(3, 1), List.of(List.of(1, 2), List.of(0, 0)), null);
        List<SlicePlan.Entry> plan = SlicePlan.of("e1", spec, ramp());

        assertThat(plan).hasSize(2);
        SlicePlan.Entry first = plan.get(0);
        assertThat(first.imageKey()).isEqualTo("experiments/e1/slices/v000-axis2-0003/image.npy");
        assertThat(first.image().shape()).containsExactly(2, 3);
        // v[i][j][3] = (i + 2j + 18) / 23: rows i, cols j
        assertThat(first.image().data()).containsExactly(18 / 23f, 20 / 23f, 22 / 23f, 19 / 23f, 21 / 23f,
                23 / 23f);
        assertThat(first.event().experimentId()).isEqualTo("e1");
        assertThat(first.event().slice()).isEqualTo(new SliceRef(2, 3, 2, 3, first.imageKey()));
        assertThat(first.event().anomaly()).isEqualTo(new AnomalyParams("disk", 1, List.of(0.0, 1.0),
                List.of(1, 2), null));
        assertThat(first.event().reconstruction()).isEqualTo(spec.reconstruction());
        assertThat(plan.get(1).event().anomaly().position()).containsExactly(0, 0);
        assertThat(plan.get(1).event().slice().index()).isEqualTo(1);
    }

    @Test
    void eachSliceCarriesTheSpecsMetricsToScoring() {
        ExperimentSpec ap = spec(2, List.of(3), List.of(List.of(1, 2)), null);
        ExperimentSpec more = new ExperimentSpec(ap.name(), ap.dataset(), ap.anomaly(), ap.reconstruction(),
                List.of("ap", "auroc", "aupro-0.3"));
        assertThat(SlicePlan.of("e5", ap, ramp()).get(0).event().metrics()).containsExactly("ap");
        assertThat(SlicePlan.of("e5", more, ramp()).get(0).event().metrics()).containsExactly("ap", "auroc",
                "aupro-0.3");
    }

    @Test
    void textureSlicesKeepTheSeedBesideTheirPosition() {
        // pixel-shuffle draws its permutation from the seed even when the centres are given
        ExperimentSpec spec = new ExperimentSpec("t", new ExperimentSpec.Dataset("sample:x", 2, List.of(0)),
                new ExperimentSpec.Anomaly("pixel-shuffle", 1, null, List.of(List.of(1, 2)), 5L),
                new ExperimentSpec.Reconstruction("normal-rec", "gaussian-blur", List.of(0.0)), List.of("ap"));
        SlicePlan.Entry only = SlicePlan.of("e4", spec, ramp()).get(0);
        assertThat(only.event().anomaly().position()).containsExactly(1, 2);
        assertThat(only.event().anomaly().seed()).isEqualTo(5L);
    }

    @Test
    void seededSlicesCarryTheSeedAndNoPosition() {
        List<SlicePlan.Entry> plan = SlicePlan.of("e2", spec(0, List.of(1), null, 7L), ramp());
        SlicePlan.Entry only = plan.get(0);
        // axis 0, x = 1: rows j (3), cols k (4)
        assertThat(only.event().slice()).isEqualTo(new SliceRef(0, 1, 3, 4,
                "experiments/e2/slices/v000-axis0-0001/image.npy"));
        assertThat(only.event().anomaly().position()).isNull();
        assertThat(only.event().anomaly().seed()).isEqualTo(7L);
    }

    @Test
    void equalisesEachSliceOnItsOwnWhenAsked() {
        Volume volume = ramp();
        ExperimentSpec spec = spec(2, List.of(0, 3), List.of(List.of(1, 2), List.of(0, 0)), null);
        List<SlicePlan.Entry> equalised = SlicePlan.of("e3", withPreprocessing(spec, "equalize-hist"), volume);
        List<SlicePlan.Entry> plain = SlicePlan.of("e3", spec, volume);

        for (int s = 0; s < 2; s++) {
            float[] normalised = plain.get(s).image().data();
            float[] image = equalised.get(s).image().data();
            assertThat(equalised.get(s).image().shape()).containsExactly(2, 3);
            assertThat(image).containsExactly(HistogramEqualization.equalize(normalised));
            assertThat(image).isNotEqualTo(normalised);
            for (int n = 0; n < image.length; n++) {
                assertThat(image[n]).isBetween(0f, 1f);
                // the brain mask survives: background stays 0, brain pixels stay positive
                assertThat(image[n] > 0f).isEqualTo(normalised[n] > 0f);
            }
            // the events do not change: only the stored pixels do
            assertThat(equalised.get(s).event()).isEqualTo(plain.get(s).event());
        }
        // slice 0 is v[:, :, 0] = (i + 2j) / 23, whose pixel (0, 0) is background
        assertThat(plain.get(0).image().data()[0]).isZero();
        assertThat(equalised.get(0).image().data()[0]).isZero();
        // each slice is equalised with its own histogram: the largest brain value of either slice becomes 1
        assertThat(equalised.get(0).image().data()[5]).isEqualTo(1f);
        assertThat(equalised.get(1).image().data()[5]).isEqualTo(1f);
    }

    private static ExperimentSpec twoVolumes(List<List<Integer>> positions, Long seed) {
        return new ExperimentSpec("t",
                ExperimentSpec.Dataset.ofVolumes(List.of("upload:a", "upload:b"), 2, List.of(3, 1), "none"),
                new ExperimentSpec.Anomaly("disk", 1, List.of(0.5), positions, seed),
                new ExperimentSpec.Reconstruction("normal-rec", "gaussian-blur", List.of(0.0)), List.of("ap"));
    }

    @Test
    void aSecondVolumesSlicesTakeTheirKeysAndPositionsVolumeMajor() {
        // positions: volume 0 slices 3, 1, then volume 1 slices 3, 1
        ExperimentSpec spec = twoVolumes(List.of(List.of(0, 0), List.of(0, 1), List.of(1, 0), List.of(1, 2)), null);
        List<SlicePlan.Entry> plan = SlicePlan.of("e5", spec, 1, ramp());

        assertThat(plan).extracting(SlicePlan.Entry::imageKey).containsExactly(
                "experiments/e5/slices/v001-axis2-0003/image.npy", "experiments/e5/slices/v001-axis2-0001/image.npy");
        assertThat(plan.get(0).event().slice()).isEqualTo(new SliceRef(1, 2, 3, 2, 3, plan.get(0).imageKey()));
        assertThat(plan.get(0).event().anomaly().position()).containsExactly(1, 0);
        assertThat(plan.get(1).event().anomaly().position()).containsExactly(1, 2);
        assertThat(SlicePlan.of("e5", spec, 0, ramp()).get(1).event().anomaly().position()).containsExactly(0, 1);
    }

    @Test
    void volumeZeroKeepsTheSeedAndEveryOtherVolumeGetsItsOwn() {
        ExperimentSpec spec = twoVolumes(null, 7L);
        assertThat(SlicePlan.of("e6", spec, 0, ramp()).get(0).event().anomaly().seed()).isEqualTo(7L);
        // 7 + 0x9E3779B97F4A7C15, wrapped: 0x9E3779B97F4A7C15 is -7046029254386353131 as a signed long
        assertThat(SlicePlan.of("e6", spec, 1, ramp()).get(0).event().anomaly().seed())
                .isEqualTo(-7046029254386353124L);
        assertThat(SlicePlan.volumeSeed(7L, 2)).isEqualTo(7L + 2 * -7046029254386353131L);
    }

    private static ExperimentSpec withPreprocessing(ExperimentSpec spec, String preprocessing) {
        return new ExperimentSpec(spec.name(), spec.dataset().withPreprocessing(preprocessing), spec.anomaly(),
                spec.reconstruction(), spec.metrics());
    }
}
