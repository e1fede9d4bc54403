package io.blindspot.scoring.service;

import io.blindspot.scoring.config.ScoringConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.Semaphore;

/**
 * Bounds the memory that concurrent events spend on arrays read from the store: a read holds its bytes about
 * three times at its peak (the download's growing buffer, the .npy bytes and their floats), and while a
 * normal-rec reconstruction is 0.16 MB, an anomal-rec one or a slice's variant stack is ~16 MB per 100 variants.
 * With 16 events in flight, and the first events of every slice loading stacks at once, that could exceed the
 * heap (a 100 × 100 run peaked at 423 MiB with a looser budget); so a large read waits for the budget
 * ({@code blindspot.scoring.read-budget-mb}, default 160 of the 512 MiB heap: three stacks of 100 variants)
 * while small ones pass. Counted in whole MiB, at least 1 per read, at most the whole budget (so that one
 * oversized read still proceeds, alone).
 */
@ApplicationScoped
public class ReadBudget {
    private static final long MIB = 1024 * 1024;
    private final int permits;
    private final Semaphore semaphore;

    @Inject
    public ReadBudget(ScoringConfig config) {
        this(config.readBudgetMb());
    }

    /** @param mib {@code blindspot.scoring.read-budget-mb} */
    public ReadBudget(int mib) {
        if (mib < 1) {
            throw new IllegalArgumentException("blindspot.scoring.read-budget-mb must be at least 1, got " + mib);
        }
        this.permits = mib;
        this.semaphore = new Semaphore(mib, true);
    }

    /** A reservation; close it when the arrays are no longer needed. */
    public interface Reservation extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Waits until {@code bytes} (rounded up to MiB, capped at the budget) are free.
     *
     * @param bytes see {@link #bytesOf}
     */
    public Reservation reserve(long bytes) {
        int need = (int) Math.min(permits, Math.max(1, (bytes + MIB - 1) / MIB));
        semaphore.acquireUninterruptibly(need);
        return () -> semaphore.release(need);
    }

    /** Bytes a read of {@code elements} float32 values holds at its peak (see the class comment). */
    public static long bytesOf(long elements) {
        return 12 * elements;
    }

    int available() {
        return semaphore.availablePermits();
    }
}
