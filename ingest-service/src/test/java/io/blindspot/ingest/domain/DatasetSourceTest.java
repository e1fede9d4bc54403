package io.blindspot.ingest.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetSourceTest {
    @Test
    void parsesTheThreeForms() {
        assertThat(DatasetSource.parse("sample:ch2bet")).isEqualTo(new DatasetSource.Sample("ch2bet"));
        assertThat(DatasetSource.parse("upload:0b6e-11")).isEqualTo(new DatasetSource.Upload("0b6e-11"));
        assertThat(DatasetSource.parse("store:data/brains/a.nii.gz"))
                .isEqualTo(new DatasetSource.Store("data/brains/a.nii.gz"));
        assertThat(DatasetSource.parse("store:a:b").text()).isEqualTo("store:a:b");
    }

    @Test
    void refusesAnythingElse() {
        for (String bad : new String[] {"ch2bet", "sample:", "sample:../etc/passwd", "upload:a/b", "store:",
                "s3:x", "file:/tmp/a.nii"}) {
            assertThatThrownBy(() -> DatasetSource.parse(bad)).as(bad).isInstanceOf(InvalidSpecException.class)
                    .hasMessage("dataset.source must be sample:NAME, upload:ID or store:KEY, got '" + bad + "'");
        }
    }

    @Test
    void aStoreKeyIsAPlainKeyOfSafeCharacters() {
        assertThat(DatasetSource.parse("store:data/brains/sub-01_T1w(1).nii.gz").text())
                .isEqualTo("store:data/brains/sub-01_T1w(1).nii.gz");
        assertThatThrownBy(() -> DatasetSource.parse("store:../x")).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("'..' segment");
        assertThatThrownBy(() -> DatasetSource.parse("store:a/./b")).hasMessageContaining("'..' segment");
        assertThatThrownBy(() -> DatasetSource.parse("store:/etc/passwd")).hasMessageContaining("empty");
        assertThatThrownBy(() -> DatasetSource.parse("store:a//b")).hasMessageContaining("empty");
        assertThatThrownBy(() -> DatasetSource.parse("store:a\nb"))
                .hasMessageContaining("U+000A").hasMessageContaining("\\u000a").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> DatasetSource.parse("store:br\u0430in.nii")) // Cyrillic a
                .hasMessageContaining("U+0430 (CYRILLIC SMALL LETTER A) at position 2");
        assertThatThrownBy(() -> DatasetSource.parse("store:a\\b")).hasMessageContaining("U+005C");
        assertThatThrownBy(() -> DatasetSource.parse("store:" + "a".repeat(1025))).hasMessageContaining("1024");
    }
}
