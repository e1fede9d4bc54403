package io.blindspot.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches the four service JVMs while the end-to-end runs: every second it reads each service's
 * {@code /q/metrics} and keeps the largest heap in use and the largest live data seen; on demand it reads the
 * Micrometer timers and each process's CPU time (from the OS, through {@link ProcessHandle}).
 */
final class ServiceMonitor implements AutoCloseable {
    static final long POLL_MILLIS = 1000;

    private final Map<String, String> urls;
    private final Path appsDir;
    private final Path postgresDir;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Double> peakHeap = new ConcurrentHashMap<>();
    private final Map<String, Double> peakLive = new ConcurrentHashMap<>();
    private final Map<String, Integer> scrapes = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;

    /**
     * @param urls    base URL of each service, by name
     * @param stackDir the stack's data folder: service {@code s} runs {@code apps/s/quarkus-run.jar}, PostgreSQL
     *                 keeps its data under {@code postgres/}
     */
    ServiceMonitor(Map<String, String> urls, Path stackDir) {
        this.urls = new LinkedHashMap<>(urls);
        this.appsDir = stackDir.toAbsolutePath().resolve("apps");
        this.postgresDir = stackDir.toAbsolutePath().resolve("postgres");
        this.poller = new Thread(this::poll, "bench-heap-monitor");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        while (running) {
            long t0 = System.nanoTime();
            for (var e : urls.entrySet()) {
                metrics(e.getKey()).ifPresent(text -> {
                    double heap = Prometheus.heapUsedBytes(text);
                    double live = Prometheus.liveDataBytes(text);
                    peakHeap.merge(e.getKey(), heap, Math::max);
                    peakLive.merge(e.getKey(), live, Math::max);
                    scrapes.merge(e.getKey(), 1, Integer::sum);
                });
            }
            long left = POLL_MILLIS - (System.nanoTime() - t0) / 1_000_000;
            if (left > 0) {
                try {
                    Thread.sleep(left);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Forgets the peaks, so that the next figures cover only what runs from now on. */
    void resetPeaks() {
        peakHeap.clear();
        peakLive.clear();
        scrapes.clear();
    }

    /** Largest heap in use seen per service since the last reset, in bytes. */
    Map<String, Double> peakHeapBytes() {
        return ordered(peakHeap);
    }

    /** Largest live data (old generation after a collection) seen per service, in bytes; -1 if never reported. */
    Map<String, Double> peakLiveBytes() {
        return ordered(peakLive);
    }

    int scrapes(String service) {
        return scrapes.getOrDefault(service, 0);
    }

    private Map<String, Double> ordered(Map<String, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String s : urls.keySet()) {
            out.put(s, m.getOrDefault(s, -1.0));
        }
        return out;
    }

    /** The Micrometer timers of every service now. */
    Map<String, Map<String, Prometheus.Timer>> timers() {
        Map<String, Map<String, Prometheus.Timer>> out = new LinkedHashMap<>();
        for (String s : urls.keySet()) {
            out.put(s, metrics(s).map(Prometheus::timers).orElse(Map.of()));
        }
        return out;
    }

    /** Key of the benchmark's own JVM, which hosts Kafka and S3Proxy, in {@link #cpuSeconds()}. */
    static final String LAUNCHER = "kafka+s3proxy";
    /** Key of the PostgreSQL processes in {@link #cpuSeconds()}. */
    static final String POSTGRES = "postgresql";

    /**
     * CPU time (user + system) so far, in seconds, of each service's process, of this JVM (Kafka, S3Proxy and
     * the benchmark's own polling) and of PostgreSQL (the postmaster, found by its data folder on its command
     * line since pg_ctl detaches it, and its backends; a backend that has exited takes its time with it, the
     * services' pooled connections stay); -1 when the OS does not say.
     */
    Map<String, Double> cpuSeconds() {
        Map<String, Double> out = new LinkedHashMap<>();
        List<ProcessHandle> all = ProcessHandle.allProcesses().toList();
        for (String s : urls.keySet()) {
            String jar = appsDir.resolve(s).resolve("quarkus-run.jar").toString();
            out.put(s, all.stream().filter(p -> commandLineContains(p, jar)).findFirst()
                    .map(ServiceMonitor::cpu).orElse(-1.0));
        }
        out.put(LAUNCHER, cpu(ProcessHandle.current()));
        String pgData = postgresDir.toString();
        Optional<ProcessHandle> postmaster = all.stream()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false)
                        && commandLineContains(p, pgData))
                .findFirst();
        out.put(POSTGRES, postmaster.map(pm -> cpu(pm) + pm.descendants().mapToDouble(d -> Math.max(0, cpu(d))).sum())
                .orElse(-1.0));
        return out;
    }

    private static boolean commandLineContains(ProcessHandle p, String text) {
        return p.info().commandLine().map(c -> c.contains(text)).orElse(false);
    }

    private static double cpu(ProcessHandle p) {
        return p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(-1.0);
    }

    private Optional<String> metrics(String service) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(urls.get(service) + "/q/metrics"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
    }
}
