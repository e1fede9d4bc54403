package io.blindspot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a benchmark ran on, as the README's table names it: cores, CPU model, memory, Java. */
public record Machine(int nproc, String cpu, double memoryGib, String java) {

    /** This machine: {@code nproc} as the JVM sees it, /proc/cpuinfo's model name, /proc/meminfo's MemTotal. */
    public static Machine current() {
        String cpu = "unknown CPU";
        double mem = -1;
        try {
            cpu = cpuModel(Files.readString(Path.of("/proc/cpuinfo")));
        } catch (IOException | RuntimeException e) {
            // not Linux: keep "unknown CPU"
        }
        try {
            mem = memTotalGib(Files.readString(Path.of("/proc/meminfo")));
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return new Machine(Runtime.getRuntime().availableProcessors(), cpu, mem,
                System.getProperty("java.vm.vendor", "") + " " + Runtime.version());
    }

    /** The first {@code model name} of /proc/cpuinfo, whitespace collapsed; "unknown CPU" without one. */
    static String cpuModel(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("model name")) {
                int colon = line.indexOf(':');
                if (colon >= 0) {
                    return line.substring(colon + 1).strip().replaceAll("\\s+", " ");
                }
            }
        }
        return "unknown CPU";
    }

    /** MemTotal of /proc/meminfo (given in kB, i.e. KiB) in GiB; -1 without it. */
    static double memTotalGib(String meminfo) {
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                String[] f = line.substring("MemTotal:".length()).strip().split("\\s+");
                return Long.parseLong(f[0]) / (1024.0 * 1024.0);
            }
        }
        return -1;
    }

    /** The 1-minute load average now (/proc/loadavg), -1 where the OS does not say. */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** "2 cores (nproc), Intel(R) Xeon(R) …, 23.4 GiB, Eclipse Adoptium 25+36". */
    public String describe() {
        return String.format(Locale.ROOT, "%d cores (nproc), %s, %.1f GiB memory, Java %s", nproc, cpu, memoryGib,
                java.strip());
    }
}
