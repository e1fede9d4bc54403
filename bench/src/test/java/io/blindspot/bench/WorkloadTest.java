package io.blindspot.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class WorkloadTest {

    @Test
    void theThirtySlicesRunFrom60To118InStepsOf2() {
        // 60 + 29 * 2 = 118
        assertThat(Workload.defaultSlices()).hasSize(30).startsWith(60, 62, 64).endsWith(116, 118);
    }

    @Test
    void aCentreIsABrainPixelAndTheSameEveryTime() {
        // 3 x 4 slice, brain (> 0) only at (1, 1), (1, 2) and (2, 3): any draw must be one of those.
        float[] slice = {
            0f, 0f, 0f, 0f,
            0f, .5f, .7f, 0f,
            0f, 0f, 0f, .2f,
        };
        for (int z = 0; z < 20; z++) {
            int[] c = Workload.centre(slice, 3, 4, z);
            assertThat(slice[c[0] * 4 + c[1]]).as("slice %d", z).isPositive();
            assertThat(Workload.centre(slice, 3, 4, z)).containsExactly(c);
        }
    }

    @Test
    void onCh2betEveryCentreIsInsideTheBrainAndReproducible() throws Exception {
        Path nifti = Path.of("..", "samples", "ch2bet.nii.gz");
        Workload a = Workload.load(nifti, Workload.defaultSlices());
        Workload b = Workload.load(nifti, Workload.defaultSlices());

        assertThat(a.rows()).isEqualTo(181);
        assertThat(a.cols()).isEqualTo(217);
        assertThat(a.positions()).isEqualTo(b.positions()).hasSize(30);
        for (int s = 0; s < a.slices().size(); s++) {
            int[] c = a.centres().get(s);
            assertThat(a.normals().get(s)[c[0] * a.cols() + c[1]]).as("slice %d", a.slices().get(s)).isPositive();
        }
        // A slice's centre does not depend on which other slices are benchmarked.
        Workload one = Workload.load(nifti, java.util.List.of(90));
        assertThat(one.positions().getFirst()).isEqualTo(a.positions().get(15));
    }
}
