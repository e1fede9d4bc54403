package io.blindspot.scoring.service;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.VariantsRef;
import io.blindspot.scoring.config.ScoringConfig;
import io.blindspot.scoring.domain.SliceVariants;
import io.blindspot.scoring.domain.port.ArtefactStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * A least-recently-used cache of each slice's variants, prepared for scoring ({@link SliceVariants}). The sigmas
 * of a slice may arrive in several events (blocks of sigmas, or one event per sigma from older producers) and all
 * of them score the same variants, so they are loaded once per slice instead of once per event. Both forms of
 * {@link VariantsRef} are read: the compact one (a plane and the label values) straight into the prepared form,
 * the full [variants, rows, cols] stack prepared from the stack.
 * The prepared form of the paper's disk is ~0.6 MB (one plane and the label values) instead of the stack's
 * 15.7 MB, so the default keeps 32 slices: enough for the slices in flight at once, which arrive interleaved
 * (with 4 entries of raw stacks, slices were read again and again under GC pressure).
 */
@ApplicationScoped
public class VariantsCache {
    private final Function<String, FloatArray> reader;
    private final Map<String, CompletableFuture<SliceVariants>> entries;
    /** Bounds concurrent stack reads (null: unbounded, in tests). */
    private ReadBudget budget;

    @Inject
    public VariantsCache(ArtefactStore store, ReadBudget budget, ScoringConfig config) {
        this(store, budget, config.variantsCacheSize());
    }

    /** @param capacity {@code blindspot.scoring.variants-cache-size} */
    public VariantsCache(ArtefactStore store, ReadBudget budget, int capacity) {
        this(store::get, capacity);
        this.budget = budget;
    }

    /** @param reader reads the array stored under a key */
    VariantsCache(Function<String, FloatArray> reader, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be at least 1, got " + capacity);
        }
        this.reader = reader;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<SliceVariants>> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The prepared variants of {@code ref}, read from the store on a miss. Concurrent events of the same slice
     * wait for one read instead of each reading; a failed read (or bad data) is not cached.
     */
    public SliceVariants get(VariantsRef ref) {
        return get(ref, 0);
    }

    /**
     * {@link #get(VariantsRef)}, a miss reserving the {@link ReadBudget} for what it reads (see {@link #load}).
     *
     * @param plane the slice's pixels (rows × cols; the event knows them)
     */
    public SliceVariants get(VariantsRef ref, long plane) {
        String key = key(ref);
        CompletableFuture<SliceVariants> entry;
        boolean load = false;
        synchronized (entries) {
            entry = entries.get(key);
            if (entry == null) {
                entry = new CompletableFuture<>();
                entries.put(key, entry);
                load = true;
            }
        }
        if (load) {
            try {
                entry.complete(load(ref, plane));
            } catch (RuntimeException e) {
                synchronized (entries) {
                    entries.remove(key, entry);
                }
                entry.completeExceptionally(e);
            }
        }
        try {
            return entry.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Reads and prepares one slice's variants. The full form reserves its stack and label, (count + 1) planes,
     * for the whole load. The compact form reads the label first (one plane), which gives the number k of label
     * pixels, and then reserves the reference plane and the count × k label values (~0.6 MB instead of the
     * 15.7 MB stack for the paper's disk): one reservation after the other, never two held at once.
     */
    private SliceVariants load(VariantsRef ref, long plane) {
        if (!ref.compact()) {
            try (ReadBudget.Reservation ignored = reserve((ref.count() + 1L) * plane)) {
                return SliceVariants.of(reader.apply(ref.anomalousKey()), reader.apply(ref.labelKey()));
            }
        }
        FloatArray label;
        try (ReadBudget.Reservation ignored = reserve(plane)) {
            label = reader.apply(ref.labelKey());
        }
        long k = 0;
        for (float value : label.data()) {
            k += value == 1f ? 1 : 0;
        }
        try (ReadBudget.Reservation ignored = reserve(plane + ref.count() * k)) {
            return SliceVariants.ofCompact(reader.apply(ref.anomalousKey()), label,
                    reader.apply(ref.labelValuesKey()));
        }
    }

    private ReadBudget.Reservation reserve(long elements) {
        if (budget == null) {
            return () -> { };
        }
        return budget.reserve(ReadBudget.bytesOf(elements));
    }

    /** Forgets the slice of {@code ref} (its artefacts were deleted: nothing will score it again). */
    public void evict(VariantsRef ref) {
        synchronized (entries) {
            entries.remove(key(ref));
        }
    }

    private static String key(VariantsRef ref) {
        return ref.anomalousKey() + "|" + ref.labelKey();
    }
}
