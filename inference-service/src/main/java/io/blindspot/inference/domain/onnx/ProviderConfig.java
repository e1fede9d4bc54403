package io.blindspot.inference.domain.onnx;

import java.util.Locale;

/**
 * How ONNX Runtime sessions are configured ({@code blindspot.inference.*}).
 *
 * @param provider         {@value #CPU} or {@value #CUDA}
 * @param cudaDeviceId     the CUDA device for {@value #CUDA}
 * @param intraOpThreads   threads one CPU run may use (ONNX Runtime's intra-op pool), &gt;= 1
 * @param cpuArena         ONNX Runtime's CPU memory arena ({@code blindspot.inference.cpu.arena}, default on): twice
 *                         the throughput of the shipped models at batch 8 here, but each session keeps its peak
 *                         activation memory outside the heap (3.3 GB resident after a VQ-VAE-2 and an AE anomal-rec
 *                         sweep, 1.6 GB without it); off where the pod's memory limit is tight
 */
public record ProviderConfig(String provider, int cudaDeviceId, int intraOpThreads, boolean cpuArena) {
    public static final String CPU = "cpu";
    public static final String CUDA = "cuda";

    public ProviderConfig {
        provider = provider == null ? CPU : provider.trim().toLowerCase(Locale.ROOT);
        if (!CPU.equals(provider) && !CUDA.equals(provider)) {
            throw new IllegalArgumentException("blindspot.inference.provider must be cpu or cuda, got '"
                    + provider + "'");
        }
        if (cudaDeviceId < 0) {
            throw new IllegalArgumentException("blindspot.inference.cuda.device-id must be >= 0, got "
                    + cudaDeviceId);
        }
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("blindspot.inference.cpu.intra-op-threads must be >= 1, got "
                    + intraOpThreads);
        }
    }

    public ProviderConfig(String provider, int cudaDeviceId, int intraOpThreads) {
        this(provider, cudaDeviceId, intraOpThreads, true);
    }

    /** CPU with one intra-op thread per available processor. */
    public static ProviderConfig cpu() {
        return new ProviderConfig(CPU, 0, Runtime.getRuntime().availableProcessors());
    }
}
