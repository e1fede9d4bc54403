package io.blindspot.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarkOptionsTest {

    @Test
    void everyPartRunsByDefaultAndEachCanBeLeftOut() {
        Benchmark.Options all = Benchmark.Options.parse(new String[0]);
        assertThat(all.python()).isTrue();
        assertThat(all.kernel()).isTrue();
        assertThat(all.endToEnd()).isTrue();
        Benchmark.Options some = Benchmark.Options.parse(new String[] {"--grids", "30", "--skip-python",
                "--no-kernel"});
        assertThat(some.grids()).containsExactly(30);
        assertThat(some.python()).isFalse();
        assertThat(some.kernel()).isFalse();
        assertThat(some.endToEnd()).isTrue();
        assertThat(all.metricReps()).isEqualTo(1);
        assertThat(Benchmark.Options.parse(new String[] {"--metric-reps", "3"}).metricReps()).isEqualTo(3);
        assertThat(Benchmark.Options.parse(new String[] {"--no-metrics-e2e"}).metricReps()).isZero();
        assertThatThrownBy(() -> Benchmark.Options.parse(new String[] {"--metric-reps", "-1"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 0");
        assertThatThrownBy(() -> Benchmark.Options.parse(new String[] {"--fast"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--skip-python");
    }

    @Test
    void storeBytesCountsOnlyTheExperimentsObjects(@TempDir Path dir) throws Exception {
        Path s3 = dir.resolve("s3");
        Files.createDirectories(s3.resolve("blindspot/experiments/abc/slices/axis2-0060"));
        Files.createDirectories(s3.resolve("blindspot/experiments/other"));
        Files.write(s3.resolve("blindspot/experiments/abc/slices/axis2-0060/image.npy"), new byte[100]);
        Files.write(s3.resolve("blindspot/experiments/abc/slices/axis2-0060/label.npy"), new byte[28]);
        Files.write(s3.resolve("blindspot/experiments/other/image.npy"), new byte[1000]);
        assertThat(Benchmark.storeBytes(s3, "abc")).isEqualTo(128);
        assertThat(Benchmark.storeBytes(dir.resolve("none"), "abc")).isEqualTo(-1);
    }
}
