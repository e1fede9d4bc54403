package io.blindspot.scoring.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the scoring-service itself, {@code blindspot.scoring.*} (and {@link Retention}). */
@ConfigMapping(prefix = "blindspot.scoring")
public interface ScoringConfig {
    /** Whether the sigmas of one block are scored in parallel (common fork-join pool). */
    @WithDefault("true")
    boolean parallelSigmas();

    /** How many events score at the same time; the others read their artefacts meanwhile and wait. At least 1. */
    @WithDefault("1")
    int computeSlots();

    /** MiB that concurrent events may spend on arrays read from the store. At least 1. */
    @WithDefault("160")
    int readBudgetMb();

    /** Slices whose prepared variants are kept (LRU). At least 1. */
    @WithDefault("32")
    int variantsCacheSize();

    /** An experiment without a new value for this long (and no retry in progress) is stalled. Above 0. */
    @WithDefault("2m")
    Duration stalledAfter();

    /**
     * MiB of reconstructions the aggregation stage holds at once (issue 14): it works through the sigmas in chunks
     * whose planes of every slice fit (at least one sigma per chunk). At least 1.
     */
    @WithDefault("256")
    int aggregationMemoryMb();

    /** What happens to the intermediate artefacts once scored, {@code blindspot.retention.*}. */
    @ConfigMapping(prefix = "blindspot.retention")
    interface Retention {
        /** {@code delete} (default) or {@code keep}. */
        @WithDefault("delete")
        String intermediates();

        /** How long the queued deletes may take at shutdown. */
        @WithDefault("10s")
        Duration drainTimeout();
    }
}
