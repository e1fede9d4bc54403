package io.blindspot.bench;

import io.blindspot.ingest.IngestKernels;

/**
 * An experiment-1 grid: {@code linspace(0, 1, intensities)} × {@code linspace(0, 5, sigmas)}, the paper's axes.
 * The values come from the ingest-service's numpy-exact linspace, so the doubles handed to Python are the very
 * ones the services score (the 100 × 100 grid is the paper's).
 */
public record Sweep(int intensities, int sigmas) {
    public static final double MAX_INTENSITY = 1.0;
    public static final double MAX_SIGMA = 5.0;

    public Sweep {
        if (intensities < 2 || sigmas < 2) {
            throw new IllegalArgumentException("a grid needs at least 2 intensities and 2 sigmas, got "
                    + intensities + " x " + sigmas);
        }
    }

    /** An n × n grid. */
    public static Sweep square(int n) {
        return new Sweep(n, n);
    }

    public double[] intensityValues() {
        return IngestKernels.linspace(0.0, MAX_INTENSITY, intensities);
    }

    public double[] sigmaValues() {
        return IngestKernels.linspace(0.0, MAX_SIGMA, sigmas);
    }

    /** Cells of the grid (one AP per slice for each). */
    public long cells() {
        return (long) intensities * sigmas;
    }

    public String label() {
        return intensities + "x" + sigmas;
    }
}
