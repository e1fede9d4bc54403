package io.blindspot.launcher.cli;

import io.blindspot.testing.NiftiFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoodFolderTest {
    @TempDir
    Path dir;

    private void write(String name) throws IOException {
        byte[] nifti = NiftiFiles.float32(4, 4, 3, (i, j, k) -> (i + j + k) / 10f);
        Files.write(dir.resolve(name), name.endsWith(".gz") ? NiftiFiles.gzip(nifti) : nifti);
    }

    @Test
    void listsTheNiftiFilesSortedByNameAndNothingElse() throws IOException {
        for (String name : List.of("00012.nii.gz", "00003.nii.gz", "00007.nii", "B.NII.GZ", "notes.txt",
                "00001.nii.gz.bak")) {
            write(name);
        }
        Files.createDirectory(dir.resolve("00000.nii"));

        assertThat(MoodFolder.volumes(dir)).extracting(p -> p.getFileName().toString())
                .containsExactly("00003.nii.gz", "00007.nii", "00012.nii.gz", "B.NII.GZ");
    }

    @Test
    void theFirstIntOfSixTenthsTrainAndTheRestTest() {
        // int(n * 0.6) truncates: 1 -> 0, 2 -> 1, 5 -> 3, 7 -> 4 (4.2), 10 -> 6, 800 -> 480
        assertThat(MoodFolder.trainCount(1)).isZero();
        assertThat(MoodFolder.trainCount(2)).isEqualTo(1);
        assertThat(MoodFolder.trainCount(5)).isEqualTo(3);
        assertThat(MoodFolder.trainCount(7)).isEqualTo(4);
        assertThat(MoodFolder.trainCount(10)).isEqualTo(6);
        assertThat(MoodFolder.trainCount(800)).isEqualTo(480);

        List<String> files = List.of("a", "b", "c", "d", "e", "f", "g");
        assertThat(MoodFolder.select(files, MoodFolder.Split.TRAIN)).containsExactly("a", "b", "c", "d");
        assertThat(MoodFolder.select(files, MoodFolder.Split.TEST)).containsExactly("e", "f", "g");
        assertThat(MoodFolder.select(files, MoodFolder.Split.ALL)).isEqualTo(files);
        assertThat(MoodFolder.select(List.of("only"), MoodFolder.Split.TEST)).containsExactly("only");
    }

    @Test
    void aFolderWithoutVolumesOrNoFolderIsAUsageError() throws IOException {
        write("x.txt");
        assertThatThrownBy(() -> MoodFolder.volumes(dir)).isInstanceOf(CliException.class)
                .hasMessageContaining("holds no .nii or .nii.gz file");
        assertThatThrownBy(() -> MoodFolder.volumes(dir.resolve("missing"))).isInstanceOf(CliException.class)
                .hasMessageContaining("is not a directory");
        assertThat(MoodFolder.Split.parse("Train")).isEqualTo(MoodFolder.Split.TRAIN);
        assertThatThrownBy(() -> MoodFolder.Split.parse("val")).hasMessage("--split must be test, train or all, "
                + "got 'val'");
    }
}
