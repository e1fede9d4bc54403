package io.blindspot.scoring.store;

import io.blindspot.contracts.FloatArray;
import io.blindspot.contracts.events.VariantsRef;
import io.blindspot.contracts.store.ObjectStore;
import io.blindspot.scoring.domain.SliceVariants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * A least-recently-used cache of each slice's variants, prepared for scoring ({@link SliceVariants}). Every
 * sigma of a slice arrives as its own event (100 in the paper's grid) and all of them score the same
 * [variants, rows, cols] stack, so loading it once per slice instead of once per event saves ~99% of the reads.
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
    public VariantsCache(ObjectStore store, ReadBudget budget,
                         @ConfigProperty(name = "blindspot.scoring.variants-cache-size", defaultValue = "32")
                         int capacity) {
        this(store::getArray, capacity);
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
     * {@link #get(VariantsRef)}, a miss reserving {@code elements} float32 values of the {@link ReadBudget}
     * while it reads and prepares the stack (the event knows its size: variants × rows × cols).
     */
    public SliceVariants get(VariantsRef ref, long elements) {
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
                entry.complete(load(ref, elements));
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

    private SliceVariants load(VariantsRef ref, long elements) {
        if (budget == null) {
            return SliceVariants.of(reader.apply(ref.anomalousKey()), reader.apply(ref.labelKey()));
        }
        try (ReadBudget.Reservation ignored = budget.reserve(ReadBudget.bytesOf(elements))) {
            return SliceVariants.of(reader.apply(ref.anomalousKey()), reader.apply(ref.labelKey()));
        }
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
