package io.blindspot.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MachineTest {

    @Test
    void cpuModelIsTheFirstModelNameWithSpacesCollapsed() {
        String cpuinfo = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Xeon(R)  CPU @ 2.20GHz\n"
                + "processor\t: 1\nmodel name\t: other\n";
        assertThat(Machine.cpuModel(cpuinfo)).isEqualTo("Intel(R) Xeon(R) CPU @ 2.20GHz");
        assertThat(Machine.cpuModel("processor : 0\n")).isEqualTo("unknown CPU");
    }

    @Test
    void memTotalIsConvertedFromKibToGib() {
        // 25165824 kB / 1024 / 1024 = 24 GiB
        assertThat(Machine.memTotalGib("MemTotal:       25165824 kB\nMemFree: 1 kB\n")).isEqualTo(24.0);
        assertThat(Machine.memTotalGib("MemFree: 1 kB\n")).isEqualTo(-1);
    }
}
