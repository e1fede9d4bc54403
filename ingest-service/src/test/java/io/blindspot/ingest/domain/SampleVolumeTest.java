package io.blindspot.ingest.domain;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled ch2bet brain, read from the classpath as the service reads it. Expected voxels were read once
 * independently of this reader, with Python's gzip + struct on the raw file:
 * {@code d = gzip.open(f).read()[352:]; d[i + 181*(j + 217*k)]}.
 */
class SampleVolumeTest {
    private static Volume ch2bet;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream in = SampleVolumeTest.class.getResourceAsStream("/samples/ch2bet.nii.gz")) {
            assertThat(in).as("ch2bet on the classpath").isNotNull();
            ch2bet = NiftiReader.read(in);
        }
    }

    @Test
    void hasTheTemplatesShapeTypeAndMaximum() {
        assertThat(ch2bet.dims()).containsExactly(181, 217, 181);
        assertThat(ch2bet.datatype()).isEqualTo("uint8");
        assertThat(ch2bet.max()).isEqualTo(133f);
    }

    @Test
    void voxelsMatchAnIndependentRead() {
        assertThat(ch2bet.at(90, 108, 90)).isEqualTo(33f);
        assertThat(ch2bet.at(90, 110, 80)).isEqualTo(59f);
        assertThat(ch2bet.at(60, 100, 85)).isEqualTo(107f);
        assertThat(ch2bet.at(100, 120, 70)).isEqualTo(104f);
        assertThat(ch2bet.at(120, 90, 100)).isEqualTo(115f);
        assertThat(ch2bet.at(0, 0, 0)).isEqualTo(0f);
    }

    @Test
    void sliceAlongAxisTwoHasRowIAndColumnJ() {
        float[] z80 = ch2bet.slice(2, 80);
        assertThat(z80).hasSize(181 * 217);
        assertThat(z80[90 * 217 + 110]).isEqualTo(59f);
    }

    @Test
    void normalisesByTheVolumeMaximum133() {
        Volume normalised = Normalisation.byVolumeMaximum(ch2bet);
        assertThat(normalised.at(60, 100, 85)).isEqualTo((float) 107 / (float) 133);
        assertThat(normalised.at(90, 108, 90)).isEqualTo(33f / 133f);
        assertThat(normalised.max()).isEqualTo(1f);
    }

    @Test
    void catalogListsAndOpensTheSample() throws IOException {
        SampleCatalog catalog = new SampleCatalog(SampleVolumeTest.class.getClassLoader());
        assertThat(catalog.names()).containsExactly("ch2bet");
        try (InputStream in = catalog.open("ch2bet").orElseThrow()) {
            assertThat(in.readNBytes(2)).containsExactly(0x1f, 0x8b);
        }
        assertThat(catalog.open("nope")).isEmpty();
        assertThat(catalog.open("../samples/ch2bet")).isEmpty();
    }
}
