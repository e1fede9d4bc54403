package io.blindspot.ingest;

import io.blindspot.ingest.domain.NiftiReader;
import io.blindspot.ingest.domain.Normalisation;
import io.blindspot.ingest.domain.Sequences;
import io.blindspot.ingest.domain.Volume;
import org.junit.jupiter.api.Test;

import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The entry point gives exactly what the domain classes give: the same slices bit for bit, the same grid. */
class IngestKernelsTest {
    private static InputStream ch2bet() {
        return IngestKernelsTest.class.getResourceAsStream("/samples/ch2bet.nii.gz");
    }

    @Test
    void theNormalisedVolumeIsTheDomainsBitForBit() throws Exception {
        Volume expected;
        IngestKernels.NormalisedVolume volume;
        try (InputStream a = ch2bet(); InputStream b = ch2bet()) {
            expected = Normalisation.byVolumeMaximum(NiftiReader.read(a));
            volume = IngestKernels.readNormalised(b);
        }
        for (int axis = 0; axis < 3; axis++) {
            assertThat(volume.sliceShape(axis)).containsExactly(expected.sliceShape(axis));
            assertThat(volume.size(axis)).isEqualTo(expected.size(axis));
        }
        assertThat(volume.sliceShape(2)).containsExactly(181, 217);
        for (int z : new int[] {60, 90, 118}) {
            assertThat(volume.slice(2, z)).containsExactly(expected.slice(2, z));
        }
        assertThat(volume.slice(0, 90)).containsExactly(expected.slice(0, 90));
        float max = 0f;
        for (int z = 0; z < volume.size(2); z++) {
            for (float v : volume.slice(2, z)) {
                max = Math.max(max, v);
            }
        }
        assertThat(max).isEqualTo(1f); // divided by the volume's maximum (133)
    }

    @Test
    void linspaceIsTheDomainsNumpyLinspace() {
        assertThat(IngestKernels.linspace(0, 5, 100)).containsExactly(Sequences.linspace(0, 5, 100));
        assertThat(IngestKernels.linspace(0, 1, 100)[33]).isEqualTo(33 * (1.0 / 99));
        assertThat(IngestKernels.linspace(0, 1, 100)[99]).isEqualTo(1.0);
    }
}
